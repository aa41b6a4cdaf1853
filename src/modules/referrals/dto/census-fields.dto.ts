import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Min,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { IsIsoDate } from '../../../common/validation/decorators';
import {
  ASSESSMENT_FACTORS,
  PRIMARY_NEEDS,
  REASONS_FOR_CLOSURE,
  REFERRAL_SOURCES as CIN_REFERRAL_SOURCES,
  type AssessmentFactorCode,
  type PrimaryNeedCode,
  type ReasonForClosureCode,
  type ReferralSourceCode,
} from '../domain/census-codes';

export { CIN_REFERRAL_SOURCES };

/** A census code of `list`; the message names the value refused. */
function IsCode(
  list: readonly string[],
  what: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCensusCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && list.includes(value),
        defaultMessage: (args) =>
          `${args?.property} ${typeof args?.value === 'string' ? `${args.value.slice(0, 20)} ` : ''}is not ${what} (one of ${list.join(', ')})`,
      },
    },
    options,
  );
}

/** A list of census assessment factor codes, each known, none twice; the message names the unknown. */
function IsFactorList(): PropertyDecorator {
  return ValidateBy({
    name: 'isFactorList',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) &&
        value.every(
          (v) => typeof v === 'string' && (ASSESSMENT_FACTORS as readonly string[]).includes(v),
        ) &&
        new Set(value).size === value.length,
      defaultMessage: (args) => {
        const value = Array.isArray(args?.value) ? (args.value as unknown[]) : [];
        const unknown = value
          .filter(
            (v) => typeof v !== 'string' || !(ASSESSMENT_FACTORS as readonly string[]).includes(v),
          )
          .map((v) => String(v).slice(0, 20));
        return unknown.length > 0
          ? `factors ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a census assessment factor code' : 'are not census assessment factor codes'} (1A … 24A)`
          : 'factors must not repeat a code';
      },
    },
  });
}

/** What any assessment's completion may record for the census. */
export class CensusCompletionFields {
  @ApiPropertyOptional({
    type: [String],
    enum: ASSESSMENT_FACTORS,
    description: "The census's factors identified at assessment",
    example: ['3A', '16A'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ASSESSMENT_FACTORS.length)
  @IsFactorList()
  factors?: AssessmentFactorCode[];

  @ApiPropertyOptional({ enum: PRIMARY_NEEDS, description: "The episode's primary need (N0–N9)" })
  @IsOptional()
  @IsCode(PRIMARY_NEEDS, 'a census primary need code')
  primaryNeed?: PrimaryNeedCode;

  @ApiPropertyOptional({
    enum: REASONS_FOR_CLOSURE,
    description:
      'Why the episode closes, when the outcome does not say it (RC8 and RC9 follow from no_further_action and step_down_early_help)',
  })
  @IsOptional()
  @IsCode(REASONS_FOR_CLOSURE, 'a census reason for closure code')
  reasonForClosure?: ReasonForClosureCode;
}

export const CIN_SOURCE_PROPERTY = {
  enum: CIN_REFERRAL_SOURCES,
  description:
    "The DfE referral source code; derived from source, the referrer's agency and the early help case when absent",
};

/** `cinSource` on POST /referrals. */
export function IsCinSource(): PropertyDecorator {
  return IsCode(CIN_REFERRAL_SOURCES, 'a DfE referral source code');
}

export const SINGLE_ASSESSMENT_OUTCOMES = [
  'services_provided',
  'no_further_action',
  'step_down_early_help',
] as const;
export type SingleAssessmentOutcomeValue = (typeof SINGLE_ASSESSMENT_OUTCOMES)[number];

export class StartSingleAssessmentDto {
  @ApiProperty({ format: 'uuid', description: 'An active social care worker' })
  @IsUUID()
  assignedToUserId!: string;
}

export class CompleteSingleAssessmentDto extends CensusCompletionFields {
  @ApiProperty({ example: '2014-03-20' }) @IsDefined() @IsIsoDate() completedAt!: string;
  @ApiProperty({ enum: SINGLE_ASSESSMENT_OUTCOMES })
  @IsIn(SINGLE_ASSESSMENT_OUTCOMES)
  outcome!: SingleAssessmentOutcomeValue;
}

export class UpdateSingleAssessmentDto {
  @ApiPropertyOptional({ example: '2014-02-04', description: 'The day the assessment started' })
  @IsOptional()
  @IsIsoDate()
  startedAt?: string;
  @ApiPropertyOptional({ example: '2014-03-21', description: 'A corrected completion date' })
  @IsOptional()
  @IsIsoDate()
  completedAt?: string;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version!: number;
}

export class ClosureDto {
  @ApiPropertyOptional({ enum: REASONS_FOR_CLOSURE })
  @IsOptional()
  @IsCode(REASONS_FOR_CLOSURE, 'a census reason for closure code')
  reasonForClosure?: ReasonForClosureCode;
  @ApiPropertyOptional({ enum: PRIMARY_NEEDS })
  @IsOptional()
  @IsCode(PRIMARY_NEEDS, 'a census primary need code')
  primaryNeed?: PrimaryNeedCode;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(1) version!: number;
}

export class SingleAssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ format: 'uuid' }) assignedToUserId!: string;
  @ApiProperty({ description: "The referral's framework", example: 'single-2013-04-15' })
  framework!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ description: "The framework's working days after referredAt (45)" })
  dueDate!: string;
  @ApiProperty({
    description:
      'true when the due date was counted over a year the official bank holiday list does not cover (the standing rules were used there)',
  })
  dueDateProvisional!: boolean;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ enum: SINGLE_ASSESSMENT_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Completed on or before the due date',
  })
  inTime!: boolean | null;
  @ApiProperty({ type: [String] }) factors!: string[];
  @ApiProperty() version!: number;
}

export class OpenSingleAssessmentView extends SingleAssessmentView {
  @ApiProperty({ description: 'Working days until due (0 on the day), negative when overdue' })
  workingDaysRemaining!: number;
}

export class SingleAssessmentPageView {
  @ApiProperty({ type: [OpenSingleAssessmentView] }) items!: OpenSingleAssessmentView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export type { ReferralSourceCode };
