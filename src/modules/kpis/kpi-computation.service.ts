import { Injectable } from '@nestjs/common';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import { CATALOGUE, type MetricName } from './domain/catalogue';
import type { MetricCounts, Polarity } from './domain/indicators';
import type { Period } from './domain/periods';
import { indicatorsOf, type Plan } from './domain/plan';
import { COUNTED_METRICS, KpisRepository, type CountsRow } from './kpis.repository';
import type { ActivePlan } from './plans.service';

/** One indicator's counts for one locality (null: the whole authority), as computed or snapshotted. */
export interface ComputedRow {
  code: string;
  metric: MetricName;
  title: string;
  polarity: Polarity;
  target: number | null;
  localityId: string | null;
  counts: MetricCounts;
}

/** Runs one piece of SQL work on some connection. */
type Runner = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

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
    private readonly calendar: CalendarService,
  ) {}

  /**
   * From scratch, the metric queries at once, each on a connection of its own. Requests for the
   * same period and plan version while one computation runs share it (the dashboard asks for
   * each locality of a quarter at once): one computation, not one per locality.
   */
  computeNow(period: Period, active: ActivePlan): Promise<ComputedRow[]> {
    const key = `${period.id}|${active.source}|${active.version}`;
    const running = this.computing.get(key);
    if (running) return running;
    const computation = this.compute(
      (work) => this.db.read(work),
      period,
      active.plan,
      true,
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
    const query = (metric: (typeof counted)[number]) =>
      run((sql) => this.repository.counts(sql, metric, period.from, period.to, holidays));
    const results: CountsRow[][] = [];
    if (concurrent) results.push(...(await Promise.all(counted.map(query))));
    else for (const metric of counted) results.push(await query(metric));
    const counts = new Map<MetricName, Map<string | null, MetricCounts>>(
      counted.map((metric, i) => [metric, new Map(results[i].map((row) => [row.localityId, row]))]),
    );
    const countsOf = (metric: MetricName, key: string | null): MetricCounts =>
      counts.get(metric)?.get(key) ?? zero(metric);

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

    return indicators.flatMap((indicator) =>
      keys.map((localityId) => ({
        code: indicator.code,
        metric: indicator.metric,
        title: indicator.title,
        polarity: indicator.polarity,
        target: indicator.targets[period.financialYear] ?? null,
        localityId,
        counts: countsOf(indicator.metric, localityId),
      })),
    );
  }
}
