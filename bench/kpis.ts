/**
 * npm run bench:kpis [-- --database continuum_scale --period FY2025-26-Q3 --runs 10]
 *
 * On the scale dataset (npm run generate): every indicator of the plan for one quarter, every
 * locality and ALL, computed from scratch by the service (p50/p95 over `runs`; target < 1 s),
 * against the anchor: the same metric queries sent straight to PostgreSQL with `pg`, one after
 * the other (the sum per run, p50/p95). Then the period is snapshotted and GET /kpis is served
 * from the snapshot through HTTP (p99 over 500 requests; target < 50 ms).
 *
 * The breakdown run: the same, with breakdown=ethnic_group (every child-level metric's one
 * grouping-sets statement with its groups, the others as before), from scratch (target < 2 s,
 * and no slower than 1.5× the same SQL sent straight).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { parsePeriod } from '../src/modules/kpis/domain/periods';
import {
  BREAKDOWN_METRICS,
  COUNTED_METRICS,
  KpisRepository,
  TYPED_QUERIES,
} from '../src/modules/kpis/kpis.repository';
import { KpiComputationService } from '../src/modules/kpis/kpi-computation.service';
import { PlansService } from '../src/modules/kpis/plans.service';
import { CalendarService } from '../src/modules/calendar/calendar.service';
import { withBenchService } from './service';
import { option } from './cli';

const DATABASE = option('database', 'continuum_scale');
const PERIOD = option('period', 'FY2025-26-Q3');
const RUNS = Number(option('runs', '10'));

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

export function table(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${title}\n`);
  for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);
}

async function main(): Promise<void> {
  const period = parsePeriod(PERIOD);
  await withBenchService(DATABASE, 'bench-kpis', async ({ app, url, base, login }) => {
    const kpis = app.get(KpiComputationService);
    const plan = await app.get(PlansService).get();
    // The same bank holidays as the service's computation passes (kpi-computation.service.ts).
    const holidays = app
      .get(CalendarService)
      .bankHolidaysBetween(`${Number(period.from.slice(0, 4)) - 5}-01-01`, period.to);
    // The anchor's session as the service's (no JIT: src/database/data-source-options.ts).
    const anchor = new Client({ connectionString: url, options: '-c jit=off' });
    await anchor.connect();
    try {
      // Warm both paths once, then alternate the runs so that neither gets a warmer cache.
      await kpis.computeNow(period, plan);
      const ours: number[] = [];
      const theirs: number[] = [];
      const perMetric = new Map<string, number[]>();
      for (let run = 0; run < RUNS; run++) {
        let started = performance.now();
        await kpis.computeNow(period, plan);
        ours.push(performance.now() - started);
        let total = 0;
        for (const metric of COUNTED_METRICS) {
          const params: unknown[] = [period.from, period.to];
          if (metric === 'caf_to_first_tac_median_working_days') params.push(holidays);
          started = performance.now();
          await anchor.query(TYPED_QUERIES[metric], params);
          const took = performance.now() - started;
          total += took;
          perMetric.set(metric, [...(perMetric.get(metric) ?? []), took]);
        }
        theirs.push(total);
      }
      table(
        `bench:kpis — ${PERIOD}, every indicator, every locality and ALL, from scratch as GET /kpis does (metric queries in parallel; ${RUNS} runs)`,
        [
          ['service p50', ms(percentile(ours, 50))],
          [
            'service p95',
            `${ms(percentile(ours, 95))} (target < 1000 ms: ${percentile(ours, 95) < 1000 ? 'met' : 'NOT met'})`,
          ],
          ['anchor p50 (pg, same SQL, one after another)', ms(percentile(theirs, 50))],
          ['anchor p95', ms(percentile(theirs, 95))],
          [
            'ratio service ÷ anchor (p50)',
            `${(percentile(ours, 50) / percentile(theirs, 50)).toFixed(2)}×`,
          ],
        ],
      );
      table(
        'per metric (anchor p50)',
        [...perMetric.entries()]
          .sort((a, b) => percentile(b[1], 50) - percentile(a[1], 50))
          .map(([metric, times]) => [metric, ms(percentile(times, 50))]),
      );

      // The breakdown run: every indicator with breakdown=ethnic_group, from scratch.
      const repository = app.get(KpisRepository);
      const breakdownOurs: number[] = [];
      const breakdownTheirs: number[] = [];
      await kpis.computeNow(period, plan, 'ethnic_group');
      for (let run = 0; run < RUNS; run++) {
        let started = performance.now();
        await kpis.computeNow(period, plan, 'ethnic_group');
        breakdownOurs.push(performance.now() - started);
        let total = 0;
        for (const metric of COUNTED_METRICS) {
          const params: unknown[] = [period.from, period.to];
          const broken = BREAKDOWN_METRICS.includes(metric);
          if (!broken && metric === 'caf_to_first_tac_median_working_days') params.push(holidays);
          started = performance.now();
          await anchor.query(
            broken ? repository.breakdownSql(metric, 'ethnic_group') : TYPED_QUERIES[metric],
            params,
          );
          total += performance.now() - started;
        }
        breakdownTheirs.push(total);
      }
      const ratio = percentile(breakdownOurs, 50) / percentile(breakdownTheirs, 50);
      table(`bench:kpis — ${PERIOD} with breakdown=ethnic_group, from scratch (${RUNS} runs)`, [
        ['service p50', ms(percentile(breakdownOurs, 50))],
        [
          'service p95',
          `${ms(percentile(breakdownOurs, 95))} (target < 2000 ms: ${percentile(breakdownOurs, 95) < 2000 ? 'met' : 'NOT met'})`,
        ],
        ['anchor p50 (pg, same SQL, one after another)', ms(percentile(breakdownTheirs, 50))],
        [
          'ratio service ÷ anchor (p50)',
          `${ratio.toFixed(2)}× (target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'})`,
        ],
      ]);

      // Served from a snapshot through HTTP.
      const token = await login('admin@scale.continuum');
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const snap = await fetch(`${base}/kpis/snapshots`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ period: PERIOD, recompute: true }),
      });
      const snapshot = (await snap.json()) as { computeMs: number };
      const localities = (
        (await (await fetch(`${base}/localities?limit=100`, { headers })).json()) as {
          items: { id: string }[];
        }
      ).items;
      const latencies: number[] = [];
      for (let i = 0; i < 500; i++) {
        const locality = i % (localities.length + 1);
        const query =
          locality === localities.length ? '' : `&localityId=${localities[locality].id}`;
        const started = performance.now();
        const response = await fetch(`${base}/kpis?period=${PERIOD}${query}`, { headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      }
      table('GET /kpis served from the snapshot (HTTP, 1 client, 500 requests)', [
        ['snapshot taken in', ms(snapshot.computeMs)],
        ['p50', ms(percentile(latencies, 50))],
        [
          'p99',
          `${ms(percentile(latencies, 99))} (target < 50 ms: ${percentile(latencies, 99) < 50 ? 'met' : 'NOT met'})`,
        ],
        ['max', ms(Math.max(...latencies))],
      ]);
    } finally {
      await anchor.end();
    }
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench:kpis failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  });
}
