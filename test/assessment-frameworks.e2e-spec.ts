import { join } from 'node:path';
import { Clock } from '../src/common/clock/clock';
import { TestApp, startTestApp } from './support/test-app';
import { createAgency, createLocality, createUser, TestUser } from './support/fixtures';
import { TEST_PASSWORD } from './support/test-app';
import { idempotencyKey, pageText, signedIn } from './support/web-session';

/**
 * An authority whose records span Working Together 2013 (AUTHORITY_CONFIG_DIR holds a framework
 * file adding the single assessment from 2013-04-15): a referral of 2011 and one of 2014 carry
 * their own framework's due dates and reminders.
 */
describe('assessment frameworks over time', () => {
  let t: TestApp;
  let east: string;
  let worker: TestUser;
  let manager: TestUser;
  let clock: Clock;

  beforeAll(async () => {
    t = await startTestApp({
      AUTHORITY_CONFIG_DIR: join(__dirname, 'fixtures', 'working-together-2013'),
    });
    clock = t.app.get(Clock);
    east = (await createLocality(t, 'Frameworks East')).id;
    const care = (await createAgency(t, 'social_care')).id;
    manager = await createUser(t, 'social_care', { agencyId: care, localityIds: [east] });
    worker = await createUser(t, 'social_care', {
      agencyId: care,
      localityIds: [east],
      managerUserId: manager.id,
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  /** Stands at 10:00 London time on the day (winter or summer time alike, to the hour). */
  const standOn = (date: string): void => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T10:00:00Z`));
  };

  const as = (user: TestUser) => ({
    get: (url: string) => t.http().get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) =>
      t.http().patch(url).auth(user.token, { type: 'bearer' }).send(body),
  });

  async function acceptedReferral(referredAt: string, name: string) {
    standOn(referredAt);
    const child = await as(worker)
      .post('/api/v1/children', {
        givenName: name,
        familyName: 'Framework',
        dateOfBirth: '2005-01-01',
        gender: 'male',
        localityId: east,
        ethnicity: 'WBRI',
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
    return referral.body as { id: string; framework: string; childId: string };
  }

  async function pending(subjectId: string) {
    const { rows } = await t.sql.query<{
      stage: string;
      type: string;
      subject_type: string;
      recipient_user_id: string;
      fire_at: Date;
    }>(
      `SELECT stage, type, subject_type, recipient_user_id, fire_at FROM reminders
       WHERE subject_id = $1 AND state = 'pending' ORDER BY fire_at, stage`,
      [subjectId],
    );
    return rows.map((r) => ({
      stage: r.stage,
      type: r.type,
      subjectType: r.subject_type,
      to: r.recipient_user_id === worker.id ? 'worker' : 'manager',
      at: r.fire_at.toISOString(),
    }));
  }

  it('gives a referral of 2011 the initial assessment: due 7 working days after, with its reminders', async () => {
    // Thursday 2011-04-21: due Friday 2011-05-06 (Easter, the royal wedding and May Day between).
    const referral = await acceptedReferral('2011-04-21', 'Eleven');
    expect(referral.framework).toBe('initial-core-2000-01-01');
    const ia = await as(worker)
      .post(`/api/v1/referrals/${referral.id}/initial-assessment`, { assignedToUserId: worker.id })
      .expect(201);
    expect(ia.body.dueDate).toBe('2011-05-06');
    expect(await pending(ia.body.id)).toEqual([
      {
        stage: 'ia_due_soon_2',
        type: 'initial_assessment_due_soon',
        subjectType: 'initial_assessment',
        to: 'worker',
        at: '2011-05-04T08:00:00.000Z',
      },
      {
        stage: 'ia_due',
        type: 'initial_assessment_due',
        subjectType: 'initial_assessment',
        to: 'worker',
        at: '2011-05-06T08:00:00.000Z',
      },
      {
        stage: 'ia_overdue',
        type: 'initial_assessment_overdue',
        subjectType: 'initial_assessment',
        to: 'manager',
        at: '2011-05-09T08:00:00.000Z',
      },
    ]);
    // The single assessment is not this framework's.
    const refused = await as(worker)
      .post(`/api/v1/referrals/${referral.id}/assessment`, { assignedToUserId: worker.id })
      .expect(422);
    expect(refused.body.message).toContain('initial-core-2000-01-01');
  });

  it('gives a referral of 2014 the single assessment: due 45 working days after, with its reminders', async () => {
    const referral = await acceptedReferral('2014-02-03', 'Fourteen');
    expect(referral.framework).toBe('working-together-2013');
    const refused = await as(worker)
      .post(`/api/v1/referrals/${referral.id}/initial-assessment`, { assignedToUserId: worker.id })
      .expect(422);
    expect(refused.body.message).toContain('single assessment');
    const sa = await as(worker)
      .post(`/api/v1/referrals/${referral.id}/assessment`, { assignedToUserId: worker.id })
      .expect(201);
    expect(sa.body).toMatchObject({ dueDate: '2014-04-07', referralId: referral.id, version: 1 });
    expect(await pending(sa.body.id)).toEqual([
      {
        stage: 'sa_due_soon_5',
        type: 'assessment_due_soon',
        subjectType: 'assessment',
        to: 'worker',
        at: '2014-03-31T08:00:00.000Z',
      },
      {
        stage: 'sa_due',
        type: 'assessment_due',
        subjectType: 'assessment',
        to: 'worker',
        at: '2014-04-07T08:00:00.000Z',
      },
      {
        stage: 'sa_overdue',
        type: 'assessment_overdue',
        subjectType: 'assessment',
        to: 'manager',
        at: '2014-04-08T08:00:00.000Z',
      },
    ]);

    // On the work list, with the working days remaining.
    standOn('2014-04-01');
    const list = await as(worker).get('/api/v1/assessments').expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: sa.body.id, dueDate: '2014-04-07', workingDaysRemaining: 4 }),
    ]);

    // Completed on time with the census fields; its reminders stop.
    standOn('2014-04-04');
    const done = await as(worker)
      .post(`/api/v1/assessments/${sa.body.id}/complete`, {
        completedAt: '2014-04-04',
        outcome: 'no_further_action',
        factors: ['3A', '21'],
        primaryNeed: 'N4',
      })
      .expect(200);
    expect(done.body).toMatchObject({
      inTime: true,
      outcome: 'no_further_action',
      factors: ['3A', '21'],
    });
    expect(await pending(sa.body.id)).toEqual([]);
    const episode = await as(worker).get(`/api/v1/referrals/${referral.id}`).expect(200);
    expect(episode.body).toMatchObject({ primaryNeed: 'N4', reasonForClosure: 'RC8' });

    // Counted by assessments_in_45_days_pct, not by NI59 (initial assessments only).
    standOn('2014-05-01');
    const kpis = await t
      .http()
      .get('/api/v1/kpis?period=2014-04')
      .auth(await t.adminToken(), { type: 'bearer' })
      .expect(200);
    const item = (code: string) =>
      (kpis.body.items as { code: string; numerator: number; denominator: number }[]).find(
        (i) => i.code === code,
      );
    expect(item('assessments_in_45_days_pct')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(item('initial_assessments_in_7_days_pct')).toMatchObject({ denominator: 0 });
  });

  it('corrects a single assessment date with its version, moving the due date and the reminders', async () => {
    const referral = await acceptedReferral('2014-05-01', 'Corrected');
    const sa = await as(worker)
      .post(`/api/v1/referrals/${referral.id}/assessment`, { assignedToUserId: worker.id })
      .expect(201);
    await as(worker)
      .patch(`/api/v1/assessments/${sa.body.id}`, { startedAt: '2014-05-01', version: 99 })
      .expect(409);
    const { version } = (await as(worker).get(`/api/v1/referrals/${referral.id}`).expect(200))
      .body as { version: number };
    const moved = await as(worker)
      .patch(`/api/v1/referrals/${referral.id}`, { referredAt: '2014-04-28', version })
      .expect(200);
    expect(moved.body.framework).toBe('working-together-2013');
    const after = await as(worker).get(`/api/v1/assessments/${sa.body.id}`).expect(200);
    // 45 working days after Monday 2014-04-28 (two May bank holidays between): Wednesday 2014-07-02.
    expect(after.body.dueDate).toBe('2014-07-02');
    expect((await pending(sa.body.id)).map((r) => r.at.slice(0, 10))).toEqual([
      '2014-06-25',
      '2014-07-02',
      '2014-07-03',
    ]);
  });

  it('moves the due dates of open core and single assessments, and their reminders, for a closure day within them', async () => {
    const { email } = await createUser(t, 'admin');
    /**
     * Adds a closure day in east through the admin's check page, signed in afresh (the Clock
     * moves years between them); answers the page's text.
     */
    const closeEast = async (day: string, month: string, year: string) => {
      const admin = await signedIn(t, email, TEST_PASSWORD);
      const fields = {
        'date-day': day,
        'date-month': month,
        'date-year': year,
        localityId: east,
        reason: 'Office move',
      };
      const check = await admin.post('/admin/closures', fields);
      expect(check.status).toBe(200);
      const key = idempotencyKey(check.text);
      const saved = await admin.post(
        '/admin/closures/confirm',
        { ...fields, _idempotencyKey: key },
        '/admin/closures',
      );
      expect(saved.status).toBe(303);
      return pageText(check.text);
    };

    // A core assessment (2011, before the single assessment): commenced Tuesday 6 September,
    // due 35 working days later on Tuesday 25 October.
    const old = await acceptedReferral('2011-09-05', 'CoreClosed');
    const ia = await as(worker)
      .post(`/api/v1/referrals/${old.id}/initial-assessment`, { assignedToUserId: worker.id })
      .expect(201);
    standOn('2011-09-06');
    await as(worker)
      .post(`/api/v1/initial-assessments/${ia.body.id}/complete`, {
        completedAt: '2011-09-06',
        outcome: 'core_assessment',
      })
      .expect(200);
    const core = await as(worker)
      .post('/api/v1/core-assessments', {
        initialAssessmentId: ia.body.id,
        commencedAt: '2011-09-06',
        assignedToUserId: worker.id,
      })
      .expect(201);
    expect(core.body.dueDate).toBe('2011-10-25');
    // The check page lists the move before anything is saved; the day moves it one working
    // day later, and its reminders with it.
    expect(await closeEast('14', '9', '2011')).toMatch(
      /Core assessment\s+Frameworks East\s+25 October 2011\s+26 October 2011/,
    );
    const coreAfter = await as(worker).get(`/api/v1/core-assessments/${core.body.id}`).expect(200);
    expect(coreAfter.body.dueDate).toBe('2011-10-26');
    // Due soon 10 and 5 working days before, due, overdue the working day after.
    expect((await pending(core.body.id)).map((r) => r.at.slice(0, 10))).toEqual([
      '2011-10-12',
      '2011-10-19',
      '2011-10-26',
      '2011-10-27',
    ]);

    // A single assessment: referred Monday 7 September 2015, due 45 working days later on
    // Monday 9 November.
    const recent = await acceptedReferral('2015-09-07', 'SingleClosed');
    const sa = await as(worker)
      .post(`/api/v1/referrals/${recent.id}/assessment`, { assignedToUserId: worker.id })
      .expect(201);
    expect(sa.body.dueDate).toBe('2015-11-09');
    expect(await closeEast('16', '9', '2015')).toMatch(
      /Single assessment\s+Frameworks East\s+9 November 2015\s+10 November 2015/,
    );
    const saAfter = await as(worker).get(`/api/v1/assessments/${sa.body.id}`).expect(200);
    expect(saAfter.body.dueDate).toBe('2015-11-10');
    expect((await pending(sa.body.id)).map((r) => r.at.slice(0, 10))).toEqual([
      '2015-11-03',
      '2015-11-10',
      '2015-11-11',
    ]);
  });

  it('refuses a correction that would move a referral with an assessment into another framework', async () => {
    const referral = await acceptedReferral('2013-04-16', 'Boundary');
    await as(worker)
      .post(`/api/v1/referrals/${referral.id}/assessment`, { assignedToUserId: worker.id })
      .expect(201);
    const { version } = (await as(worker).get(`/api/v1/referrals/${referral.id}`).expect(200))
      .body as { version: number };
    const refused = await as(worker)
      .patch(`/api/v1/referrals/${referral.id}`, { referredAt: '2013-04-12', version })
      .expect(422);
    expect(refused.body.message).toContain('framework');
  });

  it('pages each work list by due date, one assessment at a time, for one assignee', async () => {
    const care = (await createAgency(t, 'social_care')).id;
    const pager = await createUser(t, 'social_care', {
      agencyId: care,
      localityIds: [east],
      managerUserId: manager.id,
    });
    /** The ids a work list shows the pager, a page of one at a time, following each cursor. */
    const everyPage = async (list: string): Promise<string[]> => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const after: string = cursor === null ? '' : `&cursor=${cursor}`;
        const page = await as(worker)
          .get(`/api/v1/${list}?assignedToUserId=${pager.id}&limit=1${after}`)
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        ids.push(...page.body.items.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor !== null && ids.length < 5);
      return ids;
    };
    /** Assigns an assessment (a POST that makes one) to the pager, answering it. */
    const assign = async (
      path: string,
      body: object = {},
    ): Promise<{ id: string; dueDate: string }> => {
      const made = await as(worker)
        .post(path, { ...body, assignedToUserId: pager.id })
        .expect(201);
      return made.body;
    };

    // Initial assessments (2011), the later-due one assigned first.
    const later = await acceptedReferral('2011-06-07', 'PagedLater');
    const iaLater = await assign(`/api/v1/referrals/${later.id}/initial-assessment`);
    const earlier = await acceptedReferral('2011-06-01', 'PagedEarlier');
    const iaEarlier = await assign(`/api/v1/referrals/${earlier.id}/initial-assessment`);
    expect(iaEarlier.dueDate < iaLater.dueDate).toBe(true);
    expect(await everyPage('initial-assessments')).toEqual([iaEarlier.id, iaLater.id]);

    // Their core assessments, the later-commenced one first.
    standOn('2011-06-09');
    for (const ia of [iaLater, iaEarlier]) {
      await as(worker)
        .post(`/api/v1/initial-assessments/${ia.id}/complete`, {
          completedAt: '2011-06-08',
          outcome: 'core_assessment',
        })
        .expect(200);
    }
    const coreLater = await assign('/api/v1/core-assessments', {
      initialAssessmentId: iaLater.id,
      commencedAt: '2011-06-09',
    });
    const coreEarlier = await assign('/api/v1/core-assessments', {
      initialAssessmentId: iaEarlier.id,
      commencedAt: '2011-06-08',
    });
    expect(coreEarlier.dueDate < coreLater.dueDate).toBe(true);
    expect(await everyPage('core-assessments')).toEqual([coreEarlier.id, coreLater.id]);

    // Single assessments (2014), the later-due one first.
    const laterSingle = await acceptedReferral('2014-02-10', 'PagedSingleLater');
    const saLater = await assign(`/api/v1/referrals/${laterSingle.id}/assessment`);
    const earlierSingle = await acceptedReferral('2014-02-04', 'PagedSingleEarlier');
    const saEarlier = await assign(`/api/v1/referrals/${earlierSingle.id}/assessment`);
    expect(saEarlier.dueDate < saLater.dueDate).toBe(true);
    expect(await everyPage('assessments')).toEqual([saEarlier.id, saLater.id]);
  });

  it('refuses a reason for closure that contradicts the outcome, and a factor that does not exist, naming them', async () => {
    const referral = await acceptedReferral('2014-06-02', 'Contradicts');
    const sa = await as(worker)
      .post(`/api/v1/referrals/${referral.id}/assessment`, { assignedToUserId: worker.id })
      .expect(201);
    standOn('2014-06-10');
    const rc = await as(worker)
      .post(`/api/v1/assessments/${sa.body.id}/complete`, {
        completedAt: '2014-06-10',
        outcome: 'no_further_action',
        reasonForClosure: 'RC9',
      })
      .expect(400);
    expect(rc.body.message).toContain('RC9');
    const factor = await as(worker)
      .post(`/api/v1/assessments/${sa.body.id}/complete`, {
        completedAt: '2014-06-10',
        outcome: 'services_provided',
        factors: ['3A', '99Z'],
      })
      .expect(400);
    expect(JSON.stringify(factor.body.message)).toContain('99Z');
  });

  it("escalates an undecided referral after its framework's decision: 1 working day in 2011, 2 in 2014", async () => {
    const localityManager = await createUser(t, 'locality_manager', {
      agencyId: (await createAgency(t, 'social_care')).id,
      localityIds: [east],
    });
    const undecided = async (referredAt: string, name: string) => {
      standOn(referredAt);
      const child = await as(worker)
        .post('/api/v1/children', {
          givenName: name,
          familyName: 'Undecided',
          dateOfBirth: '2005-01-01',
          gender: 'male',
          localityId: east,
        })
        .expect(201);
      return (
        await as(worker)
          .post('/api/v1/referrals', {
            childId: child.body.id,
            referredAt,
            source: 'school',
            reason: 'Concern',
          })
          .expect(201)
      ).body as { id: string; framework: string };
    };
    const escalations = async (referralId: string) =>
      (
        await t.sql.query<{ recipient_user_id: string; due_date: string; fire_at: Date }>(
          `SELECT recipient_user_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, fire_at
           FROM reminders
           WHERE subject_id = $1 AND stage = 'referral_decision_overdue' AND state = 'pending'`,
          [referralId],
        )
      ).rows.map((r) => ({
        to: r.recipient_user_id,
        due: r.due_date,
        at: r.fire_at.toISOString(),
      }));

    // Thursday 2 June 2011 (decision 1): due Friday 3rd, escalated Monday 6th at 09:00 BST.
    const old = await undecided('2011-06-02', 'OneDay');
    expect(old.framework).toBe('initial-core-2000-01-01');
    expect(await escalations(old.id)).toEqual([
      { to: localityManager.id, due: '2011-06-03', at: '2011-06-06T08:00:00.000Z' },
    ]);
    // Thursday 5 June 2014 (decision 2): due Monday 9th, escalated Tuesday 10th.
    const recent = await undecided('2014-06-05', 'TwoDays');
    expect(recent.framework).toBe('working-together-2013');
    expect(await escalations(recent.id)).toEqual([
      { to: localityManager.id, due: '2014-06-09', at: '2014-06-10T08:00:00.000Z' },
    ]);
    // Corrected into the old framework before any assessment: its 1 working day (the escalation,
    // already past, fires at once).
    const version = (await as(worker).get(`/api/v1/referrals/${recent.id}`).expect(200)).body
      .version;
    await as(worker)
      .patch(`/api/v1/referrals/${recent.id}`, { referredAt: '2013-04-11', version })
      .expect(200);
    expect(await escalations(recent.id)).toEqual([
      { to: localityManager.id, due: '2013-04-12', at: '2014-06-05T10:00:00.000Z' },
    ]);
  });
});
