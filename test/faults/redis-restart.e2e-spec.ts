import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeam, TestUser } from '../support/fixtures';
import { RedisServer, WorkerProcess } from '../support/processes';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Redis killed (losing everything: no persistence) and started again empty in the middle of a
 * write load, with the queue worker running as its own process throughout. The writes go on
 * being accepted (docs/domain.md#reminders-and-escalations), and every reminder of every acknowledged write is delivered once.
 * (test/faults/reminder-faults.e2e-spec.ts covers FLUSHALL, writes made wholly during an outage, and a
 * worker killed with SIGKILL mid-batch.)
 */
const CLIENTS = 4;
const CHILDREN = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Attempt {
  startedAt: number;
  ms: number;
  status: number;
  id?: string;
}

describe('Redis restarted empty under a write load', () => {
  let redis: RedisServer;
  let t: TestApp;
  let worker: WorkerProcess | undefined;
  let localityId: string;
  let referrer: TestUser;
  let managers: TestUser[];
  const childIds: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-redisfault-'));

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await startTestApp({ RUN_WORKER: 'false', REDIS_URL: redis.url });
    const team = await createTeam(t);
    localityId = team.localityId;
    referrer = team.socialCareManager; // social care, with no manager of their own
    managers = [team.localityManager, await team.add('locality_manager')];
    for (let i = 0; i < CHILDREN; i += 1) {
      const child = await t
        .http()
        .post('/api/v1/children')
        .auth(managers[0].token, { type: 'bearer' })
        .send({
          givenName: 'Quillon',
          familyName: `Outagefield${i}`,
          dateOfBirth: '2012-02-02',
          gender: 'male',
          localityId,
        })
        .expect(201);
      childIds.push(child.body.id as string);
    }
  }, 60_000);

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    try {
      await t.close();
    } finally {
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('accepts every write while Redis is away, and delivers each of their reminders exactly once after it is back', async () => {
    worker = await WorkerProcess.start({
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: t.settings.env.redisPrefix,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });

    // Historic referrals: each escalates to both locality managers at once.
    const attempts: Attempt[] = [];
    let stopped = false;
    let sequence = 0;
    const client = async (): Promise<void> => {
      while (!stopped) {
        const n = sequence++;
        const startedAt = Date.now();
        const response = await t
          .http()
          .post('/api/v1/referrals')
          .auth(referrer.token, { type: 'bearer' })
          .send({
            childId: childIds[n % CHILDREN],
            referredAt: `${2014 + (n % 6)}-0${1 + (n % 9)}-2${n % 8}`,
            source: 'health',
            reason: 'Outage load',
          });
        attempts.push({
          startedAt,
          ms: Date.now() - startedAt,
          status: response.status,
          id: (response.body as { id?: string }).id,
        });
      }
    };
    const load = Array.from({ length: CLIENTS }, client);
    await sleep(1_500);
    const downAt = Date.now();
    await redis.kill();
    await sleep(3_000);
    const upAt = Date.now();
    await redis.up(); // empty: it kept nothing
    await sleep(1_500);
    stopped = true;
    await Promise.all(load);

    const during = attempts.filter((a) => a.startedAt >= downAt && a.startedAt + a.ms <= upAt);
    const ids = attempts.filter((a) => a.status === 201).map((a) => a.id!);
    const total = ids.length * managers.length;
    const delivered = async (): Promise<number> =>
      (
        await t.sql.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[])',
          [ids],
        )
      ).rows[0].n;
    let recoveredMs = 0;
    while ((await delivered()) < total && recoveredMs < 60_000) {
      await sleep(100);
      recoveredMs = Date.now() - upAt;
    }
    await sleep(1_000);
    process.stderr.write(
      `redis-restart: ${attempts.length} referrals written by ${CLIENTS} clients, ` +
        `${ids.length} acknowledged, ${during.length} while Redis was down ` +
        `(slowest ${Math.max(0, ...during.map((a) => a.ms))} ms); all ${total} reminders delivered ` +
        `${recoveredMs} ms after Redis came back empty\n`,
    );

    expect(attempts.filter((a) => a.status !== 201).map((a) => a.status)).toEqual([]);
    expect(during.length).toBeGreaterThan(0);
    expect(await delivered()).toBe(total);
    const reminders = await t.sql.query<{ state: string; n: number }>(
      'SELECT state, count(*)::int AS n FROM reminders WHERE subject_id = ANY($1::uuid[]) GROUP BY state',
      [ids],
    );
    expect(reminders.rows).toEqual([{ state: 'delivered', n: total }]);
    const perRecipient = await t.sql.query<{ recipient: string; n: number }>(
      `SELECT recipient_user_id AS recipient, count(*)::int AS n, count(DISTINCT subject_id)::int AS subjects
       FROM notifications WHERE subject_id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 1`,
      [ids],
    );
    expect(perRecipient.rows).toEqual(
      managers
        .map((m) => ({ recipient: m.id, n: ids.length, subjects: ids.length }))
        .sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
  }, 90_000);
});
