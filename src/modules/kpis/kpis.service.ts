import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog, type AuditActor } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Database, Sql } from '../../database/database';
import type { Role } from '../../common/domain/roles';
import { CATALOGUE, type MetricName, type Unit } from './domain/catalogue';
import { indicatorValue, type IndicatorValue } from './domain/indicators';
import { parsePeriod, Period, PeriodError } from './domain/periods';
import type { Breakdown } from './domain/breakdowns';
import { indicatorsOf, type Plan, type PlanIndicator } from './domain/plan';
import { groupValues, type GroupValue } from './domain/suppression';
import { type ComputedRow, KpiComputationService } from './kpi-computation.service';
import { BREAKDOWN_METRICS, KpisRepository } from './kpis.repository';
import { PlanReportRepository } from './plan-report.repository';
import { PlansService } from './plans.service';
import { SnapshotScheduleRepository } from './snapshot-schedule.repository';
import {
  type CurrentSnapshotRow,
  type SnapshotListRow,
  SnapshotsRepository,
} from './snapshots.repository';

export interface SnapshotInfo {
  id: string;
  takenAt: Date;
}

/** The item of docs/domain.md#indicators, exactly. */
export interface KpiItem extends IndicatorValue {
  code: string;
  metric: MetricName;
  title: string;
  unit: Unit;
  /** The story behind the figure for this period, as entered (docs/domain.md#commentary). */
  commentary: string | null;
  /** With a breakdown: each group, suppressed per group and by complement. */
  groups?: GroupValue[];
}

export interface KpisAnswer {
  period: string;
  from: string;
  to: string;
  localityId: string | null;
  snapshot: SnapshotInfo | null;
  items: KpiItem[];
}

export interface FeedRow extends IndicatorValue {
  period: string;
  from: string;
  to: string;
  indicatorCode: string;
  metric: MetricName;
  title: string;
  unit: Unit;
  localityId: string | null;
  localityCode: string;
  localityName: string;
  snapshotId: string | null;
  snapshotTakenAt: Date | null;
  baselinePeriod: string | null;
  baselineValue: number | null;
  leadAgency: string | null;
  leadOfficer: string | null;
  monitoredBy: string | null;
  commentary: string | null;
}

export interface SnapshotAnswer {
  id: string;
  period: string;
  from: string;
  to: string;
  takenAt: Date;
  planVersion: number;
  rows: number;
  computeMs: number;
  supersedes: string | null;
}

/** Roles that read indicators whatever the plan says (docs/domain.md#access). */
const READERS: readonly Role[] = ['performance_manager', 'locality_manager', 'admin'];

/**
 * Plan indicators (docs/domain.md#indicators): every metric of the plan for every locality and the whole
 * authority, in one pass of set-based queries (or from the period's snapshot), then the
 * arithmetic, targets, RAG and suppression for the caller.
 */
@Injectable()
export class KpisService {
  constructor(
    private readonly db: Database,
    private readonly repository: KpisRepository,
    private readonly report: PlanReportRepository,
    private readonly snapshotsRepository: SnapshotsRepository,
    private readonly plans: PlansService,
    private readonly computation: KpiComputationService,
    private readonly schedule: SnapshotScheduleRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async kpis(
    actor: Actor,
    periodId: string,
    localityId: string | undefined,
    options: { breakdown?: Breakdown; code?: string } = {},
  ): Promise<KpisAnswer> {
    const period = this.period(periodId);
    const { breakdown, code } = options;
    const { plan, snapshot, commentary } = await this.db.read(async (sql) => {
      const active = await this.plans.active(sql);
      this.assertReader(actor, active.plan);
      if (localityId !== undefined && !(await this.repository.localityExists(sql, localityId))) {
        throw new DomainError('NOT_FOUND', 'locality not found');
      }
      if (code !== undefined) {
        const indicator = indicatorsOf(active.plan).find((i) => i.code === code);
        if (!indicator) throw new DomainError('NOT_FOUND', 'indicator not found in the plan');
        if (breakdown !== undefined && !BREAKDOWN_METRICS.includes(indicator.metric as never)) {
          throw new DomainError(
            'VALIDATION_FAILED',
            `breakdown: indicator ${code} (metric ${indicator.metric}) has no breakdowns; the metrics with breakdowns are ${BREAKDOWN_METRICS.join(', ')}`,
          );
        }
      }
      return {
        plan: active,
        // A breakdown is computed now, totals and groups together, so that what the groups
        // hide cannot be worked out from a total frozen earlier (docs/domain.md#breakdowns-and-suppression).
        snapshot: breakdown ? undefined : await this.currentSnapshot(sql, period.id),
        commentary: await this.report.commentaryForPeriod(sql, period.id),
      };
    });
    const rows = snapshot?.rows ?? (await this.computation.computeNow(period, plan, breakdown));
    const key = localityId ?? null;
    const suppress = this.suppressesFor(actor, key);
    return {
      period: period.id,
      from: period.from,
      to: period.to,
      localityId: key,
      snapshot: snapshot ? { id: snapshot.id, takenAt: snapshot.takenAt } : null,
      items: rows
        .filter((row) => row.localityId === key && (code === undefined || row.code === code))
        .map((row) => this.item(row, suppress, commentary.get(row.code) ?? null)),
    };
  }

  /** The published feed: every indicator for every locality and `ALL`, always suppressed. */
  async feed(actor: Actor, periodId: string): Promise<FeedRow[]> {
    const period = this.period(periodId);
    const { plan, snapshot, localities, commentary } = await this.db.read(async (sql) => {
      const active = await this.plans.active(sql);
      this.assertReader(actor, active.plan);
      return {
        plan: active,
        snapshot: await this.currentSnapshot(sql, period.id),
        localities: new Map((await this.repository.localities(sql)).map((l) => [l.id, l] as const)),
        commentary: await this.report.commentaryForPeriod(sql, period.id),
      };
    });
    const rows = snapshot?.rows ?? (await this.computation.computeNow(period, plan));
    const indicators = new Map(indicatorsOf(plan.plan).map((i) => [i.code, i] as const));
    return rows.map((row) => {
      const locality = row.localityId === null ? undefined : localities.get(row.localityId);
      const indicator: Partial<PlanIndicator> = indicators.get(row.code) ?? {};
      return {
        period: period.id,
        from: period.from,
        to: period.to,
        indicatorCode: row.code,
        metric: row.metric,
        title: row.title,
        unit: row.unit ?? CATALOGUE[row.metric].unit,
        localityId: row.localityId,
        localityCode: row.localityId === null ? 'ALL' : (locality?.code ?? ''),
        localityName: row.localityId === null ? 'All localities' : (locality?.name ?? ''),
        ...indicatorValue(CATALOGUE[row.metric], row.counts, row.target, row.polarity, true),
        snapshotId: snapshot?.id ?? null,
        snapshotTakenAt: snapshot?.takenAt ?? null,
        baselinePeriod: indicator.baseline?.period ?? null,
        baselineValue: indicator.baseline?.value ?? null,
        leadAgency: indicator.leadAgency ?? null,
        leadOfficer: indicator.leadOfficer ?? null,
        monitoredBy: indicator.monitoredBy ?? null,
        commentary: commentary.get(row.code) ?? null,
      };
    });
  }

  /**
   * Freezes a closed period's values. A period already snapshotted answers 409 unless
   * `recompute` is set; then the new snapshot replaces the old one, which is kept.
   */
  async snapshot(actor: Actor, periodId: string, recompute: boolean): Promise<SnapshotAnswer> {
    const period = this.period(periodId);
    if (period.to >= this.clock.today()) {
      throw new DomainError(
        'RULE_VIOLATED',
        `period ${period.id} is not closed yet (it ends ${period.to}); only closed periods are snapshotted`,
      );
    }
    return this.db.transaction(async (sql) => {
      await this.snapshotsRepository.lockPeriod(sql, period.id);
      const current = await this.currentSnapshot(sql, period.id);
      if (current && !recompute) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `period ${period.id} has a snapshot (taken ${current.takenAt.toISOString()}); send recompute: true to take a new one (the old one is kept)`,
        );
      }
      return this.freeze(sql, period, actor, current?.id ?? null, false);
    });
  }

  /**
   * The automatic snapshot staged as `scheduleId` (docs/domain.md#automatic-snapshots): taken
   * once its time has come, unless the period has a snapshot already (an admin's, or an
   * earlier automatic one), in which case the published figures stand and the row is skipped.
   * Safe to run twice: the row is locked and finished in the same transaction.
   */
  async automaticSnapshot(scheduleId: string): Promise<'taken' | 'skipped' | 'not_due' | 'done'> {
    return this.db.transaction(async (sql) => {
      const row = await this.schedule.lock(sql, scheduleId);
      if (!row || row.state !== 'pending') return 'done';
      const now = this.clock.now();
      const period = this.period(row.period);
      if (row.dueAt.getTime() > now.getTime() || period.to >= this.clock.today()) return 'not_due';
      await this.snapshotsRepository.lockPeriod(sql, period.id);
      const current = await this.currentSnapshot(sql, period.id);
      if (current) {
        await this.schedule.finish(sql, row.id, 'skipped', current.id, now);
        return 'skipped';
      }
      const system = { id: null, requestId: `automatic-snapshot-${row.id}`, ip: null };
      const taken = await this.freeze(sql, period, system, null, true);
      await this.schedule.finish(sql, row.id, 'taken', taken.id, now);
      return 'taken';
    });
  }

  private async freeze(
    sql: Sql,
    period: Period,
    actor: AuditActor,
    supersedes: string | null,
    automatic: boolean,
  ): Promise<SnapshotAnswer> {
    const active = await this.plans.active(sql);
    const started = performance.now();
    const rows = await this.computation.compute((work) => work(sql), period, active.plan, false);
    const computeMs = Math.round(performance.now() - started);
    // The old snapshot steps aside first (one current snapshot per period); its pointer to
    // the new one is checked at commit.
    const id = randomUUID();
    if (supersedes) await this.snapshotsRepository.supersede(sql, supersedes, id);
    const inserted = await this.snapshotsRepository.insert(sql, {
      id,
      period: period.id,
      takenBy: actor.id,
      planVersion: active.version,
      rows,
      automatic,
      takenAt: this.clock.now(),
    });
    await this.audit.record(sql, actor, {
      action: automatic
        ? 'kpi_snapshot.taken_automatically'
        : supersedes
          ? 'kpi_snapshot.recomputed'
          : 'kpi_snapshot.taken',
      entityType: 'kpi_snapshot',
      entityId: inserted.id,
      details: { period: period.id, supersedes },
    });
    return {
      id: inserted.id,
      period: period.id,
      from: period.from,
      to: period.to,
      takenAt: inserted.takenAt,
      planVersion: active.version,
      rows: rows.length,
      computeMs,
      supersedes,
    };
  }

  /** Every snapshot of a period, newest first, the one in force marked. */
  async snapshots(actor: Actor, periodId: string): Promise<SnapshotListRow[]> {
    const period = this.period(periodId);
    return this.db.read(async (sql) => {
      this.assertReader(actor, (await this.plans.active(sql)).plan);
      return this.snapshotsRepository.list(sql, period.id);
    });
  }

  private currentSnapshot(
    sql: Sql,
    period: string,
  ): Promise<CurrentSnapshotRow<ComputedRow> | undefined> {
    return this.snapshotsRepository.current<ComputedRow>(sql, period);
  }

  private item(row: ComputedRow, suppress: boolean, commentary: string | null): KpiItem {
    const metric = CATALOGUE[row.metric];
    return {
      code: row.code,
      metric: row.metric,
      title: row.title,
      unit: row.unit ?? metric.unit,
      ...indicatorValue(metric, row.counts, row.target, row.polarity, suppress),
      commentary,
      ...(row.groups ? { groups: groupValues(metric, row.groups, suppress) } : {}),
    };
  }

  private period(id: string): Period {
    try {
      return parsePeriod(id);
    } catch (error) {
      if (error instanceof PeriodError) throw new DomainError('VALIDATION_FAILED', error.message);
      throw error;
    }
  }

  assertReader(actor: Actor, plan: Plan): void {
    if (!READERS.includes(actor.role) && !plan.alsoVisibleTo.includes(actor.role)) {
      throw new DomainError('FORBIDDEN', 'your role cannot read plan indicators');
    }
  }

  /** docs/domain.md#suppression: admins and a locality's own managers see values as they are; everyone else suppressed. */
  private suppressesFor(actor: Actor, localityId: string | null): boolean {
    if (actor.role === 'admin') return false;
    if (actor.role === 'locality_manager') {
      return localityId === null || !actor.localityIds.includes(localityId);
    }
    return true;
  }
}
