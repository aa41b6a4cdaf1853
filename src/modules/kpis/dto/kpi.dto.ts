import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { BREAKDOWNS, type Breakdown } from '../domain/breakdowns';
import { METRIC_NAMES, type MetricName } from '../domain/catalogue';

const PERIOD = {
  description: 'A month (2011-04), a quarter (FY2011-12-Q1) or a financial year (FY2011-12)',
  example: 'FY2011-12-Q1',
  maxLength: 20,
};

export class KpiQuery {
  @ApiProperty(PERIOD) @IsString() @MaxLength(20) period!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One locality; none: the whole authority' })
  @IsOptional()
  @IsUUID()
  localityId?: string;

  @ApiPropertyOptional({
    enum: BREAKDOWNS,
    description:
      'Adds groups to each child-level item, suppressed per group and by complement; computed now, not from a snapshot',
  })
  @IsOptional()
  @IsIn(BREAKDOWNS)
  breakdown?: Breakdown;

  @ApiPropertyOptional({ description: 'One indicator of the plan only', maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  code?: string;
}

export class FeedQuery {
  @ApiProperty(PERIOD) @IsString() @MaxLength(20) period!: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class SnapshotListQuery {
  @ApiProperty(PERIOD) @IsString() @MaxLength(20) period!: string;
}

export class CreateSnapshotDto {
  @ApiProperty(PERIOD) @IsString() @MaxLength(20) period!: string;

  @ApiPropertyOptional({
    description: 'Take a new snapshot of a period that has one; the old one is kept',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  recompute?: boolean;
}

const RAGS = ['green', 'amber', 'red'];

export class KpiGroupDto {
  @ApiProperty({ example: 'White' }) group!: string;
  @ApiProperty({ type: Number, nullable: true }) numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator!: number | null;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty() suppressed!: boolean;
}

export class KpiItemDto {
  @ApiProperty({ example: 'initial_assessments_in_7_days_pct' }) code!: string;
  @ApiProperty({ enum: METRIC_NAMES }) metric!: MetricName;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Percentages 0–100 and rates to one decimal place',
  })
  value!: number | null;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ enum: RAGS, nullable: true }) rag!: 'green' | 'amber' | 'red' | null;
  @ApiProperty({ description: 'Small numbers hidden (docs/domain.md#suppression)' })
  suppressed!: boolean;
  @ApiProperty({ enum: ['count', 'percent', 'rate', 'median'] }) unit!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The story behind the figure' })
  commentary!: string | null;
  @ApiPropertyOptional({ type: [KpiGroupDto], description: 'With breakdown=, child-level items' })
  groups?: KpiGroupDto[];
}

export class SnapshotRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() takenAt!: Date;
}

export class KpisDto {
  @ApiProperty({ example: 'FY2011-12-Q1' }) period!: string;
  @ApiProperty({ example: '2011-04-01' }) from!: string;
  @ApiProperty({ example: '2011-06-30' }) to!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) localityId!: string | null;
  @ApiProperty({
    type: SnapshotRefDto,
    nullable: true,
    description: 'The snapshot the values come from; null: computed now',
  })
  snapshot!: SnapshotRefDto | null;
  @ApiProperty({ type: [KpiItemDto] }) items!: KpiItemDto[];
}

export class FeedRowDto extends OmitType(KpiItemDto, ['code', 'unit', 'groups'] as const) {
  @ApiProperty() period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() indicatorCode!: string;
  @ApiProperty({ enum: ['count', 'percent', 'rate', 'median'] }) unit!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) localityId!: string | null;
  @ApiProperty({ example: 'ALL' }) localityCode!: string;
  @ApiProperty() localityName!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) snapshotId!: string | null;
  @ApiProperty({ type: Date, nullable: true }) snapshotTakenAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) baselinePeriod!: string | null;
  @ApiProperty({ type: Number, nullable: true }) baselineValue!: number | null;
  @ApiProperty({ type: String, nullable: true }) leadAgency!: string | null;
  @ApiProperty({ type: String, nullable: true }) leadOfficer!: string | null;
  @ApiProperty({ type: String, nullable: true }) monitoredBy!: string | null;
}

export class FeedDto {
  @ApiProperty() period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: SnapshotRefDto, nullable: true }) snapshot!: SnapshotRefDto | null;
  @ApiProperty({ type: [FeedRowDto] }) rows!: FeedRowDto[];
}

export class SnapshotDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() takenAt!: Date;
  @ApiProperty() planVersion!: number;
  @ApiProperty({ description: 'Indicator × locality rows frozen' }) rows!: number;
  @ApiProperty({ description: 'Time taken to compute the values, in ms' }) computeMs!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supersedes!: string | null;
}

export class SnapshotSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() takenAt!: Date;
  @ApiProperty() planVersion!: number;
  @ApiProperty({ description: 'Whether this is the snapshot served' }) current!: boolean;
}

export class ReplacePlanDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The plan as JSON (same structure as the YAML file)',
  })
  @IsOptional()
  @IsObject()
  plan?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The plan file’s YAML text', maxLength: 200_000 })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  yaml?: string;

  @ApiProperty({ type: 'integer', description: 'The plan’s current version' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class SetTargetsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    description: 'Target per financial year; null removes it',
    example: { 'FY2011-12': 80, 'FY2012-13': null },
  })
  @IsObject()
  targets!: Record<string, number | null>;

  @ApiProperty({ type: 'integer', description: 'The plan’s current version' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class BaselineDto {
  @ApiProperty({ example: 'FY2008-09' }) period!: string;
  @ApiProperty({ example: 22 }) value!: number;
}

export class PlanYearsDto {
  @ApiProperty({ example: 'FY2008-09' }) from!: string;
  @ApiProperty({ example: 'FY2026-27' }) to!: string;
}

export class PlanIndicatorDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: METRIC_NAMES }) metric!: MetricName;
  @ApiProperty({ enum: ['monthly', 'quarterly', 'annual'] }) frequency!: string;
  @ApiProperty({ enum: ['higher_is_better', 'lower_is_better'] }) polarity!: string;
  @ApiProperty({ enum: ['count', 'percent', 'rate', 'median'] }) unit!: string;
  @ApiProperty({ description: 'What the metric counts (the catalogue)' }) definition!: string;
  @ApiPropertyOptional() source?: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { 'FY2011-12': 80 },
  })
  targets!: Record<string, number>;
  @ApiPropertyOptional({ type: BaselineDto }) baseline?: BaselineDto;
  @ApiPropertyOptional({ example: 'Children’s Services' }) leadAgency?: string;
  @ApiPropertyOptional({ example: 'Head of Early Intervention' }) leadOfficer?: string;
  @ApiPropertyOptional({ example: "Children's Trust Board, quarterly" }) monitoredBy?: string;
  @ApiPropertyOptional({ description: 'service_starts: the one service counted' })
  serviceCode?: string;
}

export class PlanPriorityDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [PlanIndicatorDto] }) indicators!: PlanIndicatorDto[];
}

export class PlanThemeDto {
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [PlanPriorityDto] }) priorities!: PlanPriorityDto[];
}

export class PlanDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['file', 'admin'] }) source!: string;
  @ApiProperty({ type: Date, nullable: true }) updatedAt!: Date | null;
  @ApiProperty({ type: [String] }) alsoVisibleTo!: string[];
  @ApiProperty({ type: PlanYearsDto, description: 'The financial years the plan covers' })
  years!: PlanYearsDto;
  @ApiProperty({ description: 'Working days after a period ends before its automatic snapshot' })
  snapshotAfterWorkingDays!: number;
  @ApiProperty({ type: [PlanThemeDto] }) themes!: PlanThemeDto[];
}

export class EnteredValueDto {
  @ApiProperty(PERIOD) @IsString() @MaxLength(20) period!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'None: the whole authority' })
  @IsOptional()
  @IsUUID()
  localityId?: string;

  @ApiPropertyOptional({ description: 'A count, when the figure is a ratio of two' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'numerator must be a number' })
  numerator?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'denominator must be a number' })
  denominator?: number;

  @ApiProperty({ description: 'The figure as published' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'value must be a number' })
  value!: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The current version, to replace a value entered before',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class EnteredValueAnswerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() indicatorCode!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) localityId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator!: number | null;
  @ApiProperty() value!: number;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ format: 'uuid' }) updatedBy!: string;
}

export class CsvLoadAnswerDto {
  @ApiProperty({ description: 'Rows stored' }) rows!: number;
  @ApiProperty({ type: [String] }) indicators!: string[];
  @ApiProperty({ type: [String] }) periods!: string[];
}

export class CommentaryDto {
  @ApiProperty(PERIOD) @IsString() @MaxLength(20) period!: string;

  @ApiProperty({ description: 'The story behind the figure', maxLength: 4000 })
  @IsString()
  @MaxLength(4000)
  text!: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'The current version, to replace commentary written before',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class CommentaryAnswerDto {
  @ApiProperty() indicatorCode!: string;
  @ApiProperty() period!: string;
  @ApiProperty() text!: string;
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ format: 'uuid' }) updatedBy!: string;
}
