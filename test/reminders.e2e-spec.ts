import type { Queue } from 'bullmq';
import { Clock } from '../src/common/clock/clock';
import { RemindersService } from '../src/modules/reminders/reminders.service';
import { reminderQueue, remindersSettled } from './support/reminder-queue';
import { TestApp, startTestApp } from './support/test-app';
import { createTeam, createUser, TestUser } from './support/fixtures';

describe('reminders and escalations on BullMQ (real Redis and PostgreSQL)', () => {
  let t: TestApp;
  let east: string;
  let referrer: TestUser;
  let worker: TestUser;
  let manager: TestUser;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'true' });
    queue = reminderQueue(t);
    const team = await createTeam(t);
    east = team.localityId;
    referrer = team.localityManager;
    manager = team.socialCareManager;
    worker = team.socialCare;
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  const as = (user: TestUser) => ({
    get: (url: string) => t.http().get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
  });

  async function initialAssessment(referredAt: string): Promise<{ id: string; childId: string }> {
    const child = await as(referrer)
      .post('/api/v1/children', {
        givenName: 'Remind',
        familyName: 'Me',
        dateOfBirth: '2006-06-06',
        gender: 'female',
        localityId: east,
      })
      .expect(201);
    const referral = await as(referrer)
      .post('/api/v1/referrals', {
        childId: child.body.id,
        referredAt,
        source: 'school',
        reason: 'Concern',
      })
      .expect(201);
    await as(worker)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: referredAt,
      })
      .expect(200);
    const ia = await as(worker)
      .post(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: worker.id,
      })
      .expect(201);
    return { id: ia.body.id, childId: child.body.id };
  }

  async function notificationsOf(
    user: TestUser,
    subjectId: string,
    expected: number,
  ): Promise<{ type: string }[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await as(user).get('/api/v1/notifications?limit=200').expect(200);
      const mine = (response.body.items as { subjectId: string; type: string }[]).filter(
        (n) => n.subjectId === subjectId,
      );
      if (mine.length >= expected || Date.now() > deadline) return mine;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const settled = (subjectId: string) => remindersSettled(t, queue, [subjectId]);

  it('gives a worker exactly one "due" and the manager exactly one escalation for an assessment entered after its due date', async () => {
    const ia = await initialAssessment('2011-04-21');
    const workerNotes = await notificationsOf(worker, ia.id, 1);
    const managerNotes = await notificationsOf(manager, ia.id, 1);
    // Every stage delivered and no job left that could deliver a duplicate.
    await settled(ia.id);
    expect((await notificationsOf(worker, ia.id, 0)).map((n) => n.type)).toEqual([
      'initial_assessment_due',
    ]);
    expect((await notificationsOf(manager, ia.id, 0)).map((n) => n.type)).toEqual([
      'initial_assessment_overdue',
    ]);
    expect(workerNotes[0]).toEqual({
      id: expect.any(String),
      type: 'initial_assessment_due',
      subjectType: 'initial_assessment',
      subjectId: ia.id,
      childId: ia.childId,
      dueDate: '2011-05-06',
      dueDateProvisional: false,
      createdAt: expect.any(String),
      readAt: null,
    });
    expect(managerNotes).toHaveLength(1);

    const read = await as(worker)
      .post(`/api/v1/notifications/${workerNotes[0]['id' as 'type']}/read`)
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const unread = await as(worker).get('/api/v1/notifications?unread=true').expect(200);
    expect(unread.body.items.map((n: { subjectId: string }) => n.subjectId)).not.toContain(ia.id);
    await as(manager)
      .post(`/api/v1/notifications/${workerNotes[0]['id' as 'type']}/read`)
      .expect(404);
  });

  it('never fires the pending reminders of a completed assessment', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const ia = await initialAssessment(today);
    const pending = await t.sql.query(
      `SELECT id FROM reminders WHERE subject_id = $1 AND state = 'pending'`,
      [ia.id],
    );
    expect(pending.rows.length).toBeGreaterThan(0);
    await as(worker)
      .post(`/api/v1/initial-assessments/${ia.id}/complete`, {
        completedAt: today,
        outcome: 'no_further_action',
      })
      .expect(200);
    // Even a job that still runs for one of them delivers nothing.
    for (const row of pending.rows) await t.app.get(RemindersService).deliver(row.id as string);
    const states = await t.sql.query(`SELECT DISTINCT state FROM reminders WHERE subject_id = $1`, [
      ia.id,
    ]);
    expect(states.rows.map((r) => r.state)).toEqual(['cancelled']);
    const delivered = await t.sql.query(
      `SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`,
      [ia.id],
    );
    expect(delivered.rows[0].n).toBe(0);
  });

  it('fires a future reminder on its day when time moves, and none after the assessment is completed', async () => {
    const clock = t.app.get(Clock);
    const today = clock.today();
    const ia = await initialAssessment(today);
    const stages = await t.sql.query<{ stage: string; fire_at: Date }>(
      `SELECT stage, fire_at FROM reminders WHERE subject_id = $1 AND state = 'pending' ORDER BY fire_at`,
      [ia.id],
    );
    expect(stages.rows.map((r) => r.stage)).toEqual(['ia_due_soon_2', 'ia_due', 'ia_overdue']);
    const [dueSoon, , overdue] = stages.rows.map((r) => r.fire_at.getTime());
    expect(dueSoon).toBeGreaterThan(Date.now()); // planned for a later day, not collapsed

    const service = t.app.get(RemindersService);
    const now = jest.spyOn(clock, 'now');
    try {
      // Two working days before the due date, 09:02 London: only the "due soon" reminder fires.
      now.mockReturnValue(new Date(dueSoon + 120_000));
      await service.sweep();
      const fired = await notificationsOf(worker, ia.id, 1);
      expect(fired.map((n) => n.type)).toEqual(['initial_assessment_due_soon']);

      // The worker completes it; days later nothing else fires for anyone.
      now.mockRestore();
      await as(worker)
        .post(`/api/v1/initial-assessments/${ia.id}/complete`, {
          completedAt: today,
          outcome: 'no_further_action',
        })
        .expect(200);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(overdue + 3_600_000));
      await service.sweep();
      await settled(ia.id);
      // Past the overdue instant, every stage's handler runs and finds the work done.
      const all = await t.sql.query<{ id: string }>(
        `SELECT id FROM reminders WHERE subject_id = $1`,
        [ia.id],
      );
      for (const row of all.rows) await service.deliver(row.id);
      expect((await notificationsOf(worker, ia.id, 0)).map((n) => n.type)).toEqual([
        'initial_assessment_due_soon',
      ]);
      expect(await notificationsOf(manager, ia.id, 0)).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('delivers once when the same job is enqueued twice and the handler runs twice', async () => {
    const ia = await initialAssessment('2012-01-05');
    await notificationsOf(worker, ia.id, 1);
    const rows = await t.sql.query(`SELECT id FROM reminders WHERE subject_id = $1`, [ia.id]);
    const service = t.app.get(RemindersService);
    for (const row of rows.rows) {
      await service.deliver(row.id as string);
      await service.deliver(row.id as string);
    }
    await service.sweep();
    await settled(ia.id);
    const counts = await t.sql.query(
      `SELECT recipient_user_id, stage, count(*)::int AS n FROM notifications WHERE subject_id = $1 GROUP BY 1, 2`,
      [ia.id],
    );
    expect(counts.rows.every((r) => r.n === 1)).toBe(true);
    expect(counts.rows).toHaveLength(2);
  });

  it('escalates a referral not decided by the end of the next working day to the locality managers, once', async () => {
    const child = await as(referrer)
      .post('/api/v1/children', {
        givenName: 'Undecided',
        familyName: 'Me',
        dateOfBirth: '2006-06-06',
        gender: 'male',
        localityId: east,
      })
      .expect(201);
    const undecided = await as(referrer)
      .post('/api/v1/referrals', {
        childId: child.body.id,
        referredAt: '2012-03-01',
        source: 'police',
        reason: 'Concern',
      })
      .expect(201);
    const notes = await notificationsOf(referrer, undecided.body.id, 1);
    expect(notes).toEqual([
      expect.objectContaining({
        type: 'referral_decision_overdue',
        subjectType: 'referral',
        dueDate: '2012-03-02',
      }),
    ]);

    const decided = await as(referrer)
      .post('/api/v1/referrals', {
        childId: child.body.id,
        referredAt: new Date().toISOString().slice(0, 10),
        source: 'police',
        reason: 'Again',
      })
      .expect(201);
    await as(worker)
      .post(`/api/v1/referrals/${decided.body.id}/decision`, {
        outcome: 'no_further_action',
        decidedAt: new Date().toISOString().slice(0, 10),
      })
      .expect(200);
    const pending = await t.sql.query(
      `SELECT count(*)::int AS n FROM reminders WHERE subject_id = $1 AND state = 'pending'`,
      [decided.body.id],
    );
    expect(pending.rows[0].n).toBe(0);
  });

  it('reminds the lead professional of a past meeting not recorded, once, and not after it is recorded', async () => {
    const lp = await createUser(t, 'practitioner', { localityIds: [east] });
    const http = (url: string, body: object, method: 'post' | 'put' = 'post') =>
      t.http()[method](url).auth(lp.token, { type: 'bearer' }).send(body);
    const child = await http('/api/v1/children', {
      givenName: 'Tac',
      familyName: 'Me',
      dateOfBirth: '2006-06-06',
      gender: 'male',
      localityId: east,
    }).expect(201);
    const c = (await http('/api/v1/cases', { childId: child.body.id }).expect(201)).body
      .id as string;
    await http(`/api/v1/cases/${c}/consent`, {
      givenBy: 'Mum',
      relationship: 'parent',
      givenAt: '2011-04-01',
      scope: ['assessment'],
    }).expect(201);
    await http(
      `/api/v1/cases/${c}/assessment`,
      { elements: [{ code: 'aspirations', level: 1 }], version: 1 },
      'put',
    ).expect(200);
    await http(`/api/v1/cases/${c}/assessment/complete`, {}).expect(200);
    await http(`/api/v1/cases/${c}/tier`, { tier: 2 }).expect(200);
    // The lead professional started the case, so is on its TAC already.
    await http(
      `/api/v1/cases/${c}/lead-professional`,
      { userId: lp.id, reason: 'Lead' },
      'put',
    ).expect(200);
    const past = await http(`/api/v1/cases/${c}/tac/meetings`, {
      scheduledAt: '2011-05-10T14:00:00+01:00',
      location: 'School',
    }).expect(201);
    const lpNotes = (await notificationsOf(lp, past.body.id, 1)).map((n) => n.type);
    expect(lpNotes).toEqual(['tac_meeting_not_recorded']);

    // Recorded now: a later job for it would find nothing to do.
    await http(`/api/v1/tac-meetings/${past.body.id}/record`, {
      heldAt: new Date().toISOString(),
      attendeeUserIds: [lp.id],
      familyAttended: true,
    }).expect(200);
    const pending = await t.sql.query(
      `SELECT count(*)::int AS n FROM reminders WHERE subject_id = $1 AND state = 'pending'`,
      [past.body.id],
    );
    expect(pending.rows[0].n).toBe(0);
    // The held meeting starts the six-week review clock for the case.
    const review = await t.sql.query(
      `SELECT type FROM reminders WHERE subject_id = $1 AND state = 'pending'`,
      [c],
    );
    expect(review.rows.map((r) => r.type)).toContain('tac_review_overdue');
  });
});
