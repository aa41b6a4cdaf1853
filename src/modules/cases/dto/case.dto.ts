import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { BooleanParam, IntegerParam, IsIsoDate, Trim } from '../../../common/validation/decorators';
import {
  ELEMENT_CODES,
  ELEMENT_LEVELS,
  type ElementCode,
  type ElementLevel,
} from '../domain/caf-elements';
import {
  ACTION_ITEM_STATUSES,
  ActionItemStatus,
  CASE_STATUSES,
  CaseStatus,
  CLOSURE_REASONS,
  ClosureReason,
} from '../domain/case-lifecycle';

const TEXT = 10_000;
const CONSENT_RELATIONSHIPS = ['parent', 'carer', 'child', 'young_person'] as const;
const CONSENT_SCOPES = ['assessment', 'information_sharing'] as const;

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  childId!: string;
}

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() localityId?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4 })
  @IsOptional()
  @IntegerParam(1, 4)
  tier?: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() leadProfessionalId?: string;
}

export class ElementInput {
  @ApiProperty({ enum: ELEMENT_CODES }) @IsIn(ELEMENT_CODES) code!: ElementCode;
  @ApiProperty({
    enum: ELEMENT_LEVELS,
    description: '0 strength, 1 additional, 2 complex, 3 acute / safeguarding',
  })
  @IsIn(ELEMENT_LEVELS)
  level!: ElementLevel;
  @ApiPropertyOptional({ maxLength: TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT)
  notes?: string;
}

export class SaveAssessmentDto {
  @ApiProperty({ type: [ElementInput], description: 'Any of the 19 elements, each at most once' })
  @IsArray()
  @ArrayMaxSize(ELEMENT_CODES.length)
  @ArrayUnique((element: ElementInput) => element?.code, {
    message: 'elements must name each code at most once',
  })
  @ValidateNested({ each: true })
  @Type(() => ElementInput)
  elements!: ElementInput[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) strengths?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) needsSummary?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) childViews?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) parentViews?: string;

  @ApiProperty({ type: 'integer', description: 'The assessment version you last read' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class RecordConsentDto {
  @ApiProperty({ example: 'Sarah Jones', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  givenBy!: string;
  @ApiProperty({ enum: CONSENT_RELATIONSHIPS })
  @IsIn(CONSENT_RELATIONSHIPS)
  relationship!: (typeof CONSENT_RELATIONSHIPS)[number];
  @ApiProperty({
    example: '2011-04-21T10:30:00+01:00',
    description: 'When consent was given (ISO 8601 instant or date)',
  })
  @IsDefined()
  @IsISO8601({ strict: true, strictSeparator: true })
  givenAt!: string;
  @ApiProperty({ enum: CONSENT_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(CONSENT_SCOPES, { each: true })
  scope!: (typeof CONSENT_SCOPES)[number][];
}

export class WithdrawConsentDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
  @ApiPropertyOptional({
    description:
      'A safeguarding referral has been made: the case stays open instead of closing as consent_withdrawn',
  })
  @IsOptional()
  @IsBoolean()
  safeguardingReferralMade?: boolean;
}

export class TierDecisionDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 }) @IsInt() @Min(1) @Max(4) tier!: number;
  @ApiPropertyOptional({
    description: 'Required when the tier differs from the suggestion',
    maxLength: 2000,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class TierReviewDto {
  @ApiProperty({ description: 'true confirms the pending decision, false rejects it' })
  @IsBoolean()
  confirm!: boolean;
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CloseCaseDto {
  @ApiProperty({ enum: CLOSURE_REASONS }) @IsIn(CLOSURE_REASONS) reason!: ClosureReason;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for reason other' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReopenCaseDto {
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class AddMemberDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A user; or give externalName and externalAgency',
  })
  @ValidateIf((dto: AddMemberDto) => dto.externalName === undefined || dto.userId !== undefined)
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((dto: AddMemberDto) => dto.userId === undefined || dto.externalName !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalName?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((dto: AddMemberDto) => dto.externalName !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  externalAgency?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contact?: string;

  @ApiProperty({ example: 'School nurse', maxLength: 200 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  role!: string;
}

export class LeaveTacDto {
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
  @ApiProperty({ type: 'integer', description: 'The membership version you last read' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class SetLeadProfessionalDto {
  @ApiProperty({ format: 'uuid', description: 'A TAC member with an account' })
  @IsUUID()
  userId!: string;
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ScheduleMeetingDto {
  @ApiProperty({ example: '2011-05-10T14:00:00+01:00' })
  @IsDefined()
  @IsISO8601({ strict: true, strictSeparator: true })
  scheduledAt!: string;
  @ApiProperty({ maxLength: 500 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  location!: string;
}

export class RecordMeetingDto {
  @ApiProperty({ example: '2011-05-10T14:05:00+01:00' })
  @IsDefined()
  @IsISO8601({ strict: true, strictSeparator: true })
  heldAt!: string;
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeUserIds!: string[];
  @ApiPropertyOptional({ type: [String], description: 'Names of attendees without an account' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  externalAttendees?: string[];
  @ApiProperty() @IsBoolean() familyAttended!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) notes?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) decisions?: string;
}

export class CancelMeetingDto {
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class CreateActionItemDto {
  @ApiProperty({ enum: ELEMENT_CODES, description: 'The CAF element this addresses' })
  @IsIn(ELEMENT_CODES)
  need!: ElementCode;
  @ApiProperty({ maxLength: 2000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  action!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A user who is a TAC member; or ownerMemberId',
  })
  @ValidateIf(
    (dto: CreateActionItemDto) => dto.ownerMemberId === undefined || dto.ownerUserId !== undefined,
  )
  @IsUUID()
  ownerUserId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A TAC member (e.g. an external practitioner)',
  })
  @IsOptional()
  @IsUUID()
  ownerMemberId?: string;
  @ApiProperty({ example: '2011-06-30' }) @IsDefined() @IsIsoDate() dueDate!: string;
  @ApiPropertyOptional({
    description: "A service of the authority's directory (config/services.yaml)",
    example: 'triple_p',
    maxLength: 80,
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  serviceCode?: string;
}

export class UpdateActionItemDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  action?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerUserId?: string;
  @ApiPropertyOptional({ example: '2011-07-31' }) @IsOptional() @IsIsoDate() dueDate?: string;
  @ApiPropertyOptional({ enum: ACTION_ITEM_STATUSES })
  @IsOptional()
  @IsIn(ACTION_ITEM_STATUSES)
  status?: ActionItemStatus;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Required to cancel' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  reason?: string;
  @ApiProperty({ type: 'integer', description: 'The item version you last read' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class MyCasesQuery extends PageQuery {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Only cases you lead (default); false: every case you are linked to',
  })
  @IsOptional()
  @BooleanParam()
  @IsBoolean()
  leading?: boolean;
}
