import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import type { Role } from '../users/domain/roles';
import { CATALOGUE, type MetricName, type Unit } from './domain/catalogue';
import {
  indicatorValue,
  type IndicatorValue,
  type MetricCounts,
  type Polarity,
} from './domain/indicators';
import { parsePeriod, Period, PeriodError } from './domain/periods';
import { indicatorsOf, unitOfIndicator, type Plan, type PlanIndicator } from './domain/plan';
import { BREAKDOWN_GROUPS, type Breakdown } from './domain/breakdowns';
import { groupValues, type GroupCounts, type GroupValue } from './domain/suppression';
import {
  BREAKDOWN_METRICS,
  COUNTED_METRICS,
  KpisRepository,
  type CountedMetric,
  type CountsRow,
} from './kpis.repository';

type GroupedCountsRow = CountsRow & { group?: string | null };
import { PlanReportRepository } from './plan-report.repository';
import { ActivePlan, PlansService } from './plans.service';

/** One indicator's counts for one locality (null: the whole authority), as computed or snapshotted. */
export interface ComputedRow {
  code: string;
  metric: MetricName;
  title: string;
  polarity: Polarity;
  target: number | null;
  localityId: string | null;
  counts: MetricCounts;
  /** Entered indicators: the unit their figure reads in (computed ones take the metric's). */
  unit?: Unit;
  /** With a breakdown, for metrics that have one: each group's counts. */
  groups?: GroupCounts[];
}

export interface SnapshotInfo {
  id: string;
  takenAt: Date;
}

/** SPEC §4.10's item, exactly. */
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

/** Runs one piece of SQL work on some connection. */
type Runner = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

/** Roles that read indicators whatever the plan says (SPEC §3). */
const READERS: readonly Role[] = ['performance_manager', 'locality_manager', 'admin'];

/** What each metric's counts default to where a locality has none. */
function zero(metric: MetricName): MetricCounts {
  switch (CATALOGUE[metric].unit) {
    case 'count':
      return { numerator: 0, denominator: null };
    case 'median':
      return { numerator: null, denominator: 0, median: null };
    default:
      return { numerator: 0, denominator: 0 };
  }
}

/**
 * Plan indicators (SPEC §4.10): every metric of the plan for every locality and the whole
 * authority, in one pass of set-based queries (or from the period's snapshot), then the
 * arithmetic, targets, RAG and suppression for the caller.
 */
@Injectable()
export class KpisService {
  private readonly computing = new Map<string, Promise<ComputedRow[]>>();

  constructor(
    private readonly db: Database,
    private readonly repository: KpisRepository,
    private readonly report: PlanReportRepository,
    private readonly plans: PlansService,
    private readonly calendar: CalendarService,
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
      if (localityId !== undefined && !(await this.localityExists(sql, localityId))) {
        throw new DomainError('NOT_FOUND', 'locality not found');
      }
      if (code !== undefined) {
        const indicator = indicatorsOf(active.plan).find((i) => i.code === code);
        if (!indicator) throw new DomainError('NOT_FOUND', 'indicator not found in the plan');
        if (breakdown !== undefined && !CATALOGUE[indicator.metric].breakdowns) {
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
    const rows = snapshot?.rows ?? (await this.computeNow(period, plan, breakdown));
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
    const rows = snapshot?.rows ?? (await this.computeNow(period, plan));
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
      // One snapshot at a time per period, so that two admins cannot both recompute.
      await sql.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`kpi-snapshot:${period.id}`]);
      const current = await this.currentSnapshot(sql, period.id);
      if (current && !recompute) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `period ${period.id} has a snapshot (taken ${current.takenAt.toISOString()}); send recompute: true to take a new one (the old one is kept)`,
        );
      }
      const active = await this.plans.active(sql);
      const started = performance.now();
      const rows = await this.compute((work) => work(sql), period, active.plan, false);
      const computeMs = Math.round(performance.now() - started);
      // The old snapshot steps aside first (one current snapshot per period); its pointer to
      // the new one is checked at commit.
      const id = randomUUID();
      if (current) {
        await sql.exec('UPDATE kpi_snapshots SET superseded_by = $2 WHERE id = $1', [
          current.id,
          id,
        ]);
      }
      const inserted = await sql.one<{ id: string; taken_at: Date }>(
        `INSERT INTO kpi_snapshots (id, period, taken_by, plan_version, rows) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, taken_at`,
        [id, period.id, actor.id, active.version, JSON.stringify(rows)],
      );
      await this.audit.record(sql, actor, {
        action: current ? 'kpi_snapshot.recomputed' : 'kpi_snapshot.taken',
        entityType: 'kpi_snapshot',
        entityId: inserted!.id,
        details: { period: period.id, supersedes: current?.id ?? null },
      });
      return {
        id: inserted!.id,
        period: period.id,
        from: period.from,
        to: period.to,
        takenAt: inserted!.taken_at,
        planVersion: active.version,
        rows: rows.length,
        computeMs,
        supersedes: current?.id ?? null,
      };
    });
  }

  /** Every snapshot of a period, newest first, the one in force marked. */
  async snapshots(
    actor: Actor,
    periodId: string,
  ): Promise<{ id: string; takenAt: Date; planVersion: number; current: boolean }[]> {
    const period = this.period(periodId);
    return this.db.read(async (sql) => {
      this.assertReader(actor, (await this.plans.active(sql)).plan);
      return sql.rows(
        `SELECT id, taken_at AS "takenAt", plan_version AS "planVersion", superseded_by IS NULL AS current
         FROM kpi_snapshots WHERE period = $1 ORDER BY taken_at DESC, id DESC`,
        [period.id],
      );
    });
  }

  /**
   * From scratch, the metric queries at once, each on a connection of its own. Requests for the
   * same period and plan version while one computation runs share it (the dashboard asks for
   * each locality of a quarter at once): one computation, not one per locality.
   */
  computeNow(period: Period, active: ActivePlan, breakdown?: Breakdown): Promise<ComputedRow[]> {
    const key = `${period.id}|${active.source}|${active.version}|${breakdown ?? ''}`;
    const running = this.computing.get(key);
    if (running) return running;
    const computation = this.compute(
      (work) => this.db.read(work),
      period,
      active.plan,
      true,
      breakdown,
    ).finally(() => this.computing.delete(key));
    this.computing.set(key, computation);
    return computation;
  }

  /**
   * All indicators of the plan, all localities and the authority, from scratch. `run` gives
   * each query its connection: a pool read each, `concurrent` (every statement reads its own
   * snapshot either way), or one transaction's, one after the other (as a snapshot is taken).
   */
  async compute(
    run: Runner,
    period: Period,
    plan: Plan,
    concurrent: boolean,
    breakdown?: Breakdown,
  ): Promise<ComputedRow[]> {
    const indicators = indicatorsOf(plan);
    const wanted = new Set(indicators.map((i) => i.metric));
    if (wanted.has('localities_0_4_referrals_below_10_per_1000'))
      wanted.add('referrals_0_4_per_1000');
    const localities = await run((sql) => this.repository.localities(sql));
    const keys: (string | null)[] = [null, ...localities.map((l) => l.id)];
    const holidays = this.calendar.bankHolidays.events.map((event) => event.date);

    const counted = COUNTED_METRICS.filter((metric) => wanted.has(metric));
    const query = (metric: (typeof counted)[number]): Promise<GroupedCountsRow[]> =>
      run((sql) =>
        breakdown && BREAKDOWN_METRICS.includes(metric)
          ? this.repository.breakdownCounts(sql, metric, breakdown, period.from, period.to)
          : this.repository.counts(sql, metric, period.from, period.to, holidays),
      );
    const all: GroupedCountsRow[][] = [];
    if (concurrent) all.push(...(await Promise.all(counted.map(query))));
    else for (const metric of counted) all.push(await query(metric));
    // Totals (no group) as every metric has them; the groups apart, by metric, service and place.
    const results = all.map((rows) => rows.filter((row) => !row.group));
    const groups = new Map<string, Map<string, MetricCounts>>();
    counted.forEach((metric, i) => {
      for (const row of all[i]) {
        if (!row.group) continue;
        const at = `${metric}|${row.serviceCode ?? ''}|${row.localityId}`;
        const byGroup = groups.get(at) ?? new Map<string, MetricCounts>();
        byGroup.set(row.group, row);
        groups.set(at, byGroup);
      }
    });
    const groupsFor = (
      indicator: PlanIndicator,
      key: string | null,
    ): GroupCounts[] | undefined => {
      if (!breakdown || !BREAKDOWN_METRICS.includes(indicator.metric as CountedMetric)) {
        return undefined;
      }
      const byGroup = groups.get(
        `${indicator.metric}|${indicator.metric === 'service_starts' ? (indicator.serviceCode ?? '') : ''}|${key}`,
      );
      return BREAKDOWN_GROUPS[breakdown].map((group) => ({
        group,
        ...(byGroup?.get(group) ?? zero(indicator.metric)),
      }));
    };
    const counts = new Map<MetricName, Map<string | null, MetricCounts>>(
      counted.map((metric, i) => [
        metric,
        new Map(
          results[i]
            .filter((row) => row.serviceCode === undefined || row.serviceCode === null)
            .map((row) => [row.localityId, row]),
        ),
      ]),
    );
    const countsOf = (metric: MetricName, key: string | null): MetricCounts =>
      counts.get(metric)?.get(key) ?? zero(metric);
    // service_starts per service, for indicators that name one.
    const serviceStarts = new Map<string, MetricCounts>();
    const serviceIndex = counted.indexOf('service_starts');
    if (serviceIndex !== -1) {
      for (const row of results[serviceIndex]) {
        if (row.serviceCode) serviceStarts.set(`${row.serviceCode}|${row.localityId}`, row);
      }
    }
    // Entered figures: the value given for P (or the latest inside it), per locality.
    const enteredCodes = indicators.filter((i) => i.metric === 'entered').map((i) => i.code);
    const entered = new Map<string, MetricCounts>();
    if (enteredCodes.length > 0) {
      const rows = await run((sql) =>
        this.report.enteredForPeriod(sql, enteredCodes, period.id, period.from, period.to),
      );
      for (const row of rows) {
        entered.set(`${row.indicatorCode}|${row.localityId}`, {
          numerator: row.numerator,
          denominator: row.denominator,
          value: row.value,
        });
      }
    }
    const countsFor = (indicator: PlanIndicator, key: string | null): MetricCounts => {
      if (indicator.metric === 'entered') {
        return (
          entered.get(`${indicator.code}|${key}`) ?? {
            numerator: null,
            denominator: null,
            value: null,
          }
        );
      }
      if (indicator.metric === 'service_starts' && indicator.serviceCode) {
        return serviceStarts.get(`${indicator.serviceCode}|${key}`) ?? zero('service_starts');
      }
      return countsOf(indicator.metric, key);
    };

    // Rates: the population of the year the period starts in is the denominator.
    if (wanted.has('referrals_per_10000') || wanted.has('referrals_0_4_per_1000')) {
      const populations = new Map(
        (await run((sql) => this.repository.populations(sql, period.populationYear))).map(
          (p) => [p.localityId, p] as const,
        ),
      );
      for (const [metric, band] of [
        ['referrals_per_10000', 'aged0to17'],
        ['referrals_0_4_per_1000', 'aged0to4'],
      ] as const) {
        if (!wanted.has(metric)) continue;
        counts.set(
          metric,
          new Map(
            keys.map((key) => [
              key,
              {
                numerator: countsOf(metric, key).numerator,
                denominator: populations.get(key)?.[band] ?? null,
              },
            ]),
          ),
        );
      }
    }

    // Localities below 10 referrals of 0–4 year olds per 1,000, annualised.
    if (wanted.has('localities_0_4_referrals_below_10_per_1000')) {
      const below = new Map<string, boolean>();
      for (const locality of localities) {
        const { numerator, denominator } = countsOf('referrals_0_4_per_1000', locality.id);
        if (numerator === null || !denominator) continue;
        const annualised =
          ((numerator * 1_000) / denominator) * (period.financialYearDays / period.days);
        below.set(locality.id, annualised < 10);
      }
      counts.set(
        'localities_0_4_referrals_below_10_per_1000',
        new Map(
          keys.map((key): [string | null, MetricCounts] => {
            if (key === null) {
              const values = [...below.values()];
              return [
                key,
                { numerator: values.filter(Boolean).length, denominator: values.length },
              ];
            }
            const known = below.get(key);
            return [
              key,
              known === undefined
                ? { numerator: null, denominator: 0 }
                : { numerator: known ? 1 : 0, denominator: 1 },
            ];
          }),
        ),
      );
    }

    // Children's centre areas below 10 referrals of 0–4 year olds per 1,000, annualised, of the
    // areas with a population (the denominator: "22 of 82").
    if (wanted.has('areas_0_4_referrals_below_10_per_1000')) {
      const areas = await run((sql) =>
        this.repository.areaReferrals0to4(sql, period.from, period.to, period.populationYear),
      );
      const tally = new Map<string | null, MetricCounts>(
        keys.map((key) => [key, { numerator: 0, denominator: 0 }]),
      );
      for (const area of areas) {
        const below =
          ((area.referrals * 1_000) / area.aged0to4) * (period.financialYearDays / period.days) <
          10;
        for (const key of [null, area.localityId]) {
          const counts = tally.get(key) ?? { numerator: 0, denominator: 0 };
          tally.set(key, {
            numerator: (counts.numerator ?? 0) + (below ? 1 : 0),
            denominator: (counts.denominator ?? 0) + 1,
          });
        }
      }
      counts.set('areas_0_4_referrals_below_10_per_1000', tally);
    }

    return indicators.flatMap((indicator) =>
      keys.map((localityId) => ({
        code: indicator.code,
        metric: indicator.metric,
        title: indicator.title,
        polarity: indicator.polarity,
        target: indicator.targets[period.financialYear] ?? null,
        localityId,
        counts: countsFor(indicator, localityId),
        ...(indicator.metric === 'entered' ? { unit: unitOfIndicator(indicator) } : {}),
        ...(breakdown ? { groups: groupsFor(indicator, localityId) } : {}),
      })),
    );
  }

  private currentSnapshot(
    sql: Sql,
    period: string,
  ): Promise<{ id: string; takenAt: Date; rows: ComputedRow[] } | undefined> {
    return sql.one(
      `SELECT id, taken_at AS "takenAt", rows FROM kpi_snapshots WHERE period = $1 AND superseded_by IS NULL`,
      [period],
    );
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

  /** SPEC §3: admins and a locality's own managers see values as they are; everyone else suppressed. */
  private suppressesFor(actor: Actor, localityId: string | null): boolean {
    if (actor.role === 'admin') return false;
    if (actor.role === 'locality_manager') {
      return localityId === null || !actor.localityIds.includes(localityId);
    }
    return true;
  }

  private async localityExists(sql: Sql, id: string): Promise<boolean> {
    return (await sql.one('SELECT 1 FROM localities WHERE id = $1', [id])) !== undefined;
  }
}
