import { Body, Controller, Get, HttpCode, Param, Patch, Put, Query, Res } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { ErrorResponse } from '../../common/errors/error-response';
import { ALL_ROLES } from '../../common/domain/roles';
import { toCsv } from './domain/csv';
import { FEED_COLUMNS, type FeedColumn } from './domain/feed';
import {
  CreateSnapshotDto,
  FeedDto,
  FeedQuery,
  KpiQuery,
  KpisDto,
  PlanDto,
  ReplacePlanDto,
  SetTargetsDto,
  SnapshotDto,
  SnapshotListQuery,
  SnapshotSummaryDto,
} from './dto/kpi.dto';
import { FeedRow, KpisService } from './kpis.service';
import { PlansService } from './plans.service';
import { planView } from './plan-view';

function csvRow(row: FeedRow): Record<FeedColumn, unknown> {
  return {
    period: row.period,
    from: row.from,
    to: row.to,
    indicator_code: row.indicatorCode,
    metric: row.metric,
    title: row.title,
    unit: row.unit,
    locality_id: row.localityId,
    locality_code: row.localityCode,
    locality_name: row.localityName,
    numerator: row.numerator,
    denominator: row.denominator,
    value: row.value,
    target: row.target,
    rag: row.rag,
    suppressed: row.suppressed,
    snapshot_id: row.snapshotId,
    snapshot_taken_at: row.snapshotTakenAt,
    baseline_period: row.baselinePeriod,
    baseline_value: row.baselineValue,
    lead_agency: row.leadAgency,
    lead_officer: row.leadOfficer,
    monitored_by: row.monitoredBy,
    commentary: row.commentary,
  };
}

@ApiTags('indicators')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'The role cannot read indicators' })
@Controller()
export class KpisController {
  constructor(
    private readonly kpis: KpisService,
    private readonly plans: PlansService,
    private readonly clock: Clock,
  ) {}

  @Get('plans')
  @Access(...ALL_ROLES)
  @ApiOperation({
    summary: 'The plan in force: themes, priorities and indicators with their targets',
    description: 'Performance managers, locality managers, admins, and roles the plan grants.',
  })
  @ApiOkResponse({ type: PlanDto })
  async plan(@CurrentActor() actor: Actor): Promise<PlanDto> {
    const active = await this.plans.get();
    this.kpis.assertReader(actor, active.plan);
    return planView(active, this.clock.today());
  }

  @Put('plans/current')
  @Access('admin')
  @ApiOperation({ summary: 'Load another plan (its YAML file, or the same structure as JSON)' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale version' })
  async replacePlan(@CurrentActor() actor: Actor, @Body() body: ReplacePlanDto): Promise<PlanDto> {
    return planView(await this.plans.replace(actor, body), this.clock.today());
  }

  @Patch('plans/current/indicators/:code')
  @Access('admin')
  @ApiOperation({ summary: "Set or remove an indicator's targets per financial year" })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such indicator in the plan' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale version' })
  async setTargets(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: SetTargetsDto,
  ): Promise<PlanDto> {
    return planView(await this.plans.setTargets(actor, code, body), this.clock.today());
  }

  @Get('kpis')
  @Access(...ALL_ROLES)
  @ApiOperation({
    summary: 'Every indicator of the plan for a period, for one locality or the whole authority',
    description:
      'Suppressed (docs/domain.md#suppression) for performance managers, and for locality managers outside their localities; from the snapshot when the period has one.',
  })
  @ApiOkResponse({ type: KpisDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such locality' })
  values(@CurrentActor() actor: Actor, @Query() query: KpiQuery): Promise<KpisDto> {
    return this.kpis.kpis(actor, query.period, query.localityId, {
      breakdown: query.breakdown,
      code: query.code,
    });
  }

  @Get('kpis/feed')
  @Access(...ALL_ROLES)
  @ApiOperation({
    summary: 'The published feed: one row per indicator and locality plus ALL, suppressed',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FeedDto })
  async feed(
    @CurrentActor() actor: Actor,
    @Query() query: FeedQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FeedDto | string> {
    const rows = await this.kpis.feed(actor, query.period);
    if (query.format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
      response.setHeader(
        'Content-Disposition',
        `attachment; filename="continuum-kpis-${encodeURIComponent(query.period)}.csv"`,
      );
      return toCsv(FEED_COLUMNS, rows.map(csvRow) as never);
    }
    const first = rows[0];
    const snapshot =
      first?.snapshotId && first.snapshotTakenAt
        ? { id: first.snapshotId, takenAt: first.snapshotTakenAt }
        : null;
    return {
      period: query.period,
      from: first?.from ?? '',
      to: first?.to ?? '',
      snapshot,
      rows,
    };
  }

  @IdempotentPost('kpis/snapshots')
  @HttpCode(201)
  @Access('admin')
  @ApiOperation({
    summary:
      'Freeze the values of a closed period (recompute: true takes a new one, keeping the old)',
  })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The period has a snapshot already' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The period is not closed' })
  snapshot(@CurrentActor() actor: Actor, @Body() body: CreateSnapshotDto): Promise<SnapshotDto> {
    return this.kpis.snapshot(actor, body.period, body.recompute ?? false);
  }

  @Get('kpis/snapshots')
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: "A period's snapshots, newest first" })
  @ApiOkResponse({ type: [SnapshotSummaryDto] })
  snapshots(
    @CurrentActor() actor: Actor,
    @Query() query: SnapshotListQuery,
  ): Promise<SnapshotSummaryDto[]> {
    return this.kpis.snapshots(actor, query.period);
  }
}
