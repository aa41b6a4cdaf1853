/**
 * npm run bench:reminders [-- --count 100000 --window 120 --workers 1 --keep]
 *
 * Schedules `count` reminders whose fire instants are spread evenly over `window` seconds,
 * enqueues them as the service does (delayed BullMQ jobs, ahead of time), lets `workers`
 * worker processes (`node dist/src/worker.js`, as `npm run worker`) deliver them, and measures
 * from the rows themselves: delivered count, duplicates, and the delay from each reminder's
 * fire instant to its notification (p50, p95, p99, max). Target (issue 6): p99 under 1 s.
 *
 * Runs on DATABASE_URL's server (or the embedded PostgreSQL, as `npm start` does) in a
 * database of its own, created and dropped here, and on REDIS_URL under its own key prefix.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { Client } from 'pg';
import { loadEnv } from '../src/config/env';
import { Settings } from '../src/config/settings';
import { migrate } from '../src/database/migrate';
import { RemindersService } from '../src/modules/reminders/reminders.service';
import { prepareRuntime } from '../src/runtime/local-services';
import { WorkerModule } from '../src/worker.module';
import { numberOption, withDatabase } from './cli';

const ROOT = join(__dirname, '..', '..');

const COUNT = numberOption('count', 100_000);
const WINDOW_S = numberOption('window', 120);
const WORKERS = numberOption('workers', 1);
const KEEP = process.argv.includes('--keep');
const RECIPIENTS = 50;
const CHILDREN = 1_000;

const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Continuum worker started')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
  child.stdout.resume();
  child.stderr.resume();
  return child;
}

/** One locality, one agency, the recipients, some children, and a referral per reminder. */
async function seed(sql: Client, firstFireAt: Date): Promise<void> {
  await sql.query(`
    INSERT INTO agencies (name, type) VALUES ('Bench social care', 'social_care');
    INSERT INTO localities (name, code) VALUES ('Bench', 'BENCH');
    INSERT INTO users (email, display_name, role, agency_id, password_hash)
      SELECT 'manager' || i || '@bench.invalid', 'Manager ' || i, 'locality_manager',
             (SELECT id FROM agencies), 'not-a-hash'
      FROM generate_series(1, ${RECIPIENTS}) i;
    INSERT INTO user_localities (user_id, locality_id)
      SELECT id, (SELECT id FROM localities) FROM users;
    INSERT INTO children (given_name, family_name, name_key, date_of_birth, gender, locality_id, created_by)
      SELECT 'Child', 'Bench' || i, 'child bench' || i, date '2010-01-01' + i, 'unknown',
             (SELECT id FROM localities), (SELECT id FROM users LIMIT 1)
      FROM generate_series(1, ${CHILDREN}) i;
  `);
  // One undecided referral per reminder: the handler re-reads it and finds the work not done.
  await sql.query(
    `WITH kids AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM children),
          managers AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users),
          made AS (
            INSERT INTO referrals (child_id, locality_id, referred_at, source, reason, referrer_user_id, is_re_referral)
            SELECT k.id, (SELECT id FROM localities), current_date, 'school', 'Bench', (SELECT id FROM users LIMIT 1), false
            FROM generate_series(0, $1::int - 1) i JOIN kids k ON k.n = i % ${CHILDREN}
            RETURNING id, child_id
          ),
          numbered AS (SELECT id, child_id, row_number() OVER (ORDER BY id) - 1 AS i FROM made)
     INSERT INTO reminders (subject_type, subject_id, child_id, stage, type, recipient_user_id, due_date, fire_at)
     SELECT 'referral', r.id, r.child_id, 'referral_decision_overdue', 'referral_decision_overdue', m.id,
            current_date, date_trunc('milliseconds', $2::timestamptz + (r.i * $3::double precision / $1::int) * interval '1 second')
     FROM numbered r JOIN managers m ON m.n = r.i % ${RECIPIENTS}`,
    [COUNT, firstFireAt.toISOString(), WINDOW_S],
  );
  await sql.query('ANALYZE');
}

interface Figures {
  scheduled: number;
  delivered: number;
  duplicates: number;
  pending: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  min: number;
  first: Date;
  last: Date;
}

async function figures(sql: Client): Promise<Figures> {
  const { rows } = await sql.query<Figures>(`
    WITH d AS (
      SELECT extract(epoch FROM n.created_at - r.fire_at) * 1000 AS ms, n.created_at
      FROM notifications n JOIN reminders r ON r.id = n.reminder_id
    )
    SELECT (SELECT count(*) FROM reminders)::int AS scheduled,
           (SELECT count(*) FROM notifications)::int AS delivered,
           (SELECT count(*) - count(DISTINCT (recipient_user_id, subject_id, stage)) FROM notifications)::int AS duplicates,
           (SELECT count(*) FROM reminders WHERE state = 'pending')::int AS pending,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
           max(ms) AS max, min(ms) AS min,
           min(created_at) AS first, max(created_at) AS last
    FROM d`);
  return rows[0];
}

function table(rows: [string, string][]): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) say(`  ${k.padEnd(width)}  ${v}`);
}

async function main(): Promise<void> {
  const env = loadEnv({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const runtime = await prepareRuntime(env, say);
  const database = `continuum_bench_reminders_${process.pid}`;
  const benchUrl = withDatabase(runtime.databaseUrl, database);
  const prefix = `bench-reminders-${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-bench-'));
  const admin = new Client({ connectionString: runtime.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const workers: ChildProcess[] = [];
  const sql = new Client({ connectionString: benchUrl });
  try {
    await migrate(benchUrl);
    await sql.connect();
    say(`bench:reminders: ${COUNT} reminders over ${WINDOW_S} s, ${WORKERS} worker process(es)`);

    // The workers first, on an empty database, as in a running deployment.
    const workerEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATABASE_URL: benchUrl,
      REDIS_URL: runtime.redisUrl,
      REDIS_PREFIX: prefix,
      DATA_DIR: dataDir,
      JWT_SECRET: runtime.jwtSecret,
      LOG_LEVEL: 'info',
    };
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(workerEnv));

    // The reminders, due from a little after the jobs are in the queue.
    const leadMs = 20_000 + COUNT / 10;
    const firstFireAt = new Date(Date.now() + leadMs);
    const seeded = Date.now();
    await seed(sql, firstFireAt);
    say(`  seeded ${COUNT} referrals and reminder rows in ${Date.now() - seeded} ms`);

    // Enqueue as the service does: delayed jobs with deterministic ids, from the rows.
    const settings = new Settings(
      { ...env, runWorker: false, redisPrefix: prefix },
      benchUrl,
      runtime.redisUrl,
      runtime.jwtSecret,
    );
    const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(settings), {
      logger: ['error'],
    });
    const enqueueStarted = Date.now();
    const swept = await context.get(RemindersService).sweep({ full: true });
    const enqueueMs = Date.now() - enqueueStarted;
    await context.close();
    say(`  enqueued ${swept} delayed jobs in ${enqueueMs} ms`);
    if (Date.now() > firstFireAt.getTime())
      say('  warning: enqueueing ran past the first fire instant');

    const deadline = firstFireAt.getTime() + WINDOW_S * 1000 + 120_000;
    let last = -1;
    for (;;) {
      const { rows } = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notifications',
      );
      const delivered = rows[0].n;
      if (delivered !== last) say(`  delivered ${delivered} / ${COUNT}`);
      last = delivered;
      if (delivered >= COUNT || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 5_000));
    }
    await new Promise((r) => setTimeout(r, 2_000)); // anything late or duplicated shows now

    const f = await figures(sql);
    const spanS = (f.last.getTime() - f.first.getTime()) / 1000;
    say('');
    say(`bench:reminders results (${COUNT} reminders due over ${WINDOW_S} s, ${WORKERS} workers)`);
    table([
      ['scheduled', String(f.scheduled)],
      [
        'delivered',
        `${f.delivered} (${f.delivered === COUNT ? 'all' : 'MISSING ' + (COUNT - f.delivered)})`,
      ],
      ['duplicates', String(f.duplicates)],
      ['still pending', String(f.pending)],
      ['delay p50', `${Math.round(f.p50)} ms`],
      ['delay p95', `${Math.round(f.p95)} ms`],
      [
        'delay p99',
        `${Math.round(f.p99)} ms (target < 1000 ms: ${f.p99 < 1000 ? 'met' : 'NOT met'})`,
      ],
      ['delay max', `${Math.round(f.max)} ms`],
      ['delay min', `${Math.round(f.min)} ms (negative: up to 1 s early, allowed for clock skew)`],
      ['due rate', `${Math.round(COUNT / WINDOW_S)} /s`],
      ['delivery rate', `${Math.round(f.delivered / spanS)} /s over ${spanS.toFixed(1)} s`],
      ['enqueue', `${enqueueMs} ms (${Math.round(COUNT / (enqueueMs / 1000))} jobs/s)`],
    ]);
    process.exitCode = f.delivered === COUNT && f.duplicates === 0 ? 0 : 1;
  } finally {
    await Promise.all(
      workers.map(
        (w) => new Promise<void>((resolve) => (w.once('exit', () => resolve()), w.kill('SIGTERM'))),
      ),
    );
    await sql.end().catch(() => undefined);
    if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    else say(`  kept database ${database}`);
    await admin.end();
    const redis = new Redis(runtime.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:reminders failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
