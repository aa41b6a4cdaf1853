import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { BooleanParam, IsIsoDate, Trim } from '../../../common/validation/decorators';
import {
  CensusCompletionFields,
  CIN_SOURCE_PROPERTY,
  IsCinSource,
  type ReferralSourceCode,
} from './census-fields.dto';

export const REFERRAL_SOURCES = [
  'school',
  'health',
  'police',
  'early_help',
  'family',
  'self',
  'anonymous',
  'other_la',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const DECISION_OUTCOMES = [
  'initial_assessment',
  'no_further_action',
  'step_down_early_help',
  'signposted_universal',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const INITIAL_ASSESSMENT_OUTCOMES = [
  'core_assessment',
  'services_provided',
  'no_further_action',
  'step_down_early_help',
] as const;
export type InitialAssessmentOutcome = (typeof INITIAL_ASSESSMENT_OUTCOMES)[number];
export const REFERRAL_STATUSES = ['awaiting_decision', 'decided'] as const;

export class CreateReferralDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() childId!: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The early help case the referral comes from',
  })
  @IsOptional()
  @IsUUID()
  caseId?: string;
  @ApiProperty({ example: '2011-04-21', description: 'The referral date (not in the future)' })
  @IsDefined()
  @IsIsoDate()
  referredAt!: string;
  @ApiProperty({ enum: REFERRAL_SOURCES }) @IsIn(REFERRAL_SOURCES) source!: ReferralSource;
  @ApiProperty({ maxLength: 5000 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
  @ApiPropertyOptional({
    default: false,
    description:
      'Sharing without the family’s information-sharing consent because the child may be at risk of significant harm: required (with safeguardingReason) when the case has no such consent',
  })
  @IsOptional()
  @IsBoolean()
  safeguarding?: boolean;
  @ApiPropertyOptional({
    maxLength: 5000,
    description: 'Why sharing without consent is justified; required when safeguarding is true',
  })
  @ValidateIf(
    (dto: CreateReferralDto) => dto.safeguarding === true || dto.safeguardingReason !== undefined,
  )
  @IsDefined({ message: 'safeguardingReason is required when safeguarding is true' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'safeguardingReason is required when safeguarding is true' })
  @MaxLength(5000)
  safeguardingReason?: string;
  @ApiPropertyOptional(CIN_SOURCE_PROPERTY)
  @IsOptional()
  @IsCinSource()
  cinSource?: ReferralSourceCode;
}

export class UpdateReferralDto {
  @ApiProperty({
    example: '2011-04-20',
    description: 'A corrected referral date: due dates are recomputed',
  })
  @IsDefined()
  @IsIsoDate()
  referredAt!: string;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version!: number;
}

export class ReferralListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: (typeof REFERRAL_STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() localityId?: string;
  @ApiPropertyOptional({ example: '2011-04-01', description: 'referredAt on or after' })
  @IsOptional()
  @IsIsoDate()
  from?: string;
  @ApiPropertyOptional({ example: '2012-03-31', description: 'referredAt on or before' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanParam()
  @IsBoolean()
  isReReferral?: boolean;
}

export class DecisionDto {
  @ApiProperty({ enum: DECISION_OUTCOMES }) @IsIn(DECISION_OUTCOMES) outcome!: DecisionOutcome;
  @ApiProperty({ example: '2011-04-22' }) @IsDefined() @IsIsoDate() decidedAt!: string;
}

export class CorrectDecisionDto extends DecisionDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the first decision is corrected (it is kept)' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class StartInitialAssessmentDto {
  @ApiProperty({ format: 'uuid', description: 'An active social care worker' })
  @IsUUID()
  assignedToUserId!: string;
}

export class CompleteInitialAssessmentDto extends CensusCompletionFields {
  @ApiProperty({ example: '2011-05-05' }) @IsDefined() @IsIsoDate() completedAt!: string;
  @ApiProperty({ enum: INITIAL_ASSESSMENT_OUTCOMES })
  @IsIn(INITIAL_ASSESSMENT_OUTCOMES)
  outcome!: InitialAssessmentOutcome;
}

export class StartCoreAssessmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() initialAssessmentId!: string;
  @ApiProperty({ example: '2011-05-06' }) @IsDefined() @IsIsoDate() commencedAt!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() assignedToUserId!: string;
}

export class UpdateCoreAssessmentDto {
  @ApiProperty({ example: '2011-05-09' }) @IsDefined() @IsIsoDate() commencedAt!: string;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version!: number;
}

export class CompleteCoreAssessmentDto extends CensusCompletionFields {
  @ApiProperty({ example: '2011-06-20' }) @IsDefined() @IsIsoDate() completedAt!: string;
}

export class WorkListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only those assigned to this worker' })
  @IsOptional()
  @IsUUID()
  assignedToUserId?: string;
}

// Response shapes.

export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ format: 'uuid' }) localityId!: string;
  @ApiProperty() referredAt!: string;
  @ApiProperty({ enum: REFERRAL_SOURCES }) source!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) referrerUserId!: string;
  @ApiProperty() isReReferral!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousReferralId!: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: string;
  @ApiProperty({ enum: DECISION_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) stepDownCaseId!: string | null;
  @ApiProperty({
    description: 'Shared without information-sharing consent, on safeguarding grounds',
  })
  safeguarding!: boolean;
  @ApiProperty({ type: String, nullable: true }) safeguardingReason!: string | null;
  @ApiProperty({
    description:
      'The assessment framework in force on referredAt (kept when the framework file changes)',
    example: 'initial-core-2000-01-01',
  })
  framework!: string;
  @ApiProperty({
    description:
      "The framework's timescales as kept on the referral: kind (initial_core or single), working days for each assessment and the decision",
    example: { kind: 'initial_core', initialAssessment: 7, coreAssessment: 35, decision: 1 },
  })
  frameworkTimescales!: object;
  @ApiProperty({ type: String, nullable: true, description: 'The DfE referral source code' })
  cinSource!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The episode's census primary need" })
  primaryNeed!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the episode closed, in the census codes (RC1–RC9)',
  })
  reasonForClosure!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
}

export class QueuedReferralView extends ReferralView {
  @ApiProperty({ description: 'Working days since the referral date' }) workingDaysWaited!: number;
}

export class ReferralPageView {
  @ApiProperty({ type: [ReferralView] }) items!: ReferralView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class QueuePageView {
  @ApiProperty({ type: [QueuedReferralView] }) items!: QueuedReferralView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class InitialAssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ format: 'uuid' }) assignedToUserId!: string;
  @ApiProperty({ description: '7 working days after referredAt' }) dueDate!: string;
  @ApiProperty({
    description:
      'true when the due date was counted over a year the official bank holiday list does not cover (the standing rules were used there)',
  })
  dueDateProvisional!: boolean;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ enum: INITIAL_ASSESSMENT_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Completed on or before the due date',
  })
  inTime!: boolean | null;
  @ApiProperty({ type: [String], description: "The census's factors identified at assessment" })
  factors!: string[];
  @ApiProperty() version!: number;
}

export class CoreAssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) initialAssessmentId!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ format: 'uuid' }) assignedToUserId!: string;
  @ApiProperty() commencedAt!: string;
  @ApiProperty({ description: '35 working days after commencedAt' }) dueDate!: string;
  @ApiProperty({
    description:
      'true when the due date was counted over a year the official bank holiday list does not cover (the standing rules were used there)',
  })
  dueDateProvisional!: boolean;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) inTime!: boolean | null;
  @ApiProperty({ type: [String], description: "The census's factors identified at assessment" })
  factors!: string[];
  @ApiProperty() version!: number;
}

export class OpenInitialAssessmentView extends InitialAssessmentView {
  @ApiProperty({ description: 'Working days until due (0 on the day), negative when overdue' })
  workingDaysRemaining!: number;
}

export class OpenCoreAssessmentView extends CoreAssessmentView {
  @ApiProperty({ description: 'Working days until due (0 on the day), negative when overdue' })
  workingDaysRemaining!: number;
}

export class InitialAssessmentPageView {
  @ApiProperty({ type: [OpenInitialAssessmentView] }) items!: OpenInitialAssessmentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class CoreAssessmentPageView {
  @ApiProperty({ type: [OpenCoreAssessmentView] }) items!: OpenCoreAssessmentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
