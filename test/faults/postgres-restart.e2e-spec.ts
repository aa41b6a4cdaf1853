import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/processes';
import { PostgresServer } from '../support/postgres-server';
import { call, Reply, ServiceProcess } from '../support/service-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_PASSWORD } from '../support/test-app';
import { TEST_REDIS_URL, required } from '../support/test-env';

/**
 * The service (`node dist/src/main.js`, a process of its own) on a private PostgreSQL that the
 * test stops (fast shutdown) and starts again in the middle of a write load.
 */
const CLIENTS = 6;
const OUTAGE_MS = 3_000;
const REQUEST_TIMEOUT_MS = 15_000;

interface Attempt {
  kind: 'child' | 'referral';
  startedAt: number;
  endedAt: number;
  status: number | undefined;
  /** The connection-level error, when there was no HTTP answer. */
  error?: string;
  body?: unknown;
  id?: string;
}

interface HealthProbe {
  at: number;
  endedAt: number;
  status: number | undefined;
  message?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A date two days ago in Europe/London, so that it is never in the service's future. */
function recentDate(): string {
  const day = new Date(Date.now() - 2 * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(day);
}

describe('PostgreSQL restarted under a write load', () => {
  let pg: PostgresServer;
  let service: ServiceProcess;
  let sql: Client;
  let token: string;
  let localityId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-pgfault-'));

  beforeAll(async () => {
    pg = await PostgresServer.start('continuum');
    const port = await freePort();
    service = await ServiceProcess.start('main.js', {
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: pg.url('continuum'),
      REDIS_URL: required(TEST_REDIS_URL),
      REDIS_PREFIX: `pgfault-${port}`,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    }).catch(async (error: unknown) => {
      await pg.stop();
      throw error;
    });
    const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const created = async (path: string, body: object): Promise<string> => {
      const reply = await call(service.port, 'POST', path, { token: admin, body });
      expect(reply.status).toBe(201);
      return (reply.body as { id: string }).id;
    };
    localityId = await created('/localities', { name: 'Riverside', code: 'RIV' });
    const agencyId = await created('/agencies', { name: 'Riverside Council', type: 'social_care' });
    await created('/users', {
      email: 'manager@pgfault.test',
      displayName: 'Locality Manager',
      role: 'locality_manager',
      agencyId,
      localityIds: [localityId],
      password: TEST_PASSWORD,
    });
    token = await login('manager@pgfault.test', TEST_PASSWORD);
  }, 90_000);

  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await service?.kill();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function login(email: string, password: string): Promise<string> {
    const reply = await call(service.port, 'POST', '/auth/login', { body: { email, password } });
    expect(reply.status).toBe(200);
    return (reply.body as { accessToken: string }).accessToken;
  }

  async function attempt(kind: Attempt['kind'], path: string, body: object): Promise<Attempt> {
    const startedAt = Date.now();
    let reply: Reply;
    try {
      reply = await call(service.port, 'POST', path, {
        token,
        body,
        timeoutMs: REQUEST_TIMEOUT_MS,
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      return { kind, startedAt, endedAt: Date.now(), status: undefined, error: code };
    }
    const id = reply.status === 201 ? (reply.body as { id: string }).id : undefined;
    return { kind, startedAt, endedAt: Date.now(), status: reply.status, body: reply.body, id };
  }

  it('answers 503 in the API error shape during the outage, loses no acknowledged write, half-does none, and recovers without a restart', async () => {
    const attempts: Attempt[] = [];
    const probes: HealthProbe[] = [];
    let stopped = false;
    let sequence = 0;
    const referredAt = recentDate();

    const client = async (): Promise<void> => {
      while (!stopped) {
        const n = ++sequence;
        const child = await attempt('child', '/children', {
          givenName: 'Pgrestwin',
          familyName: `Lindqvar${n.toString(36)}`,
          dateOfBirth: '2015-03-04',
          gender: n % 2 ? 'male' : 'female',
          localityId,
        });
        attempts.push(child);
        if (child.id) {
          const referral = await attempt('referral', '/referrals', {
            childId: child.id,
            referredAt,
            source: 'school',
            reason: 'Concern raised under load',
          });
          attempts.push(referral);
        }
        // A refused write comes back at once: do not spin.
        if (child.status !== 201) await sleep(25);
      }
    };
    const poller = async (): Promise<void> => {
      while (!stopped) {
        const at = Date.now();
        try {
          const reply = await call(service.port, 'GET', '/health', { timeoutMs: 5_000 });
          probes.push({
            at,
            endedAt: Date.now(),
            status: reply.status,
            message: (reply.body as { message?: string }).message,
          });
        } catch {
          probes.push({ at, endedAt: Date.now(), status: undefined });
        }
        await sleep(100);
      }
    };

    const running = [...Array.from({ length: CLIENTS }, client), poller()];
    await sleep(2_000);

    const stopAt = Date.now();
    await pg.fastStop();
    const downAt = Date.now();
    await sleep(OUTAGE_MS);
    const restartAt = Date.now();
    await pg.up();
    const upAt = Date.now();

    let healthyAt = 0;
    let writableAt = 0;
    while (Date.now() - upAt < 30_000 && !(healthyAt && writableAt)) {
      healthyAt ||= probes.find((p) => p.at >= upAt && p.status === 200)?.at ?? 0;
      writableAt ||= attempts.find((a) => a.startedAt >= upAt && a.status === 201)?.endedAt ?? 0;
      await sleep(50);
    }
    await sleep(2_000);
    stopped = true;
    await Promise.all(running);

    // Answered while PostgreSQL was certainly down: after it stopped, before it was started again.
    const during = attempts.filter((a) => a.startedAt >= downAt && a.endedAt <= restartAt);
    const acknowledged = attempts.filter((a) => a.status === 201);
    const refused = attempts.filter((a) => a.status === 503);
    const others = attempts.filter((a) => a.status !== 201 && a.status !== 503);
    const slowest = Math.max(...attempts.map((a) => a.endedAt - a.startedAt));
    process.stderr.write(
      `postgres-restart: ${attempts.length} writes attempted by ${CLIENTS} clients, ` +
        `${acknowledged.length} acknowledged (201), ${refused.length} refused with 503, ` +
        `${others.length} other; ${during.length} attempted while PostgreSQL was down ` +
        `(fast stop took ${downAt - stopAt} ms, down for ${upAt - downAt} ms); ` +
        `healthy ${healthyAt - upAt} ms and first write acknowledged ${writableAt - upAt} ms ` +
        `after PostgreSQL accepted connections again; slowest request ${slowest} ms\n`,
    );

    // Only 201 or a clean 503, each answered in time: no 500, no dropped connection, no hang.
    expect(others.map((a) => a.error ?? a.status)).toEqual([]);
    for (const reply of refused) {
      expect(reply.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.stringMatching(/unavailable/i),
      });
    }
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((a) => a.status !== 503)).toEqual([]);

    // /health named PostgreSQL while it was down, and is healthy again after, on the same process.
    const outageProbes = probes.filter((p) => p.at >= downAt && p.endedAt <= restartAt);
    process.stderr.write(
      `postgres-restart: /health answered 503 naming postgres ${outageProbes.filter((p) => p.status === 503).length} of ${outageProbes.length} times during the outage\n`,
    );
    expect(outageProbes.length).toBeGreaterThan(0);
    for (const probe of outageProbes) {
      expect(probe).toMatchObject({ status: 503, message: expect.stringMatching(/postgres/) });
    }
    expect(healthyAt).toBeGreaterThan(0);
    expect(probes.at(-1)?.status).toBe(200);
    expect(writableAt).toBeGreaterThan(0);
    expect(acknowledged.filter((a) => a.startedAt >= upAt).length).toBeGreaterThan(0);
    // Once recovered, every write succeeds: no dead connection was left in the pool.
    const recovered = Math.max(healthyAt, writableAt);
    expect(attempts.filter((a) => a.startedAt >= recovered && a.status !== 201)).toEqual([]);
    expect(service.running).toBe(true);

    // Every acknowledged write is there; none is half-done.
    sql = new Client({ connectionString: pg.url('continuum') });
    await sql.connect();
    const ackedChildren = acknowledged.filter((a) => a.kind === 'child').map((a) => a.id!);
    const ackedReferrals = acknowledged.filter((a) => a.kind === 'referral').map((a) => a.id!);
    const children = await sql.query<{ id: string; audited: boolean }>(
      `SELECT c.id, EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'child.created'
         AND a.entity_id = c.id::text AND a.child_id = c.id) AS audited FROM children c`,
    );
    const referrals = await sql.query<{ id: string; audited: boolean; reminders: number }>(
      `SELECT r.id,
         EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'referral.created'
           AND a.entity_id = r.id::text AND a.child_id = r.child_id) AS audited,
         (SELECT count(*)::int FROM reminders m WHERE m.subject_type = 'referral' AND m.subject_id = r.id) AS reminders
       FROM referrals r`,
    );
    const childIds = new Set(children.rows.map((r) => r.id));
    const referralIds = new Set(referrals.rows.map((r) => r.id));
    expect(ackedChildren.filter((id) => !childIds.has(id))).toEqual([]);
    expect(ackedReferrals.filter((id) => !referralIds.has(id))).toEqual([]);
    expect(children.rows.filter((r) => !r.audited)).toEqual([]);
    // The one locality manager gets the referral's decision escalation.
    expect(referrals.rows.filter((r) => !r.audited || r.reminders !== 1)).toEqual([]);
    // Nothing was written that was not asked for.
    const attempted = (kind: Attempt['kind']) => attempts.filter((a) => a.kind === kind).length;
    expect(children.rowCount).toBeLessThanOrEqual(attempted('child'));
    expect(referrals.rowCount).toBeLessThanOrEqual(attempted('referral'));
    process.stderr.write(
      `postgres-restart: database holds ${children.rowCount} children (${ackedChildren.length} acknowledged) ` +
        `and ${referrals.rowCount} referrals (${ackedReferrals.length} acknowledged), each with its audit row ` +
        `and reminder stage\n`,
    );

    // No child data in the service's logs.
    expect(service.logs).not.toMatch(/Pgrestwin|Lindqvar|Concern raised/);
  }, 90_000);
});
