/**
 * npm run bench:returns [-- --database continuum_scale --year 2026]
 *
 * On the scale dataset (npm run generate): the Children in Need census return of one
 * collection year, GET /returns/cin-census through HTTP from the service in this process,
 * read by curl to /dev/null (never held whole): the time to the last byte (target < 30 s), the
 * output's size, and the service process's peak RSS above its RSS before the request
 * (sampled every 20 ms; target < 100 MB of growth). The anchor: psql's \copy of the same
 * rows (the cursor's own query) as CSV to /dev/null, timed; the ratio is service ÷ anchor.
 * Then the errors list of the same year (JSON), timed the same way.
 */
import 'reflect-metadata';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { migrate } from '../src/database/migrate';
import { parseCollectionYear } from '../src/modules/returns/domain/collection-year';
import { censusChildrenSql } from '../src/modules/returns/returns.repository';
import { option } from './cli';
import { table } from './kpis';
import { withBenchService } from './service';

const run = promisify(execFile);
const DATABASE = option('database', 'continuum_scale');
const YEAR = option('year', '2026');

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

interface Measured {
  ms: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
  status: number;
}

/**
 * One streamed GET, read by curl in a process of its own (so that the client's memory is not
 * the service's), with the service process's RSS sampled meanwhile.
 */
async function measure(url: string, token: string): Promise<Measured> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const { stdout } = await run('curl', [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code} %{size_download}',
      '-H',
      `Authorization: Bearer ${token}`,
      url,
    ]);
    const [status, bytes] = stdout.trim().split(' ').map(Number);
    return { ms: performance.now() - started, bytes, rssBefore, rssPeak, status };
  } finally {
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
}

async function main(): Promise<void> {
  const year = parseCollectionYear(YEAR);
  if (!year) throw new Error('--year must be a four-digit collection year');
  await withBenchService(DATABASE, 'bench-returns', async ({ url, base, login }) => {
    await migrate(url);
    const token = await login('performance@scale.continuum');
    const census = await measure(`${base}/returns/cin-census?collectionYear=${YEAR}`, token);
    if (census.status !== 200) throw new Error(`GET /returns/cin-census answered ${census.status}`);
    const errors = await measure(`${base}/returns/cin-census/errors?collectionYear=${YEAR}`, token);

    const copy = `\\copy (${censusChildrenSql(year).replace(/\s+/g, ' ')}) TO '/dev/null' WITH (FORMAT csv)`;
    const started = performance.now();
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', copy], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const anchorMs = performance.now() - started;
    const growth = census.rssPeak - census.rssBefore;
    table(
      `bench:returns — the Children in Need census, collection year ${YEAR} (${year.from} to ${year.to}), ${DATABASE}`,
      [
        [
          'GET /returns/cin-census',
          `${s(census.ms)} (target < 30 s: ${census.ms < 30_000 ? 'met' : 'NOT met'})`,
        ],
        ['output size', mb(census.bytes)],
        ['service RSS before', mb(census.rssBefore)],
        ['service RSS peak', mb(census.rssPeak)],
        [
          'RSS growth',
          `${mb(growth)} (target < 100 MB: ${growth < 100 * 1024 * 1024 ? 'met' : 'NOT met'})`,
        ],
        ['anchor: psql \\copy of the same rows as CSV', s(anchorMs)],
        ['ratio service ÷ anchor', `${(census.ms / anchorMs).toFixed(2)}×`],
        [
          'GET /returns/cin-census/errors',
          `${s(errors.ms)}, ${mb(errors.bytes)}, RSS growth ${mb(errors.rssPeak - errors.rssBefore)}`,
        ],
      ],
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
