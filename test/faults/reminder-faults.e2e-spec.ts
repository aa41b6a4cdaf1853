import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeam, TestUser } from '../support/fixtures';
import { RedisServer, WorkerProcess } from '../support/processes';
import { reminderQueue, remindersSettled } from '../support/reminder-queue';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * Reminders against real faults: a private redis-server that the tests empty and kill, and
 * the queue worker as its own process (`npm run worker`) that the tests kill with SIGKILL.
 * The HTTP service here runs no worker, as in a deployment with separate worker processes.
 */
describe('reminders survive Redis loss, Redis outages and worker crashes', () => {
  let redis: RedisServer;
  let t: TestApp;
  let east: string;
  let referrer: TestUser;
  let worker: TestUser;
  let manager: TestUser;
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-faults-'));
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    t = await startTestApp({ RUN_WORKER: 'false', REDIS_URL: redis.url });
    const team = await createTeam(t);
    east = team.localityId;
    referrer = team.localityManager;
    manager = team.socialCareManager;
    worker = team.socialCare;
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await t.close();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** No stage of these subjects can still deliver (see remindersSettled): count after it. */
  async function settled(subjectIds: readonly string[]): Promise<void> {
    const queue = reminderQueue(t);
    try {
      await remindersSettled(t, queue, subjectIds, 60_000);
    } finally {
      await queue.close();
    }
  }

  async function startWorkers(count: number): Promise<void> {
    const started = await Promise.all(
      Array.from({ length: count }, () =>
        WorkerProcess.start({
          DATABASE_URL: t.databaseUrl,
          REDIS_URL: redis.url,
          REDIS_PREFIX: t.settings.env.redisPrefix,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'info',
        }),
      ),
    );
    workers.push(...started);
  }

  async function stopWorkers(signal: NodeJS.Signals): Promise<void> {
    await Promise.all(workers.map((w) => w.kill(signal)));
    workers = [];
  }

  const post = (user: TestUser, url: string, body: object) =>
    t.http().post(url).auth(user.token, { type: 'bearer' }).send(body);

  /** An initial assessment long past its due date: its worker's "due" and the manager's escalation fire at once. */
  async function lateInitialAssessment(): Promise<string> {
    const child = await post(referrer, '/api/v1/children', {
      givenName: 'Fault',
      familyName: 'Tolerant',
      dateOfBirth: '2006-06-06',
      gender: 'female',
      localityId: east,
    }).expect(201);
    const referral = await post(referrer, '/api/v1/referrals', {
      childId: child.body.id,
      referredAt: '2013-01-10',
      source: 'school',
      reason: 'Concern',
    }).expect(201);
    await post(worker, `/api/v1/referrals/${referral.body.id}/decision`, {
      outcome: 'initial_assessment',
      decidedAt: '2013-01-10',
    }).expect(200);
    const ia = await post(worker, `/api/v1/referrals/${referral.body.id}/initial-assessment`, {
      assignedToUserId: worker.id,
    }).expect(201);
    return ia.body.id as string;
  }

  async function lateInitialAssessments(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 20) {
      const batch = Math.min(20, count - start);
      ids.push(...(await Promise.all(Array.from({ length: batch }, lateInitialAssessment))));
    }
    return ids;
  }

  async function delivered(subjectIds: readonly string[]): Promise<number> {
    const { rows } = await t.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notifications WHERE subject_id = ANY($1::uuid[])',
      [subjectIds],
    );
    return rows[0].n;
  }

  async function waitForDelivered(
    subjectIds: readonly string[],
    expected: number,
    timeoutMs: number,
  ): Promise<number> {
    const started = Date.now();
    while ((await delivered(subjectIds)) < expected) {
      if (Date.now() - started > timeoutMs) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return Date.now() - started;
  }

  /** Every stage of these subjects was delivered, each exactly once, to the right person. */
  async function expectEachDeliveredOnce(subjectIds: readonly string[]): Promise<void> {
    const { rows } = await t.sql.query<{ state: string; n: number }>(
      'SELECT state, count(*)::int AS n FROM reminders WHERE subject_id = ANY($1::uuid[]) GROUP BY state',
      [subjectIds],
    );
    expect(rows).toEqual([{ state: 'delivered', n: subjectIds.length * 2 }]);
    const notifications = await t.sql.query<{ recipient: string; type: string; n: number }>(
      `SELECT recipient_user_id AS recipient, type, count(*)::int AS n FROM notifications
       WHERE subject_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 2`,
      [subjectIds],
    );
    expect(notifications.rows).toEqual([
      { recipient: worker.id, type: 'initial_assessment_due', n: subjectIds.length },
      { recipient: manager.id, type: 'initial_assessment_overdue', n: subjectIds.length },
    ]);
  }

  it('loses nothing when Redis is emptied (FLUSHALL): the sweep re-creates every job and each fires once', async () => {
    const ids = await lateInitialAssessments(5);
    expect(await redis.dbSize()).toBeGreaterThan(0); // the jobs wait: no worker is running

    await redis.flushAll();
    expect(await redis.dbSize()).toBe(0);

    await startWorkers(1); // its start-up sweep finds the pending stages in the database
    await waitForDelivered(ids, ids.length * 2, 30_000);
    await settled(ids);
    await expectEachDeliveredOnce(ids);
  });

  it('accepts writes while Redis is down, and delivers their reminders within 90 s of Redis coming back', async () => {
    if (workers.length === 0) await startWorkers(1);
    await redis.kill();

    const started = Date.now();
    const id = await lateInitialAssessment();
    const writeMs = Date.now() - started;
    process.stderr.write(`faults: 4 writes with Redis down took ${writeMs} ms\n`);
    expect(await delivered([id])).toBe(0);

    await redis.up(); // empty: it kept nothing
    const recoveredMs = await waitForDelivered([id], 2, 90_000);
    process.stderr.write(`faults: reminders delivered ${recoveredMs} ms after Redis came back\n`);
    expect(recoveredMs).toBeLessThan(90_000);
    await expectEachDeliveredOnce([id]);
  }, 150_000);

  it('loses and duplicates nothing when the worker is killed (SIGKILL) mid-batch and two workers restart', async () => {
    await stopWorkers('SIGTERM');
    const ids = await lateInitialAssessments(200);
    const total = ids.length * 2;

    await startWorkers(1);
    let killedAt = 0;
    for (;;) {
      killedAt = await delivered(ids);
      if (killedAt > 0) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    await stopWorkers('SIGKILL');
    const afterKill = await delivered(ids);
    process.stderr.write(
      `faults: worker killed after ${killedAt} of ${total} notifications (${afterKill} committed)\n`,
    );
    expect(afterKill).toBeLessThan(total); // it was killed in the middle of the batch

    await startWorkers(2);
    await waitForDelivered(ids, total, 60_000);
    await settled(ids);
    expect(await delivered(ids)).toBe(total);
    await expectEachDeliveredOnce(ids);
  }, 180_000);
});
