import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp, startTestApp } from './support/test-app';
import { createAgency, createLocality, createUser, TestUser } from './support/fixtures';

/**
 * The authority's bank holiday list ends with 2012 here (the real one reaches 2028), so that
 * due dates in 2013 are counted by the standing rules and say so.
 */
describe('due dates past the bank holiday list', () => {
  let t: TestApp;
  let dir: string;
  let east: string;
  let manager: TestUser;
  let worker: TestUser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'continuum-short-list-'));
    const list = JSON.parse(readFileSync(join(__dirname, '../config/bank-holidays.json'), 'utf8'));
    list.events = list.events.filter((event: { date: string }) => event.date <= '2012-12-31');
    writeFileSync(join(dir, 'bank-holidays.json'), JSON.stringify(list));
    // Working Together 2013 from 15 April 2013: the single assessment, due 45 working days on.
    copyFileSync(
      join(__dirname, 'fixtures', 'working-together-2013', 'assessment-framework.yaml'),
      join(dir, 'assessment-framework.yaml'),
    );
    t = await startTestApp({ AUTHORITY_CONFIG_DIR: dir, RUN_WORKER: 'true' });
    east = (await createLocality(t)).id;
    const care = (await createAgency(t, 'social_care')).id;
    manager = await createUser(t, 'social_care', { agencyId: care, localityIds: [east] });
    worker = await createUser(t, 'social_care', {
      agencyId: care,
      localityIds: [east],
      managerUserId: manager.id,
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (user: TestUser) => ({
    get: (url: string) => t.http().get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
  });

  /** An accepted referral of a new child, as its id. */
  async function acceptedReferral(referredAt: string): Promise<string> {
    const child = await as(worker)
      .post('/api/v1/children', {
        givenName: 'Counted',
        familyName: 'Past',
        dateOfBirth: '2006-06-06',
        gender: 'female',
        localityId: east,
      })
      .expect(201);
    const referral = await as(worker)
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
    return String(referral.body.id);
  }

  async function initialAssessment(referredAt: string): Promise<Record<string, unknown>> {
    const referral = await acceptedReferral(referredAt);
    const ia = await as(worker)
      .post(`/api/v1/referrals/${referral}/initial-assessment`, { assignedToUserId: worker.id })
      .expect(201);
    return ia.body;
  }

  it('marks a single assessment due past the list dueDateProvisional, wherever it is answered', async () => {
    const referral = await acceptedReferral('2013-05-01');
    const started = await as(worker)
      .post(`/api/v1/referrals/${referral}/assessment`, { assignedToUserId: worker.id })
      .expect(201);
    expect(started.body).toMatchObject({ dueDateProvisional: true });
    const id = String(started.body.id);
    const read = await as(worker).get(`/api/v1/assessments/${id}`).expect(200);
    expect(read.body).toMatchObject({ dueDate: started.body.dueDate, dueDateProvisional: true });
    const list = await as(worker)
      .get(`/api/v1/assessments?assignedToUserId=${worker.id}`)
      .expect(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          dueDateProvisional: true,
          workingDaysRemaining: expect.any(Number),
        }),
      ]),
    );
    const done = await as(worker)
      .post(`/api/v1/assessments/${id}/complete`, {
        completedAt: String(started.body.startedAt), // started today, by the service's clock
        outcome: 'no_further_action',
        primaryNeed: 'N1',
      })
      .expect(200);
    expect(done.body).toMatchObject({ dueDateProvisional: true, inTime: false });
  });

  it('warns at start that the list has ended, naming its last day', () => {
    expect(t.logs().join('\n')).toMatch(
      /bank holiday list \(bank-holidays\.json\) ends on 2012-12-31, within 12 months/,
    );
  });

  it('answers the calendar routes past the list as provisional', async () => {
    const add = await as(worker)
      .get('/api/v1/calendar/add-working-days?date=2012-12-20&days=7')
      .expect(200);
    // Christmas and Boxing Day 2012 from the list, New Year's Day 2013 by the rules.
    expect(add.body).toEqual({
      date: '2012-12-20',
      days: 7,
      result: '2013-01-03',
      provisional: true,
    });
    const inside = await as(worker)
      .get('/api/v1/calendar/working-days?from=2012-12-01&to=2012-12-31')
      .expect(200);
    expect(inside.body.provisional).toBe(false);
  });

  it('marks an initial assessment due past the list dueDateProvisional, wherever it is answered', async () => {
    const ia = await initialAssessment('2012-12-20');
    expect(ia).toMatchObject({ dueDate: '2013-01-03', dueDateProvisional: true });
    const read = await as(worker)
      .get(`/api/v1/initial-assessments/${String(ia.id)}`)
      .expect(200);
    expect(read.body).toMatchObject({ dueDate: '2013-01-03', dueDateProvisional: true });
    const referral = await as(worker)
      .get(`/api/v1/referrals/${String(ia.referralId)}`)
      .expect(200);
    expect(referral.body.initialAssessment).toMatchObject({ dueDateProvisional: true });
    const work = await as(worker)
      .get(`/api/v1/initial-assessments?assignedToUserId=${worker.id}&limit=100`)
      .expect(200);
    expect(work.body.items.find((row: { id: string }) => row.id === ia.id)).toMatchObject({
      dueDateProvisional: true,
    });
  });

  it('leaves an initial assessment due inside the list not provisional', async () => {
    const ia = await initialAssessment('2012-06-01');
    expect(ia).toMatchObject({ dueDate: '2012-06-14', dueDateProvisional: false });
  });

  it('marks a core assessment counted past the list, and the notification of its due date', async () => {
    const ia = await initialAssessment('2012-11-01');
    expect(ia.dueDateProvisional).toBe(false);
    await as(worker)
      .post(`/api/v1/initial-assessments/${String(ia.id)}/complete`, {
        completedAt: '2012-11-09',
        outcome: 'core_assessment',
      })
      .expect(200);
    const core = await as(worker)
      .post('/api/v1/core-assessments', {
        initialAssessmentId: ia.id,
        commencedAt: '2012-11-26',
        assignedToUserId: worker.id,
      })
      .expect(201);
    expect(core.body).toMatchObject({ dueDateProvisional: true });
    expect(core.body.dueDate > '2012-12-31').toBe(true);

    // The assessment is long overdue: its "due" reminder fires at once.
    const deadline = Date.now() + 20_000;
    let due: Record<string, unknown> | undefined;
    while (due === undefined && Date.now() < deadline) {
      const list = await as(worker).get('/api/v1/notifications?limit=200').expect(200);
      due = (list.body.items as Record<string, unknown>[]).find(
        (n) => n.subjectId === core.body.id && n.type === 'core_assessment_due',
      );
      if (due === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(due).toMatchObject({ dueDate: core.body.dueDate, dueDateProvisional: true });
  });
});
