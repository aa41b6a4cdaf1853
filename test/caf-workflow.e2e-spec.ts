import { TestApp, startTestApp } from './support/test-app';
import { createTeam, TestUser } from './support/fixtures';

describe('the CAF workflow, end to end through HTTP', () => {
  let t: TestApp;
  let east: string;
  let west: string;
  let creator: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let unlinked: TestUser;
  let otherLocality: TestUser;
  let performance: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    const team = await createTeam(t, { locality: 'East', otherLocality: 'West' });
    east = team.localityId;
    west = team.otherLocalityId;
    creator = team.practitioner;
    colleague = await team.add('practitioner');
    manager = team.localityManager;
    unlinked = await team.add('practitioner');
    otherLocality = await team.add('practitioner', { localityIds: [west] });
    performance = team.performanceManager;
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

  async function registerChild(by: TestUser, extra: object = {}): Promise<string> {
    const response = await as(by)
      .post('/api/v1/children', {
        givenName: 'Amelia',
        familyName: 'Jones',
        dateOfBirth: '2008-05-14',
        gender: 'female',
        localityId: east,
        ...extra,
      })
      .expect(201);
    return response.body.id;
  }

  it('takes a child from registration to a case closed as needs_met', async () => {
    // Register the child and start the case.
    const child = await as(creator)
      .post('/api/v1/children', {
        givenName: 'Zoë',
        familyName: 'O’Brien',
        dateOfBirth: '2009-02-28',
        gender: 'female',
        localityId: east,
        nhsNumber: '943 476 5919',
        disability: false,
      })
      .expect(201);
    expect(child.body).toMatchObject({
      givenName: 'Zoë',
      nhsNumber: '9434765919',
      possibleDuplicates: [],
      version: 1,
    });
    const started = await as(creator).post('/api/v1/cases', { childId: child.body.id }).expect(201);
    const caseId: string = started.body.id;
    expect(started.body).toMatchObject({
      status: 'assessment',
      childId: child.body.id,
      localityId: east,
      assessment: { versionNo: 1, status: 'draft', version: 1 },
    });
    await as(creator).post('/api/v1/cases', { childId: child.body.id }).expect(409);

    // The draft over two saves.
    const first = await as(creator)
      .put(`/api/v1/cases/${caseId}/assessment`, {
        elements: [{ code: 'general_health', level: 1 }],
        strengths: 'Loves football',
        version: 1,
      })
      .expect(200);
    expect(first.body).toMatchObject({ versionNo: 1, status: 'draft', version: 2 });
    await as(creator)
      .put(`/api/v1/cases/${caseId}/assessment`, { elements: [], version: 1 })
      .expect(409);
    await as(creator)
      .put(`/api/v1/cases/${caseId}/assessment`, {
        elements: [
          { code: 'speech_language_communication', level: 2, notes: 'Limited speech for age' },
          { code: 'housing_employment_financial', level: 2 },
          { code: 'general_health', level: 1 },
        ],
        strengths: 'Loves football',
        needsSummary: 'Speech and housing',
        childViews: 'Wants to play more',
        parentViews: 'Worried about the flat',
        version: 2,
      })
      .expect(200);

    // No consent, no completion; then consent, completion and the suggested tier.
    const noConsent = await as(creator)
      .post(`/api/v1/cases/${caseId}/assessment/complete`)
      .expect(422);
    expect(noConsent.body.message).toMatch(/consent/);
    const consent = await as(creator)
      .post(`/api/v1/cases/${caseId}/consent`, {
        givenBy: 'Sarah O’Brien',
        relationship: 'parent',
        givenAt: '2011-04-21T10:30:00+01:00',
        scope: ['assessment', 'information_sharing'],
      })
      .expect(201);
    expect(consent.body).toMatchObject({
      relationship: 'parent',
      scope: ['assessment', 'information_sharing'],
    });
    const completed = await as(creator)
      .post(`/api/v1/cases/${caseId}/assessment/complete`)
      .expect(200);
    expect(completed.body).toMatchObject({
      status: 'completed',
      suggestedTier: 3,
      firedRule: {
        id: 'complex_needs_across_domains',
        elements: ['speech_language_communication', 'housing_employment_financial'],
      },
    });
    await as(creator).post(`/api/v1/cases/${caseId}/assessment/complete`).expect(409);

    // A different tier needs a reason and a manager; the suggested one stands at once.
    const noReason = await as(creator)
      .post(`/api/v1/cases/${caseId}/tier`, { tier: 2 })
      .expect(422);
    expect(noReason.body.message).toMatch(/reason is required/);
    await as(creator)
      .post(`/api/v1/cases/${caseId}/tier`, { tier: 4, reason: 'Safeguarding' })
      .expect(422);
    const pending = await as(creator)
      .post(`/api/v1/cases/${caseId}/tier`, { tier: 2, reason: 'Family engaging well' })
      .expect(200);
    expect(pending.body).toMatchObject({
      status: 'assessment',
      tier: null,
      pendingTierDecision: { tier: 2, status: 'pending' },
    });
    await as(creator).post(`/api/v1/cases/${caseId}/tier/review`, { confirm: true }).expect(403);
    const rejected = await as(manager)
      .post(`/api/v1/cases/${caseId}/tier/review`, { confirm: false })
      .expect(200);
    expect(rejected.body).toMatchObject({
      pendingTierDecision: null,
      tier: null,
      status: 'assessment',
    });
    const decided = await as(creator).post(`/api/v1/cases/${caseId}/tier`, { tier: 3 }).expect(200);
    expect(decided.body).toMatchObject({ status: 'active', tier: 3, suggestedTier: 3 });

    // The TAC: a colleague with an account and an external practitioner; the colleague leads.
    const member = await as(creator)
      .post(`/api/v1/cases/${caseId}/tac/members`, {
        userId: colleague.id,
        role: 'Family support worker',
      })
      .expect(201);
    const external = await as(creator)
      .post(`/api/v1/cases/${caseId}/tac/members`, {
        externalName: 'Dr Patel',
        externalAgency: 'Riverside GP',
        role: 'GP',
      })
      .expect(201);
    await as(creator)
      .post(`/api/v1/cases/${caseId}/tac/members`, { userId: colleague.id, role: 'Again' })
      .expect(409);
    const notMember = await as(creator)
      .put(`/api/v1/cases/${caseId}/lead-professional`, { userId: unlinked.id, reason: 'x' })
      .expect(422);
    expect(notMember.body.message).toMatch(/member of the TAC/);
    const lp = await as(creator)
      .put(`/api/v1/cases/${caseId}/lead-professional`, {
        userId: colleague.id,
        reason: 'Knows the family',
      })
      .expect(200);
    expect(lp.body).toMatchObject({ userId: colleague.id, memberId: member.body.id, toDate: null });

    // The colleague, now linked, sees the case and the child; their "my cases" says what is next.
    await as(colleague).get(`/api/v1/cases/${caseId}`).expect(200);
    await as(colleague).get(`/api/v1/children/${child.body.id}`).expect(200);
    const mine = await as(colleague).get('/api/v1/cases/mine').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: caseId, needsDoing: ['schedule the next TAC meeting'] }),
    ]);

    // A meeting scheduled and recorded; action items owned by members.
    const meeting = await as(colleague)
      .post(`/api/v1/cases/${caseId}/tac/meetings`, {
        scheduledAt: '2011-05-10T14:00:00+01:00',
        location: 'Hillside School',
      })
      .expect(201);
    await as(colleague)
      .post(`/api/v1/tac-meetings/${meeting.body.id}/record`, {
        heldAt: '2011-05-10T14:05:00+01:00',
        attendeeUserIds: [unlinked.id],
        familyAttended: true,
      })
      .expect(422);
    const held = await as(colleague)
      .post(`/api/v1/tac-meetings/${meeting.body.id}/record`, {
        heldAt: new Date().toISOString(),
        attendeeUserIds: [colleague.id, creator.id].filter((id) => id === colleague.id),
        externalAttendees: ['Dr Patel'],
        familyAttended: true,
        notes: 'Good meeting',
        decisions: 'Speech therapy referral',
      })
      .expect(200);
    expect(held.body).toMatchObject({
      status: 'held',
      familyAttended: true,
      externalAttendees: ['Dr Patel'],
    });
    await as(colleague)
      .post(`/api/v1/tac-meetings/${meeting.body.id}/record`, {
        heldAt: new Date().toISOString(),
        attendeeUserIds: [],
        familyAttended: false,
      })
      .expect(409);

    const item1 = await as(colleague)
      .post(`/api/v1/cases/${caseId}/action-items`, {
        need: 'speech_language_communication',
        action: 'Refer to speech therapy',
        ownerUserId: colleague.id,
        dueDate: '2031-06-30',
      })
      .expect(201);
    const item2 = await as(colleague)
      .post(`/api/v1/cases/${caseId}/action-items`, {
        need: 'housing_employment_financial',
        action: 'Housing application',
        ownerMemberId: external.body.id,
        dueDate: '2031-07-31',
      })
      .expect(201);
    await as(colleague)
      .post(`/api/v1/cases/${caseId}/action-items`, {
        need: 'not_an_element',
        action: 'x',
        ownerUserId: colleague.id,
        dueDate: '2031-01-01',
      })
      .expect(400);
    await as(colleague)
      .post(`/api/v1/cases/${caseId}/action-items`, {
        need: 'aspirations',
        action: 'x',
        ownerUserId: colleague.id,
        dueDate: '2001-01-01',
      })
      .expect(422);

    // needs_met only when every item is implemented or cancelled; only the LP or a manager closes.
    const early = await as(colleague)
      .post(`/api/v1/cases/${caseId}/close`, { reason: 'needs_met' })
      .expect(422);
    expect(early.body.message).toMatch(/2 are not/);
    await as(colleague)
      .patch(`/api/v1/action-items/${item1.body.id}`, {
        status: 'implemented',
        version: item1.body.version,
      })
      .expect(200);
    await as(colleague)
      .patch(`/api/v1/action-items/${item2.body.id}`, {
        status: 'cancelled',
        version: item2.body.version,
      })
      .expect(422);
    await as(colleague)
      .patch(`/api/v1/action-items/${item2.body.id}`, {
        status: 'cancelled',
        reason: 'Family rehoused',
        version: item2.body.version,
      })
      .expect(200);
    await as(colleague)
      .patch(`/api/v1/action-items/${item1.body.id}`, {
        status: 'in_progress',
        version: item1.body.version + 1,
      })
      .expect(409);
    await as(creator).post(`/api/v1/cases/${caseId}/close`, { reason: 'needs_met' }).expect(403);
    await as(colleague).post(`/api/v1/cases/${caseId}/close`, { reason: 'finished' }).expect(400);
    const closed = await as(colleague)
      .post(`/api/v1/cases/${caseId}/close`, { reason: 'needs_met' })
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closureReason: 'needs_met',
      allowedActions: ['reopen'],
    });
    const wrong = await as(colleague)
      .post(`/api/v1/cases/${caseId}/tac/meetings`, {
        scheduledAt: '2031-05-10T14:00:00+01:00',
        location: 'X',
      })
      .expect(409);
    expect(wrong.body.message).toBe(
      'The case is closed: schedule_meeting is not allowed; allowed actions: reopen',
    );

    // Reopen once, with a reason.
    const reopened = await as(manager)
      .post(`/api/v1/cases/${caseId}/reopen`, { reason: 'New concerns from school' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'active', reopenCount: 1, closureReason: null });
    await as(manager)
      .post(`/api/v1/cases/${caseId}/close`, {
        reason: 'other',
        note: 'Moved to a new school out of county',
      })
      .expect(200);
    expect(
      (await as(manager).post(`/api/v1/cases/${caseId}/reopen`, { reason: 'Again' }).expect(422))
        .body.message,
    ).toMatch(/only once/);

    // The child's page of history lists every change, newest first.
    const history = await as(manager)
      .get(`/api/v1/children/${child.body.id}/history?limit=200`)
      .expect(200);
    const types = (history.body.items as { type: string }[]).map((e) => e.type).reverse();
    expect(types).toEqual([
      'case.created',
      'assessment.saved',
      'assessment.saved',
      'consent.recorded',
      'assessment.completed',
      'tier.decided',
      'tier.rejected',
      'tier.decided',
      'case.activated',
      'tac.member_added',
      'tac.member_added',
      'tac.lead_professional_set',
      'tac.meeting_scheduled',
      'tac.meeting_recorded',
      'action_item.created',
      'action_item.created',
      'action_item.updated',
      'action_item.updated',
      'case.closed',
      'case.reopened',
      'case.closed',
    ]);

    // Versions of the CAF are kept; the tier history has validity dates.
    const versions = await as(manager)
      .get(`/api/v1/cases/${caseId}/assessment/versions`)
      .expect(200);
    expect(versions.body).toEqual([
      expect.objectContaining({ versionNo: 1, status: 'completed', suggestedTier: 3 }),
    ]);
    const tiers = await t.sql.query(
      `SELECT tier, status, from_date IS NOT NULL AS dated FROM tier_decisions WHERE case_id = $1 ORDER BY decided_at`,
      [caseId],
    );
    expect(tiers.rows).toEqual([
      { tier: 2, status: 'rejected', dated: false },
      { tier: 3, status: 'confirmed', dated: true },
    ]);
  });

  it('flags a possible duplicate (same name and date of birth in the locality) without refusing it', async () => {
    const first = await registerChild(creator, {
      givenName: 'Mary-Jane',
      familyName: 'Smith',
      dateOfBirth: '2010-01-01',
    });
    const second = await as(creator)
      .post('/api/v1/children', {
        givenName: 'mary jane',
        familyName: 'SMITH',
        dateOfBirth: '2010-01-01',
        gender: 'female',
        localityId: east,
      })
      .expect(201);
    expect(second.body.possibleDuplicates).toEqual([first]);
  });

  it('refuses unknown element codes and levels outside 0-3 in the assessment, naming the field', async () => {
    const childId = await registerChild(creator, { givenName: 'Levels' });
    const c = await as(creator).post('/api/v1/cases', { childId }).expect(201);
    const level = await as(creator)
      .put(`/api/v1/cases/${c.body.id}/assessment`, {
        elements: [{ code: 'aspirations', level: 4 }],
        version: 1,
      })
      .expect(400);
    expect(level.body.message).toMatch(/^elements\.0\.level/);
    const code = await as(creator)
      .put(`/api/v1/cases/${c.body.id}/assessment`, {
        elements: [{ code: 'happiness', level: 1 }],
        version: 1,
      })
      .expect(400);
    expect(code.body.message).toMatch(/^elements\.0\.code/);
    const twice = await as(creator)
      .put(`/api/v1/cases/${c.body.id}/assessment`, {
        elements: [
          { code: 'aspirations', level: 1 },
          { code: 'aspirations', level: 2 },
        ],
        version: 1,
      })
      .expect(400);
    expect(twice.body.message).toMatch(/at most once/);
  });

  it('refuses a bad NHS number, an unknown field and a locality that is not yours', async () => {
    const nhs = await as(creator)
      .post('/api/v1/children', {
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '2010-01-01',
        gender: 'male',
        localityId: east,
        nhsNumber: '9434765918',
      })
      .expect(400);
    expect(nhs.body.message).toMatch(/^nhsNumber/);
    await as(creator)
      .post('/api/v1/children', {
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '2010-01-01',
        gender: 'male',
        localityId: east,
        shoeSize: 3,
      })
      .expect(400);
    await as(creator)
      .post('/api/v1/children', {
        givenName: 'A',
        familyName: 'B',
        dateOfBirth: '2010-01-01',
        gender: 'male',
        localityId: west,
      })
      .expect(403);
  });

  it('closes the case when consent is withdrawn, unless a safeguarding referral was made', async () => {
    for (const safeguarding of [false, true]) {
      const childId = await registerChild(creator, { givenName: `Consent${String(safeguarding)}` });
      const c = await as(creator).post('/api/v1/cases', { childId }).expect(201);
      await as(creator)
        .post(`/api/v1/cases/${c.body.id}/consent`, {
          givenBy: 'Mum',
          relationship: 'parent',
          givenAt: '2011-04-21',
          scope: ['assessment'],
        })
        .expect(201);
      const after = await as(creator)
        .post(`/api/v1/cases/${c.body.id}/consent/withdraw`, {
          safeguardingReferralMade: safeguarding,
        })
        .expect(200);
      expect(after.body.status).toBe(safeguarding ? 'assessment' : 'closed');
      expect(after.body.closureReason).toBe(safeguarding ? null : 'consent_withdrawn');
    }
  });

  describe('who may see what (docs/domain.md#access)', () => {
    let childId: string;
    let caseId: string;

    beforeAll(async () => {
      childId = await registerChild(creator, { givenName: 'Private' });
      caseId = (await as(creator).post('/api/v1/cases', { childId }).expect(201)).body.id;
    });

    it.each([
      ['an unlinked practitioner of the same locality', () => unlinked],
      ['a practitioner of another locality', () => otherLocality],
    ])('answers 404 to %s, on the child, the case and the lists', async (_who, user) => {
      await as(user()).get(`/api/v1/children/${childId}`).expect(404);
      await as(user()).get(`/api/v1/cases/${caseId}`).expect(404);
      await as(user()).get(`/api/v1/children/${childId}/history`).expect(404);
      await as(user())
        .put(`/api/v1/cases/${caseId}/assessment`, { elements: [], version: 1 })
        .expect(404);
      await as(user())
        .post(`/api/v1/cases/${caseId}/tac/members`, { userId: user().id, role: 'Me' })
        .expect(404);
      await as(user()).post('/api/v1/cases', { childId }).expect(404);
      const cases = await as(user()).get('/api/v1/cases').expect(200);
      expect(cases.body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
      const children = await as(user()).get('/api/v1/children?q=private').expect(200);
      expect(children.body.items).toEqual([]);
    });

    it('answers 403 to a performance manager and an admin: no case content', async () => {
      const admin = { token: await t.adminToken() } as TestUser;
      for (const user of [performance, admin]) {
        await as(user).get(`/api/v1/children/${childId}`).expect(403);
        await as(user).get(`/api/v1/cases/${caseId}`).expect(403);
        await as(user).get('/api/v1/cases').expect(403);
        await as(user).post('/api/v1/cases', { childId }).expect(403);
      }
    });

    it('lets the locality manager see every case and child of the locality, and find the child by name, NHS number or date of birth', async () => {
      await as(manager).get(`/api/v1/cases/${caseId}`).expect(200);
      const found = await as(manager).get('/api/v1/children?q=PRIVATE').expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toContain(childId);
      const byDate = await as(manager).get('/api/v1/children?q=2008-05-14').expect(200);
      expect(byDate.body.items.map((c: { id: string }) => c.id)).toContain(childId);
      const trail = await as(manager).get(`/api/v1/audit?childId=${childId}`).expect(200);
      expect(trail.body.items.length).toBeGreaterThan(0);
    });

    it('writes an audit row for each read of the child’s case', async () => {
      const before = await t.sql.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE child_id = $1 AND action = 'case.read'`,
        [childId],
      );
      await as(creator).get(`/api/v1/cases/${caseId}`).expect(200);
      const after = await t.sql.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE child_id = $1 AND action = 'case.read'`,
        [childId],
      );
      expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    });
  });

  it('ends the lead professional when they leave the TAC, keeping the history', async () => {
    const childId = await registerChild(creator, { givenName: 'Leaver' });
    const c = await as(creator).post('/api/v1/cases', { childId }).expect(201);
    const url = `/api/v1/cases/${c.body.id}`;
    await as(creator)
      .post(`${url}/consent`, {
        givenBy: 'Dad',
        relationship: 'parent',
        givenAt: '2011-04-21',
        scope: ['assessment'],
      })
      .expect(201);
    await as(creator)
      .put(`${url}/assessment`, { elements: [{ code: 'aspirations', level: 1 }], version: 1 })
      .expect(200);
    await as(creator).post(`${url}/assessment/complete`).expect(200);
    await as(creator).post(`${url}/tier`, { tier: 2 }).expect(200);
    // The creator is on the TAC from the start, as the assessing practitioner.
    const member = {
      body: (await as(creator).get(url).expect(200)).body.members.find(
        (m: { userId: string }) => m.userId === creator.id,
      ),
    };
    await as(creator)
      .put(`${url}/lead-professional`, { userId: creator.id, reason: 'Started it' })
      .expect(200);
    await as(manager)
      .post(`${url}/tac/members/${member.body.id}/leave`, { reason: 'New job', version: 2 })
      .expect(409);
    const left = await as(manager)
      .post(`${url}/tac/members/${member.body.id}/leave`, { reason: 'New job', version: 1 })
      .expect(200);
    expect(left.body).toMatchObject({ id: member.body.id, toDate: expect.any(String), version: 2 });
    const after = await as(manager).get(url).expect(200);
    expect(after.body).toMatchObject({
      leadProfessionalId: null,
      leadProfessional: null,
      members: [],
    });
    // No longer linked, the creator still sees the case they created.
    await as(creator).get(url).expect(200);
  });

  it('keeps one open case per child even under concurrent starts', async () => {
    const childId = await registerChild(creator, { givenName: 'Racer' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => as(creator).post('/api/v1/cases', { childId })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});
