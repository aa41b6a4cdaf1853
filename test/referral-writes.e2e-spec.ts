import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '../src/common/queue/jobs';
import { londonDate } from '../src/common/domain/london-time';
import { TestApp, startTestApp } from './support/test-app';
import { createTeam, TestUser } from './support/fixtures';

interface Stage {
  id: string;
  state: string;
  version: number;
  fireAt: Date;
}

/**
 * Creating a referral in as few round trips as it takes (bench:writes): the child locked and
 * the referrer's right to refer checked in one statement, the response taken from the insert,
 * the decision reminder's job enqueued from the stages the transaction wrote. What it must
 * still do: refuse a child the referrer may not see, answer the referral as it is read back,
 * and put the pending stage's job on the queue as soon as the request is answered (no worker,
 * no sweep here), also when a changed date re-plans the stage.
 */
describe('referral writes', () => {
  let t: TestApp;
  let queue: Queue;
  let north: string;
  let south: string;
  let manager: TestUser;
  let social: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    queue = new Queue(QUEUE_NAMES.reminders, {
      connection: { url: t.settings.redisUrl },
      prefix: t.settings.env.redisPrefix,
    });
    const team = await createTeam(t);
    north = team.localityId;
    south = team.otherLocalityId;
    manager = team.localityManager;
    social = await team.add('social_care', { localityIds: [north, south] });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  const as = (user: TestUser) => ({
    get: (url: string) => t.http().get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string, body: object) =>
      t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) =>
      t.http().patch(url).auth(user.token, { type: 'bearer' }).send(body),
  });

  async function childIn(localityId: string): Promise<string> {
    const result = await t.sql.query<{ id: string }>(
      `INSERT INTO children (given_name, family_name, name_key, date_of_birth, gender, locality_id, created_by)
       VALUES ('Write', 'Elsewhere', 'write|elsewhere', '2012-02-02', 'unknown', $1, $2) RETURNING id`,
      [localityId, social.id],
    );
    return result.rows[0].id;
  }

  const stagesOf = async (subjectId: string): Promise<Stage[]> =>
    (
      await t.sql.query<Stage>(
        `SELECT id, state, version, fire_at AS "fireAt" FROM reminders WHERE subject_id = $1 ORDER BY created_at, id`,
        [subjectId],
      )
    ).rows;

  const jobOf = (stage: Stage) => queue.getJob(`reminder-${stage.id}-v${stage.version}`);

  it('answers the referral as it reads back, with one pending stage whose job is already queued', async () => {
    const childId = await childIn(north);
    const today = londonDate(new Date());
    const created = await as(manager)
      .post('/api/v1/referrals', { childId, referredAt: today, source: 'school', reason: 'Worry' })
      .expect(201);
    const read = await as(manager).get(`/api/v1/referrals/${created.body.id}`).expect(200);
    const { decisions, initialAssessment, assessment, ...referral } = read.body as Record<
      string,
      unknown
    >;
    expect(decisions).toEqual([]);
    expect(initialAssessment).toBeNull();
    expect(assessment).toBeNull();
    expect(created.body).toEqual(referral);
    expect(created.body).toMatchObject({
      childId,
      localityId: north,
      referrerUserId: manager.id,
      status: 'awaiting_decision',
      isReReferral: false,
      version: 1,
    });

    const stages = await stagesOf(created.body.id);
    expect(stages).toHaveLength(1);
    expect(stages[0].state).toBe('pending');
    const job = await jobOf(stages[0]);
    expect(job?.data).toEqual({ reminderId: stages[0].id });
    expect(await job?.getState()).toBe('delayed');

    const audit = await t.sql.query(
      `SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'referral.created'`,
      [created.body.id],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('a second referral of the child within the year is a re-referral of the first', async () => {
    const childId = await childIn(north);
    const first = await as(manager)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2025-01-10',
        source: 'school',
        reason: 'One',
      })
      .expect(201);
    const second = await as(manager)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2025-06-10',
        source: 'health',
        reason: 'Two',
      })
      .expect(201);
    expect(second.body).toMatchObject({ isReReferral: true, previousReferralId: first.body.id });
  });

  it('refuses a child the referrer may not see as not found, and writes nothing', async () => {
    const childId = await childIn(south);
    const before = await t.sql.query('SELECT count(*)::int AS n FROM referrals');
    const refused = await as(manager)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2025-03-03',
        source: 'school',
        reason: 'Not mine',
      })
      .expect(404);
    expect(refused.body.message).toMatch(/Child/);
    const after = await t.sql.query('SELECT count(*)::int AS n FROM referrals');
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // Social care may refer any child.
    await as(social)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2025-03-03',
        source: 'school',
        reason: 'Theirs',
      })
      .expect(201);
  });

  it('a changed referral date re-plans the stage, and the new stage’s job is queued', async () => {
    const childId = await childIn(north);
    const today = londonDate(new Date());
    const created = await as(manager)
      .post('/api/v1/referrals', { childId, referredAt: today, source: 'school', reason: 'Date' })
      .expect(201);
    const [first] = await stagesOf(created.body.id);
    // A week earlier: the decision is overdue, so the stage fires now rather than later.
    const earlier = londonDate(new Date(Date.now() - 7 * 86_400_000));
    await as(manager)
      .patch(`/api/v1/referrals/${created.body.id}`, { referredAt: earlier, version: 1 })
      .expect(200);
    const stages = await stagesOf(created.body.id);
    expect(stages.map((s) => s.state)).toEqual(['cancelled', 'pending']);
    expect(stages[0].id).toBe(first.id);
    expect(stages[1].fireAt.getTime()).toBeLessThan(first.fireAt.getTime());
    const job = await jobOf(stages[1]);
    expect(job?.data).toEqual({ reminderId: stages[1].id });
  });
});
