/**
 * npm run bench:floor [-- --database continuum_scale --requests 3000 --cpu-prof <dir>]
 *
 * The per-request floor in CPU time, which a loaded machine does not distort as it does
 * wall-clock figures: the built service as its own process (dist/src/main.js, LOG_LEVEL=warn,
 * no worker) answers `requests` sequential requests on one keep-alive connection, first an
 * authenticated one-query GET (`GET /localities/:id`, the token checked and its user reloaded),
 * then `POST /referrals` (as bench:writes sends it); the service process's user + system CPU
 * time (from /proc, Linux) over each run, divided by the requests, is that route's floor.
 * `--routes get` or `--routes post` measures one of them.
 * With `--cpu-prof <dir>` the service also writes a V8 CPU profile there when it stops.
 * The referrals it adds are deleted at the end (their audit rows stay).
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { londonDate } from '../src/common/domain/london-time';
import { loadEnv } from '../src/config/env';
import { prepareRuntime } from '../src/runtime/local-services';
import { deleteBenchReferrals } from './bench-referrals';
import { numberOption, option, withDatabase } from './cli';
import { BENCH_PASSWORD } from './generate';

/** `--root <checkout>`: the built service of another checkout (its dist/src/main.js), for A/B runs. */
const ROOT = option('root', join(__dirname, '..', '..'));
const DATABASE = option('database', 'continuum_scale');
const REQUESTS = numberOption('requests', 3000);
const CPU_PROF = option('cpu-prof', '');
const REASON = 'bench:floor';
/** `--routes get,post`: which of the two to measure. */
const ROUTES = option('routes', 'get,post').split(',');

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function send(
  port: number,
  method: string,
  path: string,
  token: string | undefined,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path: `/api/v1${path}`, headers, agent },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function startService(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const up = await send(port, 'GET', '/health', undefined).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return child;
    if (Date.now() > deadline) throw new Error('the service did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function measure(
  pid: number,
  label: string,
  one: (n: number) => Promise<number>,
  expected: number,
): Promise<void> {
  for (let n = 0; n < Math.min(500, REQUESTS); n++) await one(n); // warm-up: JIT, prepared statements
  const before = cpuMs(pid);
  const started = process.hrtime.bigint();
  for (let n = 0; n < REQUESTS; n++) {
    const status = await one(n);
    if (status !== expected) throw new Error(`${label} answered ${status}`);
  }
  const cpu = (cpuMs(pid) - before) / REQUESTS;
  const wall = Number(process.hrtime.bigint() - started) / 1e6 / REQUESTS;
  say(`  ${label}: ${cpu.toFixed(3)} ms service CPU a request (wall ${wall.toFixed(2)} ms)`);
}

async function main(): Promise<void> {
  const env = loadEnv({ ...process.env, RUN_WORKER: 'false', LOG_LEVEL: 'warn' });
  const runtime = await prepareRuntime(env, say);
  const url = withDatabase(runtime.databaseUrl, DATABASE);
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const port = await freePort();
  const service = await startService(
    {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: url,
      REDIS_URL: runtime.redisUrl,
      REDIS_PREFIX: `bench-floor-${process.pid}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      RUN_WORKER: 'false',
      LOG_LEVEL: 'warn',
    },
    port,
  );
  try {
    const manager = await sql.query<{ email: string; localityId: string }>(
      `SELECT u.email, ul.locality_id AS "localityId" FROM users u
       JOIN user_localities ul ON ul.user_id = u.id
       WHERE u.email = 'manager.1@scale.continuum'`,
    );
    const { email, localityId } = manager.rows[0];
    const children = (
      await sql.query<{ id: string }>(
        `SELECT id FROM children WHERE locality_id = $1 ORDER BY id LIMIT 2000`,
        [localityId],
      )
    ).rows.map((r) => r.id);
    const login = await send(
      port,
      'POST',
      '/auth/login',
      undefined,
      JSON.stringify({ email, password: BENCH_PASSWORD }),
    );
    const token = (JSON.parse(login.text) as { accessToken: string }).accessToken;
    const today = londonDate(new Date());
    say(`bench:floor — ${REQUESTS} sequential requests each, ${DATABASE}, pid ${service.pid}`);
    if (ROUTES.includes('get'))
      await measure(
        service.pid!,
        'GET /localities/:id',
        async () => (await send(port, 'GET', `/localities/${localityId}`, token)).status,
        200,
      );
    if (ROUTES.includes('post'))
      await measure(
        service.pid!,
        'POST /referrals',
        async (n) =>
          (
            await send(
              port,
              'POST',
              '/referrals',
              token,
              JSON.stringify({
                childId: children[n % children.length],
                referredAt: today,
                source: 'school',
                reason: REASON,
              }),
            )
          ).status,
        201,
      );
  } finally {
    await new Promise<void>((resolve) => {
      service.once('exit', () => resolve());
      service.kill('SIGTERM');
    });
    agent.destroy();
    await deleteBenchReferrals(sql, REASON);
    await sql.end();
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:floor failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
