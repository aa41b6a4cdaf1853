import { TestApp, startTestApp } from './support/test-app';
import { createTeam, TestUser } from './support/fixtures';

describe('referrals to social care and assessments, end to end through HTTP', () => {
  let t: TestApp;
  let east: string;
  let practitioner: TestUser;
  let manager: TestUser;
  let social: TestUser;
  let unlinked: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const team = await createTeam(t, { locality: 'East' });
    east = team.localityId;
    practitioner = team.practitioner;
    manager = team.localityManager;
    social = team.socialCare;
    unlinked = await team.add('practitioner');
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({
    get: (url: string) => t.http().get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
    put: (url: string, body: object) =>
      t.http().put(url).auth(user.token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) =>
      t.http().patch(url).auth(user.token, { type: 'bearer' }).send(body),
  });

  async function child(name: string): Promise<string> {
    return (
      await as(practitioner)
        .post('/api/v1/children', {
          givenName: name,
          familyName: 'Referred',
          dateOfBirth: '2007-03-01',
          gender: 'male',
          localityId: east,
        })
        .expect(201)
    ).body.id;
  }

  /** A case whose completed CAF suggests tier 4 (an element at level 3). */
  async function tierFourCase(childId: string): Promise<string> {
    const c = await as(practitioner).post('/api/v1/cases', { childId }).expect(201);
    const url = `/api/v1/cases/${c.body.id}`;
    await as(practitioner)
      .post(`${url}/consent`, {
        givenBy: 'Mum',
        relationship: 'parent',
        givenAt: '2011-04-01',
        scope: ['assessment', 'information_sharing'],
      })
      .expect(201);
    await as(practitioner)
      .put(`${url}/assessment`, {
        elements: [{ code: 'basic_care_safety_protection', level: 3 }],
        version: 1,
      })
      .expect(200);
    const done = await as(practitioner).post(`${url}/assessment/complete`).expect(200);
    expect(done.body.suggestedTier).toBe(4);
    return c.body.id;
  }

  it('steps a tier 4 case up: referral, decision, initial then core assessment, case closed as stepped_up', async () => {
    const childId = await child('Stepup');
    const caseId = await tierFourCase(childId);
    await as(practitioner).post(`/api/v1/cases/${caseId}/tier`, { tier: 4 }).expect(422);

    const referral = await as(practitioner)
      .post('/api/v1/referrals', {
        childId,
        caseId,
        referredAt: '2011-04-21',
        source: 'early_help',
        reason: 'Safeguarding concern',
      })
      .expect(201);
    expect(referral.body).toMatchObject({
      childId,
      caseId,
      isReReferral: false,
      previousReferralId: null,
      status: 'awaiting_decision',
      version: 1,
    });

    // Tier 4 may now be recorded; closing as stepped_up waits for social care's acceptance.
    await as(practitioner).post(`/api/v1/cases/${caseId}/tier`, { tier: 4 }).expect(200);
    await as(practitioner)
      .put(`/api/v1/cases/${caseId}/lead-professional`, {
        userId: practitioner.id,
        reason: 'Referrer',
      })
      .expect(200);
    await as(practitioner)
      .post(`/api/v1/cases/${caseId}/close`, { reason: 'stepped_up' })
      .expect(422);

    // Social care sees it in the queue, decides, assesses.
    const queue = await as(social).get('/api/v1/referrals/queue').expect(200);
    expect(queue.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: referral.body.id, workingDaysWaited: expect.any(Number) }),
      ]),
    );
    await as(practitioner)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: '2011-04-22',
      })
      .expect(403);
    await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: '2011-04-20',
      })
      .expect(422);
    const decided = await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: '2011-04-22',
      })
      .expect(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      outcome: 'initial_assessment',
      decidedAt: '2011-04-22',
    });
    await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'no_further_action',
        decidedAt: '2011-04-22',
      })
      .expect(409);

    await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: practitioner.id,
      })
      .expect(422);
    const ia = await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: social.id,
      })
      .expect(201);
    // docs/domain.md#working-days: referral Thursday 2011-04-21 → initial assessment due Friday 2011-05-06.
    expect(ia.body).toMatchObject({
      referralId: referral.body.id,
      dueDate: '2011-05-06',
      completedAt: null,
      inTime: null,
    });
    const work = await as(social)
      .get(`/api/v1/initial-assessments?assignedToUserId=${social.id}`)
      .expect(200);
    expect(work.body.items).toEqual([
      expect.objectContaining({ id: ia.body.id, workingDaysRemaining: expect.any(Number) }),
    ]);
    expect(work.body.items[0].workingDaysRemaining).toBeLessThan(0);

    await as(social)
      .post(`/api/v1/initial-assessments/${ia.body.id}/complete`, {
        completedAt: '2011-04-20',
        outcome: 'core_assessment',
      })
      .expect(422);
    await as(social)
      .post(`/api/v1/initial-assessments/${ia.body.id}/complete`, {
        completedAt: '2099-01-01',
        outcome: 'core_assessment',
      })
      .expect(422);
    const iaDone = await as(social)
      .post(`/api/v1/initial-assessments/${ia.body.id}/complete`, {
        completedAt: '2011-05-06',
        outcome: 'core_assessment',
      })
      .expect(200);
    expect(iaDone.body).toMatchObject({
      completedAt: '2011-05-06',
      outcome: 'core_assessment',
      inTime: true,
    });

    const core = await as(social)
      .post('/api/v1/core-assessments', {
        initialAssessmentId: ia.body.id,
        commencedAt: '2011-05-09',
        assignedToUserId: social.id,
      })
      .expect(201);
    // 35 working days on, past the Spring bank holiday (30 May 2011).
    expect(core.body).toMatchObject({ commencedAt: '2011-05-09', dueDate: '2011-06-28' });
    const moved = await as(social)
      .patch(`/api/v1/core-assessments/${core.body.id}`, {
        commencedAt: '2011-05-10',
        version: core.body.version,
      })
      .expect(200);
    expect(moved.body).toMatchObject({
      commencedAt: '2011-05-10',
      dueDate: '2011-06-29',
      version: core.body.version + 1,
    });
    await as(social)
      .patch(`/api/v1/core-assessments/${core.body.id}`, {
        commencedAt: '2011-05-11',
        version: core.body.version,
      })
      .expect(409);
    const coreDone = await as(social)
      .post(`/api/v1/core-assessments/${core.body.id}/complete`, { completedAt: '2011-06-30' })
      .expect(200);
    expect(coreDone.body).toMatchObject({ completedAt: '2011-06-30', inTime: false });

    // Accepted by social care: the lead professional may close the case as stepped_up.
    const closed = await as(practitioner)
      .post(`/api/v1/cases/${caseId}/close`, { reason: 'stepped_up' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', closureReason: 'stepped_up' });

    // Social care sees the referred child and the linked case; the unlinked practitioner sees none of it.
    await as(social).get(`/api/v1/children/${childId}`).expect(200);
    await as(social).get(`/api/v1/cases/${caseId}`).expect(200);
    await as(unlinked).get(`/api/v1/referrals/${referral.body.id}`).expect(404);
    await as(unlinked).get(`/api/v1/initial-assessments/${ia.body.id}`).expect(404);
    await as(unlinked).get(`/api/v1/core-assessments/${core.body.id}`).expect(404);
    const unlinkedList = await as(unlinked).get('/api/v1/referrals').expect(200);
    expect(unlinkedList.body.items).toEqual([]);
  });

  it('steps a referral down to early help, starting a CAF case social care and the manager can see', async () => {
    const childId = await child('Stepdown');
    const referral = await as(social)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2012-02-29',
        source: 'school',
        reason: 'Attendance and neglect concerns',
      })
      .expect(201);
    const decided = await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'step_down_early_help',
        decidedAt: '2012-03-01',
      })
      .expect(200);
    expect(decided.body.stepDownCaseId).toEqual(expect.any(String));
    const c = await as(manager).get(`/api/v1/cases/${decided.body.stepDownCaseId}`).expect(200);
    expect(c.body).toMatchObject({ childId, status: 'assessment', localityId: east });
    await as(social).get(`/api/v1/cases/${decided.body.stepDownCaseId}`).expect(200);

    // A correction keeps the first decision.
    const corrected = await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision/correction`, {
        outcome: 'signposted_universal',
        decidedAt: '2012-03-01',
        reason: 'Recorded against the wrong referral',
      })
      .expect(200);
    expect(corrected.body.outcome).toBe('signposted_universal');
    const full = await as(social).get(`/api/v1/referrals/${referral.body.id}`).expect(200);
    expect(full.body.decisions.map((d: { outcome: string }) => d.outcome)).toEqual([
      'step_down_early_help',
      'signposted_universal',
    ]);
  });

  it('counts a referral within 12 months of the last as a re-referral, across the 29 February boundary', async () => {
    const childId = await child('Again');
    const refer = (referredAt: string) =>
      as(social)
        .post('/api/v1/referrals', {
          childId,
          referredAt,
          source: 'police',
          reason: 'Domestic abuse incident',
        })
        .expect(201);
    const first = await refer('2012-02-29');
    const second = await refer('2013-02-28');
    expect(second.body).toMatchObject({ isReReferral: true, previousReferralId: first.body.id });
    const third = await refer('2014-03-01');
    expect(third.body).toMatchObject({ isReReferral: false, previousReferralId: null });
    const list = await as(social)
      .get(`/api/v1/referrals?isReReferral=true&from=2013-01-01&to=2013-12-31`)
      .expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(second.body.id);
  });

  it('stores both of two referrals made at the same instant, the later a re-referral of the earlier', async () => {
    const childId = await child('Twice');
    const both = await Promise.all(
      [1, 2].map(() =>
        as(social).post('/api/v1/referrals', {
          childId,
          referredAt: '2015-06-01',
          source: 'health',
          reason: 'Concern',
        }),
      ),
    );
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const flags = both.map((r) => r.body.isReReferral).sort();
    expect(flags).toEqual([false, true]);
    const later = both.find((r) => r.body.isReReferral)!;
    const earlier = both.find((r) => !r.body.isReReferral)!;
    expect(later.body.previousReferralId).toBe(earlier.body.id);
  });

  it('moves the due date of an open initial assessment when a closure day falls in its window', async () => {
    const childId = await child('Closure');
    const referral = await as(social)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2013-06-03',
        source: 'school',
        reason: 'Concern',
      })
      .expect(201);
    await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: '2013-06-03',
      })
      .expect(200);
    const ia = await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: social.id,
      })
      .expect(201);
    expect(ia.body.dueDate).toBe('2013-06-12');
    await t
      .http()
      .post('/api/v1/calendar/closures')
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ date: '2013-06-05', localityId: east, reason: 'Office move' })
      .expect(201);
    const after = await as(social).get(`/api/v1/initial-assessments/${ia.body.id}`).expect(200);
    expect(after.body.dueDate).toBe('2013-06-13');

    // Correcting the referral date recomputes it too.
    const moved = await as(social)
      .patch(`/api/v1/referrals/${referral.body.id}`, {
        referredAt: '2013-05-31',
        version: (await as(social).get(`/api/v1/referrals/${referral.body.id}`)).body.version,
      })
      .expect(200);
    expect(moved.body.referredAt).toBe('2013-05-31');
    expect(
      (await as(social).get(`/api/v1/initial-assessments/${ia.body.id}`).expect(200)).body.dueDate,
    ).toBe('2013-06-12');
  });

  it('refuses future dates and bad input, naming the field', async () => {
    const childId = await child('Future');
    const future = await as(social)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2099-01-01',
        source: 'school',
        reason: 'x',
      })
      .expect(422);
    expect(future.body.message).toMatch(/referredAt/);
    const source = await as(social)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2011-01-01',
        source: 'neighbour',
        reason: 'x',
      })
      .expect(400);
    expect(source.body.message).toMatch(/^source/);
    const noCase = await as(practitioner)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2011-01-01',
        source: 'school',
        reason: 'x',
      })
      .expect(400);
    expect(noCase.body.message).toMatch(/caseId/);
    await as(social)
      .post('/api/v1/referrals', {
        childId: '00000000-0000-4000-8000-000000000000',
        referredAt: '2011-01-01',
        source: 'school',
        reason: 'x',
      })
      .expect(404);
  });
});
