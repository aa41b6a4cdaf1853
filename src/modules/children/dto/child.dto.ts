import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { IsIsoDate, Trim } from '../../../common/validation/decorators';
import { isValidNhsNumber, normaliseNhsNumber } from '../domain/nhs-number';
import { isValidUpn, normaliseUpn } from '../domain/upn';

export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

@ValidatorConstraint({ name: 'nhsNumber' })
class NhsNumberRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidNhsNumber(value);
  }
  defaultMessage(): string {
    return 'nhsNumber must be 10 digits with a valid modulus-11 check digit';
  }
}

@ValidatorConstraint({ name: 'upn' })
class UpnRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidUpn(value);
  }
  defaultMessage(): string {
    return 'upn must be a 13-character unique pupil number with a valid check letter';
  }
}

export class CreateChildDto {
  @ApiProperty({ example: 'Amelia', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName!: string;

  @ApiProperty({ example: 'Jones', maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName!: string;

  @ApiProperty({ example: '2008-05-14' })
  @IsDefined()
  @IsIsoDate()
  dateOfBirth!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  localityId!: string;

  @ApiPropertyOptional({ example: 'LS1 4AP' })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(/^[A-Za-z0-9 ]{2,10}$/, { message: 'postcode must be a UK postcode' })
  postcode?: string;

  @ApiPropertyOptional({ example: 'White British', maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  ethnicity?: string;

  @ApiPropertyOptional({
    example: '9434765919',
    description: '10 digits, modulus-11 checked; spaces allowed',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseNhsNumber(value) : value,
  )
  @IsString()
  @Validate(NhsNumberRule)
  nhsNumber?: string;

  @ApiPropertyOptional({
    example: 'A123456789012',
    description: 'Unique pupil number, check letter verified',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normaliseUpn(value) : value,
  )
  @IsString()
  @Validate(UpnRule)
  upn?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  disability?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Children of one family share it' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A child you may see: the new child joins their household (one is made if they have none); instead of householdId',
  })
  @IsOptional()
  @IsUUID()
  siblingOfChildId?: string;
}

export class ChildSearchQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'A name (or part), a date of birth (YYYY-MM-DD), an NHS number or a UPN',
    example: 'jones',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  q?: string;
}

export class ChildDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty({ enum: GENDERS }) gender!: Gender;
  @ApiProperty({ format: 'uuid' }) localityId!: string;
  @ApiProperty({ type: String, nullable: true }) postcode!: string | null;
  @ApiProperty({ type: String, nullable: true }) ethnicity!: string | null;
  @ApiProperty({ type: String, nullable: true }) nhsNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) upn!: string | null;
  @ApiProperty() disability!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) householdId!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
}

export class CreatedChildDto extends ChildDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Children with the same name and date of birth in the same locality (a flag, not an error)',
  })
  possibleDuplicates!: string[];
}

export class LeadProfessionalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class HouseholdCaseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['assessment', 'active'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) tier!: number | null;
  @ApiProperty({ type: LeadProfessionalDto, nullable: true })
  leadProfessional!: LeadProfessionalDto | null;
}

export class HouseholdReferralDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2024-03-05' }) referredAt!: string;
  @ApiProperty({ enum: ['awaiting_decision', 'decided'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'initial_assessment' })
  outcome!: string | null;
}

export class HouseholdMemberDto {
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiProperty({
    type: HouseholdCaseDto,
    nullable: true,
    description: 'The child’s open case, if you may see it',
  })
  openCase!: HouseholdCaseDto | null;
  @ApiProperty({
    type: HouseholdReferralDto,
    nullable: true,
    description: 'A referral whose social care episode is open, if you may see it',
  })
  openReferral!: HouseholdReferralDto | null;
}

export class HouseholdDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) householdId!: string | null;
  @ApiProperty({
    type: [HouseholdMemberDto],
    description: 'The other children of the household that you may see',
  })
  members!: HouseholdMemberDto[];
}

export class ChildPageDto {
  @ApiProperty({ type: [ChildDto] }) items!: ChildDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
