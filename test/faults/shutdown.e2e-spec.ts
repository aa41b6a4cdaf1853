import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from '../support/processes';
import { call, ServiceProcess } from '../support/service-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_PASSWORD } from '../support/test-app';
import {
  TEST_REDIS_URL,
  TEST_SERVER_URL,
  TEST_TEMPLATE_DB,
  required,
  withDatabase,
} from '../support/test-env';

/**
 * SIGTERM to the real processes under load: the HTTP service (`node dist/src/main.js`) with
 * requests in flight on keep-alive connections, and the queue worker (`node dist/src/worker.js`)
 * in the middle of delivering reminders.
 */
const SHUTDOWN_DEADLINE_MS = 10_000;
const SLOW_REQUESTS = 4;
const LOAD_CLIENTS = 6;
const HISTORIC_REFERRALS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The promise's value, or undefined once `ms` have passed (leaving no timer behind). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Outcome {
  startedAt: number;
  status?: number;
  error?: string;
  connection?: string;
  familyName?: string;
  id?: string;
}

/** Resolves with the connection error of a new TCP connection, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('graceful shutdown on SIGTERM', () => {
  const database = `continuum_shutdown_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(required(TEST_SERVER_URL), database);
  const redisPrefix = `shutdown-${randomBytes(4).toString('hex')}`;
  const jwtSecret = randomBytes(32).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-shutdown-'));
  const processes: ServiceProcess[] = [];
  let admin: Client;
  let sql: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: required(TEST_SERVER_URL) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${required(TEST_TEMPLATE_DB)}`);
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill()));
    await sql.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(required(TEST_REDIS_URL));
    const keys = await redis.keys(`${redisPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startService(extra: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = await ServiceProcess.start('main.js', {
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      REDIS_URL: required(TEST_REDIS_URL),
      REDIS_PREFIX: redisPrefix,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      JWT_SECRET: jwtSecret,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...extra,
    });
    processes.push(service);
    return service;
  }

  async function startWorker(): Promise<ServiceProcess> {
    const worker = await ServiceProcess.start(
      'worker.js',
      {
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        REDIS_URL: required(TEST_REDIS_URL),
        REDIS_PREFIX: redisPrefix,
        JWT_SECRET: jwtSecret,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
      'Continuum worker started',
    );
    processes.push(worker);
    return worker;
  }

  /** Sends SIGTERM and answers the exit code and how long the exit took. */
  async function terminate(target: ServiceProcess): Promise<{ code: number | null; ms: number }> {
    const sentAt = Date.now();
    target.child.kill('SIGTERM');
    const exit = await within(target.exit, SHUTDOWN_DEADLINE_MS + 5_000);
    if (!exit) return { code: null, ms: Date.now() - sentAt };
    return { code: exit.code, ms: exit.at - sentAt };
  }

  /** An admin-made locality with `managers` locality managers, and a token for the first. */
  async function setUp(
    port: number,
    managers: number,
  ): Promise<{ token: string; localityId: string; managerIds: string[] }> {
    const login = async (email: string, password: string) => {
      const reply = await call(port, 'POST', '/auth/login', { body: { email, password } });
      expect(reply.status).toBe(200);
      return (reply.body as { accessToken: string }).accessToken;
    };
    const adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = async (path: string, body: object): Promise<string> => {
      const reply = await call(port, 'POST', path, { token: adminToken, body });
      expect(reply.status).toBe(201);
      return (reply.body as { id: string }).id;
    };
    const tag = randomBytes(3).toString('hex');
    const localityId = await created('/localities', { name: `Harbour ${tag}`, code: `H${tag}` });
    const agencyId = await created('/agencies', { name: `Harbour ${tag}`, type: 'social_care' });
    const managerIds: string[] = [];
    for (let i = 0; i < managers; i += 1) {
      managerIds.push(
        await created('/users', {
          email: `manager${i}-${tag}@shutdown.test`,
          displayName: `Manager ${i}`,
          role: 'locality_manager',
          agencyId,
          localityIds: [localityId],
          password: TEST_PASSWORD,
        }),
      );
    }
    return {
      token: await login(`manager0-${tag}@shutdown.test`, TEST_PASSWORD),
      localityId,
      managerIds,
    };
  }

  async function createChild(
    port: number,
    token: string,
    localityId: string,
    familyName: string,
    agent?: Agent,
  ) {
    return call(port, 'POST', '/children', {
      token,
      agent,
      body: {
        givenName: 'Shutwell',
        familyName,
        dateOfBirth: '2016-05-06',
        gender: 'female',
        localityId,
      },
    });
  }

  it('HTTP service: finishes in-flight requests with 2xx, closes keep-alive connections, refuses new ones, and exits 0 within 10 s', async () => {
    const service = await startService(); // with its queue worker, as `npm start` runs it
    const { port } = service;
    const { token, localityId } = await setUp(port, 1);
    const locked = await createChild(port, token, localityId, 'Quorralock');
    expect(locked.status).toBe(201);
    const lockedChildId = (locked.body as { id: string }).id;

    // Slow requests: referrals of a child whose row this test holds locked, so they wait.
    await sql.query('BEGIN');
    await sql.query('SELECT 1 FROM children WHERE id = $1 FOR UPDATE', [lockedChildId]);
    const slowAgents = Array.from(
      { length: SLOW_REQUESTS },
      () => new Agent({ keepAlive: true, maxSockets: 1 }),
    );
    // Each slow client's connection is a kept-alive one: warm it first.
    for (const agent of slowAgents) {
      expect((await call(port, 'GET', '/health', { agent })).status).toBe(200);
    }
    const slow = slowAgents.map(async (agent) => {
      const startedAt = Date.now();
      const reply = await call(port, 'POST', '/referrals', {
        token,
        agent,
        timeoutMs: 30_000,
        body: {
          childId: lockedChildId,
          referredAt: '2024-03-04',
          source: 'school',
          reason: 'Slow',
        },
      });
      // The next request on the same client: the server said Connection: close, so it needs a
      // new connection, which must be refused.
      const next = await call(port, 'GET', '/health', { agent }).then(
        (r) => `HTTP ${r.status}`,
        (error: NodeJS.ErrnoException) => error.code ?? 'error',
      );
      return {
        startedAt,
        status: reply.status,
        connection: reply.headers.connection,
        ms: reply.ms,
        next,
      };
    });
    // (From another session: this one's transaction would see one snapshot of the statistics.)
    const waiting = async () =>
      (
        await admin.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [database],
        )
      ).rows[0].n as number;
    for (let i = 0; (await waiting()) < SLOW_REQUESTS; i += 1) {
      if (i > 1_500) throw new Error('the slow requests never reached the lock');
      await sleep(10);
    }

    // Fast load: keep-alive clients and clients with a new connection per request.
    const outcomes: Outcome[] = [];
    let signalSeenAt = Number.POSITIVE_INFINITY;
    let sequence = 0;
    const loadClient = async (keepAlive: boolean): Promise<void> => {
      const agent = keepAlive ? new Agent({ keepAlive: true, maxSockets: 1 }) : undefined;
      let refusedInARow = 0;
      while (refusedInARow < 3) {
        const familyName = `Quorra${(++sequence).toString(36)}`;
        const startedAt = Date.now();
        try {
          const reply = await createChild(port, token, localityId, familyName, agent);
          outcomes.push({
            startedAt,
            status: reply.status,
            familyName,
            id: (reply.body as { id?: string }).id,
            connection: reply.headers.connection as string | undefined,
          });
          refusedInARow = 0;
        } catch (error) {
          outcomes.push({
            startedAt,
            error: (error as NodeJS.ErrnoException).code ?? 'error',
            familyName,
          });
          if (startedAt > signalSeenAt) refusedInARow += 1;
          await sleep(5);
        }
      }
      agent?.destroy();
    };
    const load = Array.from({ length: LOAD_CLIENTS }, (_, i) => loadClient(i % 2 === 0));
    await sleep(1_000);

    const sentAt = Date.now();
    service.child.kill('SIGTERM');
    await service.waitForOutput('SIGTERM received', 5_000);
    signalSeenAt = Date.now();
    const newConnection = await tryConnect(port);

    // The in-flight slow requests are still waiting: let them go.
    await sleep(1_000);
    expect(service.running).toBe(true);
    await sql.query('COMMIT');
    const slowResults = await Promise.all(slow);
    await Promise.all(load);
    const exit = await within(service.exit, SHUTDOWN_DEADLINE_MS + 5_000);
    slowAgents.forEach((a) => a.destroy());

    const answered = outcomes.filter((o) => o.status !== undefined);
    const refused = outcomes.filter((o) => o.error !== undefined);
    process.stderr.write(
      `shutdown: ${outcomes.length} load requests (${answered.length} answered, ${refused.length} ` +
        `not started: ${[...new Set(refused.map((o) => o.error))].join('/')}), ${SLOW_REQUESTS} slow requests ` +
        `in flight answered ${slowResults.map((s) => s.status).join(',')} after ` +
        `${Math.max(...slowResults.map((s) => s.ms))} ms; new connection after the signal: ${newConnection}; ` +
        `exit code ${exit?.code} ${exit ? exit.at - sentAt : 'never'} ms after SIGTERM\n`,
    );

    expect(exit).toMatchObject({ code: 0 });
    expect(exit!.at - sentAt).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    expect(newConnection).toBe('ECONNREFUSED');
    for (const result of slowResults) {
      expect(result).toMatchObject({ status: 201, connection: 'close' });
      expect(result.next).toBe('ECONNREFUSED');
    }
    // Every request that got an answer got a 2xx; none started after the signal was served.
    expect(answered.filter((o) => o.status !== 201)).toEqual([]);
    expect(answered.filter((o) => o.startedAt > signalSeenAt)).toEqual([]);
    expect(
      refused.filter((o) => !['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(o.error!)),
    ).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    // What was answered is there; what was refused was never run.
    const { rows } = await sql.query<{ familyName: string; id: string }>(
      'SELECT family_name AS "familyName", id FROM children WHERE family_name LIKE $1',
      ['Quorra%'],
    );
    const stored = new Map(rows.map((r) => [r.familyName, r.id]));
    expect(answered.filter((o) => stored.get(o.familyName!) !== o.id)).toEqual([]);
    expect(refused.filter((o) => stored.has(o.familyName!))).toEqual([]);
    expect(service.logs).not.toMatch(/Shutwell|Quorra/); // no child data in the logs
    const referrals = await sql.query('SELECT 1 FROM referrals WHERE child_id = $1', [
      lockedChildId,
    ]);
    expect(referrals.rowCount).toBe(SLOW_REQUESTS);
  }, 90_000);

  it('queue worker: stops in the middle of delivering reminders, finishes its running jobs, exits 0 within 10 s, and another worker delivers the rest exactly once', async () => {
    // Historic referrals, made through a service that runs no worker: each gives its three
    // locality managers a decision escalation that is due at once.
    const setUpStarted = Date.now();
    const service = await startService({ RUN_WORKER: 'false' });
    const { token, localityId, managerIds } = await setUp(service.port, 3);
    const childIds: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const reply = await createChild(service.port, token, localityId, `Quorrahist${i}`);
      expect(reply.status).toBe(201);
      childIds.push((reply.body as { id: string }).id);
    }
    let next = 0;
    const referralIds: string[] = [];
    const maker = async (): Promise<void> => {
      while (next < HISTORIC_REFERRALS) {
        const n = next++;
        const reply = await call(service.port, 'POST', '/referrals', {
          token,
          body: {
            childId: childIds[n % childIds.length],
            referredAt: `${2015 + (n % 5)}-0${1 + (n % 9)}-1${n % 10}`,
            source: 'school',
            reason: 'Historic',
          },
        });
        expect(reply.status).toBe(201);
        referralIds.push((reply.body as { id: string }).id);
      }
    };
    await Promise.all(Array.from({ length: 6 }, maker));
    const serviceExit = await terminate(service);
    expect(serviceExit.code).toBe(0);

    const total = HISTORIC_REFERRALS * managerIds.length;
    process.stderr.write(
      `shutdown: ${total} reminders set up in ${Date.now() - setUpStarted} ms\n`,
    );
    const count = async (query: string): Promise<number> =>
      (await sql.query<{ n: number }>(query, [referralIds])).rows[0].n;
    const pending = () =>
      count(
        `SELECT count(*)::int AS n FROM reminders WHERE subject_id = ANY($1::uuid[]) AND state = 'pending'`,
      );
    const delivered = () =>
      count('SELECT count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[])');
    expect(await pending()).toBe(total);

    const worker = await startWorker();
    for (let i = 0; (await delivered()) === 0; i += 1) {
      if (i > 3_000) throw new Error('the worker delivered nothing');
      await sleep(5);
    }
    const workerExit = await terminate(worker);
    const deliveredAtExit = await delivered();

    // The running jobs were finished, not dropped: none is left active or sent back to retry.
    const redis = new Redis(required(TEST_REDIS_URL));
    const active = await redis.llen(`${redisPrefix}:reminders:active`);
    const retrying = await redis.zcard(`${redisPrefix}:reminders:delayed`);
    const failed = await redis.zcard(`${redisPrefix}:reminders:failed`);
    await redis.quit();
    // Each delivered stage has its one notification, and each notification its delivered stage.
    const halfDone = await count(
      `SELECT count(*)::int AS n FROM reminders r WHERE r.subject_id = ANY($1::uuid[])
         AND (r.state = 'delivered') <> EXISTS (SELECT 1 FROM notifications n WHERE n.reminder_id = r.id)`,
    );
    process.stderr.write(
      `shutdown: worker stopped by SIGTERM after ${deliveredAtExit} of ${total} reminders delivered, ` +
        `exit code ${workerExit.code} in ${workerExit.ms} ms; jobs left active ${active}, retrying ${retrying}, ` +
        `failed ${failed}; service (no worker) exit code ${serviceExit.code} in ${serviceExit.ms} ms\n`,
    );
    expect(workerExit.code).toBe(0);
    expect(workerExit.ms).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    expect(deliveredAtExit).toBeLessThan(total); // it was stopped in the middle of the batch
    expect({ active, retrying, failed, halfDone }).toEqual({
      active: 0,
      retrying: 0,
      failed: 0,
      halfDone: 0,
    });

    // Another worker delivers the rest; each stage exactly once.
    const second = await startWorker();
    const started = Date.now();
    while ((await delivered()) < total && Date.now() - started < 60_000) await sleep(100);
    const restMs = Date.now() - started;
    await sleep(500);
    process.stderr.write(
      `shutdown: a second worker delivered the other ${total - deliveredAtExit} in ${restMs} ms\n`,
    );
    expect(await delivered()).toBe(total);
    expect(await pending()).toBe(0);
    const perRecipient = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[])
       GROUP BY recipient_user_id, subject_id HAVING count(*) > 1`,
      [referralIds],
    );
    expect(perRecipient.rowCount).toBe(0);
    const secondExit = await terminate(second);
    for (const target of [service, worker, second])
      expect(target.logs).not.toMatch(/Shutwell|Quorra/);
    expect(secondExit.code).toBe(0);
    expect(secondExit.ms).toBeLessThan(SHUTDOWN_DEADLINE_MS);
  }, 90_000);
});
