import { Injectable } from '@nestjs/common';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import { BREAKDOWN_GROUPS, type Breakdown } from './domain/breakdowns';
import { CATALOGUE, type MetricName, type Unit } from './domain/catalogue';
import type { MetricCounts, Polarity } from './domain/indicators';
import type { Period } from './domain/periods';
import { indicatorsOf, unitOfIndicator, type Plan, type PlanIndicator } from './domain/plan';
import type { GroupCounts } from './domain/suppression';
import {
  BREAKDOWN_METRICS,
  COUNTED_METRICS,
  KpisRepository,
  type CountedMetric,
  type CountsRow,
} from './kpis.repository';
import { PlanReportRepository } from './plan-report.repository';
import type { ActivePlan } from './plans.service';

type GroupedCountsRow = CountsRow & { group?: string | null };

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

/** Runs one piece of SQL work on some connection. */
type Runner = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

/** The one service or panel an indicator counts, for the metrics that count by either. */
function variantOf(indicator: PlanIndicator): string | undefined {
  if (indicator.metric === 'service_starts') return indicator.serviceCode;
  if (indicator.metric === 'panel_children_with_lead_professional_pct') return indicator.panel;
  return undefined;
}

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
 * The counts behind every indicator of a plan, for every locality and the whole authority, from
 * scratch: one set-based query per metric, then rates, medians and the locality indicator.
 * What a caller may see of them (targets, RAG, suppression) is `KpisService`'s.
 */
@Injectable()
export class KpiComputationService {
  private readonly computing = new Map<string, Promise<ComputedRow[]>>();

  constructor(
    private readonly db: Database,
    private readonly repository: KpisRepository,
    private readonly report: PlanReportRepository,
    private readonly calendar: CalendarService,
  ) {}

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
    // Working days from a CAF to its first TAC meeting: the bank holidays of the years that span
    // can reach (the list's, or the standing rules' past it), five years back from the period.
    const holidays = this.calendar.bankHolidaysBetween(
      `${Number(period.from.slice(0, 4)) - 5}-01-01`,
      period.to,
    );

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
    const groupsFor = (indicator: PlanIndicator, key: string | null): GroupCounts[] | undefined => {
      if (!breakdown || !BREAKDOWN_METRICS.includes(indicator.metric as CountedMetric)) {
        return undefined;
      }
      const byGroup = groups.get(`${indicator.metric}|${variantOf(indicator) ?? ''}|${key}`);
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
    // service_starts per service and the panel metric per panel, for indicators that name one.
    const variants = new Map<string, MetricCounts>();
    counted.forEach((metric, i) => {
      for (const row of all[i]) {
        if (row.serviceCode && !row.group) {
          variants.set(`${metric}|${row.serviceCode}|${row.localityId}`, row);
        }
      }
    });
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
      const variant = variantOf(indicator);
      if (variant) {
        return variants.get(`${indicator.metric}|${variant}|${key}`) ?? zero(indicator.metric);
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
}
