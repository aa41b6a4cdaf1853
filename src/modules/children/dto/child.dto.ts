import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { IsIsoDate, Trim } from '../../../common/validation/decorators';
import { isValidNhsNumber, normaliseNhsNumber } from '../domain/nhs-number';
import { isValidUpn, normaliseUpn } from '../domain/upn';
import {
  DISABILITY_CODES,
  disabilityListProblem,
  disabledByCodes,
  isDisabilityCode,
  DisabilityCode,
  ETHNICITY_CODES,
  EthnicityCode,
} from '../domain/dfe-codes';

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

/**
 * The list of disability codes holds together (NONE alone, each code once) and agrees with
 * `disability` when both are given (docs/domain.md#dfe-codes).
 */
@ValidatorConstraint({ name: 'disabilities' })
class DisabilityListRule implements ValidatorConstraintInterface {
  private problem(value: unknown, args: ValidationArguments): string | null {
    if (!Array.isArray(value) || !value.every((code: unknown) => isDisabilityCode(code))) {
      return null; // the code check names the problem
    }
    const codes = value;
    const listProblem = disabilityListProblem(codes);
    if (listProblem !== null) return listProblem;
    const given = (args.object as { disability?: unknown }).disability;
    const derived = disabledByCodes(codes);
    if (typeof given === 'boolean' && derived !== undefined && given !== derived) {
      return `disabilities is ${JSON.stringify(codes)}, so disability must be ${String(derived)} (true when the list names any code but NONE) or be left out`;
    }
    return null;
  }
  validate(value: unknown, args: ValidationArguments): boolean {
    return this.problem(value, args) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return this.problem(args.value, args) ?? 'disabilities is not valid';
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

  @ApiPropertyOptional({
    enum: ETHNICITY_CODES,
    example: 'WBRI',
    description: 'The DfE census code (docs/domain.md#dfe-codes); NOBT when left out',
  })
  @IsOptional()
  @IsIn(ETHNICITY_CODES, {
    message: `ethnicity must be one of the DfE codes ${ETHNICITY_CODES.join(', ')}`,
  })
  ethnicity?: EthnicityCode;

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

  @ApiPropertyOptional({
    default: false,
    description:
      'Derived from disabilities when that names any code (true unless it is ["NONE"]); given alone, kept as given',
  })
  @IsOptional()
  @IsBoolean()
  disability?: boolean;

  @ApiPropertyOptional({
    type: [String],
    enum: DISABILITY_CODES,
    example: ['LD', 'COMM'],
    description: 'DfE disability codes; NONE stands alone',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DISABILITY_CODES.length)
  @IsIn(DISABILITY_CODES, {
    each: true,
    message: `each value in disabilities must be one of the DfE codes ${DISABILITY_CODES.join(', ')}`,
  })
  @Validate(DisabilityListRule)
  disabilities?: DisabilityCode[];

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
  @ApiProperty({ enum: ETHNICITY_CODES }) ethnicity!: EthnicityCode;
  @ApiProperty({ type: String, nullable: true }) nhsNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) upn!: string | null;
  @ApiProperty() disability!: boolean;
  @ApiProperty({ type: [String], enum: DISABILITY_CODES }) disabilities!: DisabilityCode[];
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
