/**
 * npm run bench:writes [-- --database continuum_scale --seconds 15 --clients 1,8,32]
 *   [--warmup 5 --pool 100000 --processes 1 --pgbench-mode prepared --cpu-prof <dir>]
 *   [--node-floor]
 *
 * On the scale dataset (npm run generate): POST /referrals through HTTP — the referrer's right
 * to refer, the re-referral check, the referral, its reminder stage and its audit row in one
 * transaction, then the reminder's job put on the queue — against the built service running
 * as its own process(es) (dist/src/main.js, as `npm start` runs it, LOG_LEVEL=warn), loaded by
 * autocannon with each client count for `seconds`; and, for the anchor, pgbench running
 * bench/referral-writes.sql (the statements the service sends in its transaction, prepared)
 * with the same client counts on the same database. Target (docs/domain.md#qualities): the service sustains at
 * least 0.5× pgbench's transactions per second at the best client count. Prints both, their
 * latencies, the service's CPU time per request (Linux), the ratio and the rows each side
 * wrote.
 *
 * `--node-floor` also loads bench/node-floor.ts, a bare node:http server running the anchor's
 * statements through pg with nothing else, the same way at each client count: what Node.js and
 * pg cost on their own, so that the rest of the service's CPU time per request is its own.
 *
 * The referrers are the locality managers (manager.<n>@scale.continuum), each referring
 * children of their own locality drawn from a pool of `pool` children (a table the bench makes
 * and drops); every referral is dated today. The referrals and reminder rows both sides add
 * are deleted at the end (and at the start, after an interrupted run); their audit rows stay,
 * as the audit log is append-only.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { londonDate } from '../src/common/domain/london-time';
import { loadEnv } from '../src/config/env';
import { oneYearEarlier } from '../src/modules/referrals/domain/re-referral';
import { prepareRuntime, RuntimeConnections } from '../src/runtime/local-services';
import { deleteBenchReferrals } from './bench-referrals';
import { numberOption, option, withDatabase } from './cli';
import { BENCH_PASSWORD } from './generate';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'bench', 'referral-writes.sql');
const DATABASE = option('database', 'continuum_scale');
const SECONDS = numberOption('seconds', 15);
const WARMUP_SECONDS = numberOption('warmup', 5);
const POOL = numberOption('pool', 100_000);
const CLIENTS = option('clients', '1,8,32')
  .split(',')
  .map((n) => Number(n));
const PGBENCH_MODE = option('pgbench-mode', 'prepared');
/** `--processes n`: n service processes (as n replicas would run), each client count shared. */
const PROCESSES = numberOption('processes', 1);
/** `--cpu-prof <dir>`: the service writes a CPU profile there when it stops. */
const CPU_PROF = option('cpu-prof', '');
/** Marks the rows this bench adds, so that it can delete them. */
const REASON = 'bench:writes';
const FLOOR_REASON = `${REASON} (node floor)`;
const POOL_TABLE = 'bench_writes_pool';
const TARGET = 0.5;
/** `--node-floor`: load the bare node:http + pg server too (bench/node-floor.ts). */
const NODE_FLOOR = process.argv.includes('--node-floor');

const say = (line: string): void => void process.stdout.write(`${line}\n`);

interface ServiceRun {
  perSecond: number;
  /** The service processes' CPU time per request answered (Linux), or NaN. */
  cpuMs: number;
  p50: number;
  p99: number;
  failures: number;
  /** The other parts' CPU time per request (the client is autocannon). */
  machine: MachineCpu;
}

interface PgbenchRun {
  tps: number;
  latencyAvg: number;
  failures: number;
  /** The parts' CPU time per transaction (the client is pgbench). */
  machine: MachineCpu;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The built service as its own process, as `npm start` runs it (without its queue worker). */
async function startService(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the service exited with ${code}: ${output}`))),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await Promise.race([
      fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (up) return child;
    if (Date.now() > deadline) throw new Error(`the service did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** bench/node-floor.ts as its own process, with the reminder stage the service plans today. */
async function startNodeFloor(
  databaseUrl: string,
  port: number,
  stage: { stage: string; dueDate: string; fireAt: Date },
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'bench', 'node-floor.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      STAGE: JSON.stringify({ ...stage, fireAt: stage.fireAt.toISOString() }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`node-floor exited with ${code}`)));
  });
  return child;
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What each side wrote, to show that each did the same writes per transaction. */
async function rowsWritten(sql: Client, auditFrom: number): Promise<string> {
  const written = await sql.query<{ side: string; referrals: number; stages: number }>(
    `SELECT CASE r.reason WHEN $2 THEN 'service' WHEN $3 THEN 'node floor' ELSE 'pgbench' END
              AS side,
            count(DISTINCT r.id)::int AS referrals, count(m.id)::int AS stages
     FROM referrals r LEFT JOIN reminders m ON m.subject_id = r.id
     WHERE r.reason LIKE $1 GROUP BY 1`,
    [`${REASON}%`, REASON, FLOOR_REASON],
  );
  const audited = await sql.query<{ side: string; rows: number }>(
    `SELECT CASE request_id WHEN 'pgbench' THEN 'pgbench' WHEN 'node-floor' THEN 'node floor'
              ELSE 'service' END AS side,
            count(*)::int AS rows
     FROM audit_log WHERE id > $1 AND action = 'referral.created' GROUP BY 1`,
    [auditFrom],
  );
  const sides = NODE_FLOOR ? ['service', 'pgbench', 'node floor'] : ['service', 'pgbench'];
  const counts = sides.map((name) => {
    const w = written.rows.find((r) => r.side === name);
    const a = audited.rows.find((r) => r.side === name);
    return `${name} ${w?.referrals ?? 0} referrals, ${w?.stages ?? 0} reminder stages, ${a?.rows ?? 0} audit rows`;
  });
  return `  rows written: ${counts.join('; ')}`;
}

/**
 * The children to refer, numbered 1…POOL for pgbench: each with the locality manager who
 * refers them (a manager may refer a child of their locality).
 */
async function createPool(
  sql: Client,
): Promise<{ childId: string; userId: string; email: string }[]> {
  await sql.query(`DROP TABLE IF EXISTS ${POOL_TABLE}`);
  await sql.query(
    `CREATE UNLOGGED TABLE ${POOL_TABLE} AS
     SELECT (row_number() OVER (ORDER BY c.id))::int AS n, c.id AS child_id, c.locality_id,
            m.id AS user_id, m.email
     FROM (SELECT id, locality_id FROM children ORDER BY random() LIMIT $1) c
     JOIN user_localities ul ON ul.locality_id = c.locality_id
     JOIN users m ON m.id = ul.user_id AND m.role = 'locality_manager' AND m.email LIKE 'manager.%@scale.continuum'`,
    [POOL],
  );
  await sql.query(`ALTER TABLE ${POOL_TABLE} ADD PRIMARY KEY (n)`);
  await sql.query(`ANALYZE ${POOL_TABLE}`);
  const rows = await sql.query<{ childId: string; userId: string; email: string }>(
    `SELECT child_id AS "childId", user_id AS "userId", email FROM ${POOL_TABLE} ORDER BY n`,
  );
  return rows.rows;
}

/** Processes' user + system CPU time so far in ms, from /proc (Linux), or NaN elsewhere. */
function cpuTimeMs(processes: readonly ChildProcess[]): number {
  let total = 0;
  for (const { pid } of processes) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, fields 14 and 15 of the line, in clock ticks (100 a second on Linux).
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return Number.NaN;
    }
  }
  return total;
}

/** CPU time (ms) of the machine's parts, from /proc (Linux): for where a transaction's time goes. */
interface MachineCpu {
  /** This process: autocannon, the service's load client. */
  client: number;
  /** This process's waited-for children: pgbench, the anchor's client. */
  pgbenchClient: number;
  /** Every PostgreSQL process, and the ended backends their postmaster reaped. */
  postgres: number;
  redis: number;
}

function machineCpu(): MachineCpu {
  const ticks = (fields: string[], from: number): number =>
    (Number(fields[from]) + Number(fields[from + 1])) * 10;
  const parse = (pid: string): { name: string; fields: string[] } | undefined => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return { name, fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
    } catch {
      return undefined;
    }
  };
  const self = parse('self');
  const cpu: MachineCpu = {
    client: self ? ticks(self.fields, 11) : Number.NaN,
    pgbenchClient: self ? ticks(self.fields, 13) : Number.NaN,
    postgres: 0,
    redis: 0,
  };
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return { ...cpu, postgres: Number.NaN, redis: Number.NaN };
  }
  for (const pid of pids) {
    const stat = parse(pid);
    if (stat?.name === 'postgres') cpu.postgres += ticks(stat.fields, 11) + ticks(stat.fields, 13);
    else if (stat?.name.startsWith('redis-server')) cpu.redis += ticks(stat.fields, 11);
  }
  return cpu;
}

/** Each part's CPU time per transaction between two readings. */
function cpuPer(before: MachineCpu, after: MachineCpu, transactions: number): MachineCpu {
  const per = (key: keyof MachineCpu): number => (after[key] - before[key]) / transactions;
  return {
    client: per('client'),
    pgbenchClient: per('pgbenchClient'),
    postgres: per('postgres'),
    redis: per('redis'),
  };
}

async function runService(
  urls: string[],
  processes: readonly ChildProcess[],
  connections: number,
  seconds: number,
  next: () => { body: string; token: string },
): Promise<ServiceRun> {
  const cpuBefore = cpuTimeMs(processes);
  const machineBefore = machineCpu();
  const result = await autocannon({
    // Connections go round the processes' URLs (autocannon takes several; its types say one).
    url: urls.slice(0, connections) as unknown as string,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/referrals',
        setupRequest: (request) => {
          const { body, token } = next();
          return {
            ...request,
            body,
            headers: {
              ...request.headers,
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
            },
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    perSecond: ok / result.duration,
    cpuMs: (cpuTimeMs(processes) - cpuBefore) / ok,
    machine: cpuPer(machineBefore, machineCpu(), ok),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function runPgbench(url: string, clients: number, seconds: number, vars: string[]): PgbenchRun {
  const machineBefore = machineCpu();
  const result = spawnSync(
    'pgbench',
    [
      '-n',
      `-M${PGBENCH_MODE}`,
      `-c${clients}`,
      `-j${Math.min(clients, 2)}`,
      `-T${seconds}`,
      '-f',
      SCRIPT,
      ...vars.flatMap((v) => ['-D', v]),
      url,
    ],
    { encoding: 'utf8' },
  );
  const out = `${result.stdout}${result.stderr}`;
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
  const latency = /latency average = ([\d.]+) ms/.exec(out);
  if (result.status !== 0 || !tps || !latency) {
    throw new Error(`pgbench failed (exit ${result.status}): ${out.slice(-2000)}`);
  }
  const failed = /number of failed transactions: (\d+)/.exec(out);
  const processed = /number of transactions actually processed: (\d+)/.exec(out);
  return {
    machine: cpuPer(machineBefore, machineCpu(), Number(processed?.[1] ?? Number.NaN)),
    tps: Number(tps[1]),
    latencyAvg: Number(latency[1]),
    failures: failed ? Number(failed[1]) : 0,
  };
}

async function main(): Promise<void> {
  if (spawnSync('pgbench', ['--version']).status !== 0) {
    throw new Error('pgbench is not on the PATH (it comes with the PostgreSQL client tools)');
  }
  const env = loadEnv({ ...process.env, RUN_WORKER: 'false', LOG_LEVEL: 'warn' });
  const runtime = await prepareRuntime(env, say);
  try {
    await run(runtime);
  } finally {
    await runtime.stop();
  }
}

async function run(runtime: RuntimeConnections): Promise<void> {
  const url = withDatabase(runtime.databaseUrl, DATABASE);
  const prefix = `bench-writes-${process.pid}`;
  const sql = new Client({ connectionString: url });
  await sql.connect().catch((error: unknown) => {
    throw new Error(
      `cannot reach ${DATABASE} (npm run generate makes it): ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  const services: ChildProcess[] = [];
  const floor: ChildProcess[] = [];
  const floorUrls: string[] = [];
  try {
    const leftover = await deleteBenchReferrals(sql, REASON);
    if (leftover > 0) say(`deleted ${leftover} referrals left by an earlier run`);
    const pool = await createPool(sql);
    const auditFrom = Number(
      (await sql.query<{ id: string }>('SELECT coalesce(max(id), 0) AS id FROM audit_log')).rows[0]
        .id,
    );
    const jwtSecret = randomBytes(32).toString('hex');
    const urls: string[] = [];
    for (let n = 0; n < PROCESSES; n++) {
      const port = await freePort();
      const env = {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: url,
        REDIS_URL: runtime.redisUrl,
        REDIS_PREFIX: prefix,
        JWT_SECRET: jwtSecret,
        RUN_WORKER: 'false',
        LOG_LEVEL: 'warn',
      };
      services.push(await startService(env, port));
      urls.push(`http://127.0.0.1:${port}`);
    }
    const base = urls[0];
    const tokens = new Map<string, string>();
    for (const email of new Set(pool.map((p) => p.email))) {
      const response = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: BENCH_PASSWORD }),
      });
      if (!response.ok) throw new Error(`login as ${email} failed: ${response.status}`);
      tokens.set(email, ((await response.json()) as { accessToken: string }).accessToken);
    }
    const today = londonDate(new Date());
    let turn = 0;
    const next = (): { body: string; token: string } => {
      const { childId, email } = pool[turn++ % pool.length];
      return {
        body: JSON.stringify({ childId, referredAt: today, source: 'school', reason: REASON }),
        token: tokens.get(email)!,
      };
    };

    // One referral through the service: what its reminder stage looks like today, for pgbench.
    const one = next();
    const first = await fetch(`${base}/api/v1/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${one.token}` },
      body: one.body,
    });
    if (first.status !== 201) throw new Error(`POST /referrals answered ${first.status}`);
    const stage = (
      await sql.query<{ stage: string; type: string; dueDate: string; fireAt: Date }>(
        `SELECT stage, type, due_date::text AS "dueDate", fire_at AS "fireAt" FROM reminders
         WHERE subject_id = $1 AND state = 'pending'`,
        [((await first.json()) as { id: string }).id],
      )
    ).rows[0];
    if (!stage) throw new Error('the referral has no pending reminder stage');
    const vars = [
      `pool=${pool.length}`,
      `referred_at=${today}`,
      `year_before=${oneYearEarlier(today)}`,
      `reason=${REASON} (pgbench)`,
      `stage=${stage.stage}`,
      `due_date=${stage.dueDate}`,
      `fire_at=${stage.fireAt.toISOString()}`,
    ];

    // The bare node:http + pg server: the same referrals, its referrer's id as the token.
    let floorTurn = 0;
    const nextForFloor = (): { body: string; token: string } => {
      const { childId, userId } = pool[floorTurn++ % pool.length];
      return {
        body: JSON.stringify({ childId, referredAt: today, reason: FLOOR_REASON }),
        token: userId,
      };
    };
    if (NODE_FLOOR) {
      const port = await freePort();
      floor.push(await startNodeFloor(url, port, stage));
      floorUrls.push(`http://127.0.0.1:${port}`);
    }

    say(`warming up (${WARMUP_SECONDS} s each side)`);
    await runService(urls, services, 8, WARMUP_SECONDS, next);
    runPgbench(url, 8, WARMUP_SECONDS, vars);
    if (NODE_FLOOR) await runService(floorUrls, floor, 8, WARMUP_SECONDS, nextForFloor);

    const rows: {
      clients: number;
      service: ServiceRun;
      pgbench: PgbenchRun;
      floor?: ServiceRun;
    }[] = [];
    for (const clients of CLIENTS) {
      const service_ = await runService(urls, services, clients, SECONDS, next);
      const pgbench = runPgbench(url, clients, SECONDS, vars);
      const floorRun = NODE_FLOOR
        ? await runService(floorUrls, floor, clients, SECONDS, nextForFloor)
        : undefined;
      rows.push({ clients, service: service_, pgbench, floor: floorRun });
      say(
        `  ${clients} clients: service ${service_.perSecond.toFixed(0)}/s, pgbench ${pgbench.tps.toFixed(0)} tps` +
          (floorRun ? `, node floor ${floorRun.perSecond.toFixed(0)}/s` : ''),
      );
    }

    const header = [
      'clients',
      'service req/s',
      'p50',
      'p99',
      'CPU/req',
      'failed',
      'pgbench TPS',
      'pgbench latency avg',
      'ratio',
    ];
    const lines = rows.map((r) => [
      String(r.clients),
      r.service.perSecond.toFixed(0),
      `${r.service.p50.toFixed(1)} ms`,
      `${r.service.p99.toFixed(1)} ms`,
      `${r.service.cpuMs.toFixed(2)} ms`,
      String(r.service.failures + r.pgbench.failures),
      r.pgbench.tps.toFixed(0),
      `${r.pgbench.latencyAvg.toFixed(1)} ms`,
      `${(r.service.perSecond / r.pgbench.tps).toFixed(2)}×`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const format = (cells: string[]): string =>
      `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`;
    say(
      `\nbench:writes — POST /referrals through HTTP (${PROCESSES} service process${PROCESSES === 1 ? '' : 'es'}) vs pgbench -M ${PGBENCH_MODE} (${SECONDS} s each, ${DATABASE})`,
    );
    say(format(header));
    for (const line of lines) say(format(line));
    const best = rows.reduce((a, b) => (b.service.perSecond > a.service.perSecond ? b : a));
    const bestPgbench = rows.reduce((a, b) => (b.pgbench.tps > a.pgbench.tps ? b : a));
    const ratio = best.service.perSecond / bestPgbench.pgbench.tps;
    say(
      `  best: service ${best.service.perSecond.toFixed(0)} req/s (${best.clients} clients, p99 ${best.service.p99.toFixed(1)} ms)` +
        ` ÷ pgbench ${bestPgbench.pgbench.tps.toFixed(0)} tps (${bestPgbench.clients} clients)` +
        ` = ${ratio.toFixed(2)}× (target ≥ ${TARGET}×): ${ratio >= TARGET ? 'met' : 'NOT met'}`,
    );
    if (NODE_FLOOR) {
      say(
        '\n  node floor: bare node:http + pg, the same statements, no framework (bench/node-floor.ts)',
      );
      for (const { clients, floor: f, pgbench: p } of rows) {
        if (!f) continue;
        say(
          `  ${clients} clients: ${f.perSecond.toFixed(0)} req/s, p99 ${f.p99.toFixed(1)} ms,` +
            ` CPU ${f.cpuMs.toFixed(2)} ms/req, ${f.failures} failed,` +
            ` ${(f.perSecond / p.tps).toFixed(2)}× pgbench`,
        );
      }
    }
    say('\n  CPU time per transaction, by part of the machine (ms; /proc, Linux)');
    const cpuHeader = ['clients', 'side', 'client', 'service', 'PostgreSQL', 'Redis', 'all'];
    const ms = (n: number): string => n.toFixed(2);
    const httpSide = (clients: number, side: string, run: ServiceRun): string[] => [
      String(clients),
      side,
      ms(run.machine.client),
      ms(run.cpuMs),
      ms(run.machine.postgres),
      ms(run.machine.redis),
      ms(run.machine.client + run.cpuMs + run.machine.postgres + run.machine.redis),
    ];
    const cpuLines = rows.flatMap(({ clients, service: s, pgbench: p, floor: f }) => [
      httpSide(clients, 'service', s),
      [
        String(clients),
        'pgbench',
        ms(p.machine.pgbenchClient),
        '',
        ms(p.machine.postgres),
        ms(p.machine.redis),
        ms(p.machine.pgbenchClient + p.machine.postgres + p.machine.redis),
      ],
      ...(f ? [httpSide(clients, 'node floor', f)] : []),
    ]);
    const cpuWidths = cpuHeader.map((h, i) =>
      Math.max(h.length, ...cpuLines.map((l) => l[i].length)),
    );
    for (const cells of [cpuHeader, ...cpuLines]) {
      say(
        `  ${cells.map((c, i) => (i < 2 ? c.padEnd(cpuWidths[i]) : c.padStart(cpuWidths[i]))).join('  ')}`,
      );
    }
    // Stopped first, so that no transaction a client left in flight commits between the counts.
    await Promise.all([...services, ...floor].map(stopService));
    say(await rowsWritten(sql, auditFrom));
  } finally {
    await Promise.all([...services, ...floor].map(stopService));
    const deleted = await deleteBenchReferrals(sql, REASON).catch(() => 0);
    say(`deleted the ${deleted} referrals the runs added and their reminders (audit rows stay)`);
    await sql.query(`DROP TABLE IF EXISTS ${POOL_TABLE}`).catch(() => undefined);
    await sql.end();
    const redis = new Redis(runtime.redisUrl);
    let cursor = '0';
    do {
      const [following, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = following;
    } while (cursor !== '0');
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:writes failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
