import { EVENT_KINDS } from '../src/modules/chronology/domain/chronology';
import { TestApp, startTestApp } from './support/test-app';
import {
  activeCase as createActiveCase,
  api,
  createAgency,
  createTeam,
  Team,
  TestUser,
} from './support/fixtures';

/**
 * A lead professional's working day over HTTP: the assessing practitioner on the TAC, the
 * pre-assessment checklist, consent that governs sharing, case notes, panels, the household
 * and the child's chronology.
 */
describe('practice on the API', () => {
  let t: TestApp;
  let team: Team;
  let east: string;
  let west: string;
  let creator: TestUser;
  let colleague: TestUser;
  let health: TestUser;
  let manager: TestUser;
  let managerWest: TestUser;
  let unlinked: TestUser;
  let social: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t);
    east = team.localityId;
    west = team.otherLocalityId;
    const healthAgency = (await createAgency(t, 'health')).id;
    creator = team.practitioner;
    colleague = await team.add('practitioner');
    health = await team.add('practitioner', { agencyId: healthAgency });
    manager = team.localityManager;
    managerWest = await team.add('locality_manager', { localityIds: [west] });
    unlinked = await team.add('practitioner');
    social = await team.add('social_care', { agencyId: healthAgency });
  });
  afterAll(() => t.close());

  let names = 0;
  const newChild = () => ({
    givenName: `Child${++names}`,
    familyName: 'Practice',
    dateOfBirth: '2012-03-04',
    gender: 'male',
  });

  async function registerChild(by: TestUser, extra: object = {}): Promise<string> {
    const response = await api(t, by)
      .post('/children', { ...newChild(), localityId: east, ...extra })
      .expect(201);
    return response.body.id;
  }

  async function startCase(by: TestUser = creator): Promise<{ child: string; caseId: string }> {
    const child = await registerChild(by);
    const started = await api(t, by).post('/cases', { childId: child }).expect(201);
    return { child, caseId: started.body.id };
  }

  const consent = (scope: string[]) => ({
    givenBy: 'Mum',
    relationship: 'parent',
    givenAt: '2024-01-10T10:00:00Z',
    scope,
  });

  /** An active case of a new child, consent to the assessment and to sharing, the creator its lead professional. */
  async function activeCase(): Promise<{ child: string; caseId: string; url: string }> {
    const { childId, caseId } = await createActiveCase(t, team, {
      owner: creator,
      child: newChild(),
      elements: [{ code: 'aspirations', level: 1 }],
      consent: consent(['assessment', 'information_sharing']),
    });
    return { child: childId, caseId, url: `/cases/${caseId}` };
  }

  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    Number(
      (await t.sql.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).rows[0].n,
    );

  describe('the assessing practitioner', () => {
    it('is a TAC member from the moment the case starts, and can leave the TAC', async () => {
      const { caseId } = await startCase();
      const url = `/cases/${caseId}`;
      const started = await api(t, creator).get(url).expect(200);
      expect(started.body.members).toEqual([
        expect.objectContaining({
          userId: creator.id,
          role: 'Assessing practitioner',
          fromDate: started.body.startedOn,
          toDate: null,
        }),
      ]);
      const member = started.body.members[0];
      await api(t, creator)
        .post(`${url}/tac/members/${member.id}/leave`, { reason: 'Handed over', version: 1 })
        .expect(200);
      const after = await api(t, creator).get(url).expect(200);
      expect(after.body.members).toEqual([]);
    });

    it('records the creator attending a TAC meeting', async () => {
      const { url } = await activeCase();
      const meeting = await api(t, creator)
        .post(`${url}/tac/meetings`, { scheduledAt: new Date().toISOString(), location: 'School' })
        .expect(201);
      const recorded = await api(t, creator)
        .post(`/tac-meetings/${meeting.body.id}/record`, {
          heldAt: new Date().toISOString(),
          attendeeUserIds: [creator.id],
          familyAttended: true,
        })
        .expect(200);
      expect(recorded.body).toMatchObject({ status: 'held', attendeeUserIds: [creator.id] });
    });
  });

  describe('the pre-assessment checklist', () => {
    it('is recorded with a version, is part of the case answer, and refuses a stale version', async () => {
      const { caseId } = await startCase();
      const url = `/cases/${caseId}`;
      expect((await api(t, creator).get(url).expect(200)).body.preAssessment).toBeNull();
      const first = await api(t, creator)
        .put(`${url}/pre-assessment`, {
          concernDomains: ['development_of_the_child', 'family_and_environment'],
          cafNeeded: true,
          notes: 'Attendance falling',
        })
        .expect(200);
      expect(first.body).toMatchObject({
        concernDomains: ['development_of_the_child', 'family_and_environment'],
        cafNeeded: true,
        notes: 'Attendance falling',
        recordedBy: creator.id,
        version: 1,
      });
      await api(t, creator)
        .put(`${url}/pre-assessment`, { concernDomains: [], cafNeeded: false, version: 0 })
        .expect(409);
      await api(t, creator)
        .put(`${url}/pre-assessment`, {
          concernDomains: ['parents_and_carers'],
          cafNeeded: true,
          version: 1,
        })
        .expect(200);
      const read = await api(t, creator).get(url).expect(200);
      expect(read.body.preAssessment).toMatchObject({
        concernDomains: ['parents_and_carers'],
        cafNeeded: true,
        notes: null,
        version: 2,
      });
    });

    it('refuses an unknown domain, naming the field, and stores nothing', async () => {
      const { caseId } = await startCase();
      const response = await api(t, creator)
        .put(`/cases/${caseId}/pre-assessment`, {
          concernDomains: ['schooling'],
          cafNeeded: true,
        })
        .expect(400);
      expect(response.body.message).toMatch(/concernDomains/);
      expect(await count('case_pre_assessments', 'case_id = $1', [caseId])).toBe(0);
    });

    it('is refused once the case has left assessment', async () => {
      const { url } = await activeCase();
      const response = await api(t, creator)
        .put(`${url}/pre-assessment`, { concernDomains: [], cafNeeded: false })
        .expect(409);
      expect(response.body.message).toMatch(/active/);
    });
  });

  describe('consent governs sharing', () => {
    it('keeps members of other agencies and external members out until information-sharing consent', async () => {
      const { caseId } = await startCase();
      const url = `/cases/${caseId}`;
      const refusedUser = await api(t, creator)
        .post(`${url}/tac/members`, { userId: health.id, role: 'Health visitor' })
        .expect(422);
      expect(refusedUser.body.message).toMatch(/information-sharing consent/i);
      const refusedExternal = await api(t, creator)
        .post(`${url}/tac/members`, {
          externalName: 'Dr Patel',
          externalAgency: 'GP practice',
          role: 'GP',
        })
        .expect(422);
      expect(refusedExternal.body.message).toMatch(/information-sharing consent/i);
      expect(await count('tac_members', 'case_id = $1', [caseId])).toBe(1);

      // Someone of the starter's own agency joins without it.
      await api(t, creator)
        .post(`${url}/tac/members`, { userId: colleague.id, role: 'Class teacher' })
        .expect(201);
      // Consent to the assessment only is not consent to share; widening it is.
      await api(t, creator)
        .post(`${url}/consent`, consent(['assessment']))
        .expect(201);
      await api(t, creator)
        .post(`${url}/tac/members`, { userId: health.id, role: 'Health visitor' })
        .expect(422);
      await api(t, creator)
        .post(`${url}/consent`, consent(['assessment', 'information_sharing']))
        .expect(201);
      await api(t, creator)
        .post(`${url}/tac/members`, { userId: health.id, role: 'Health visitor' })
        .expect(201);
      await api(t, creator)
        .post(`${url}/tac/members`, { externalName: 'Dr Patel', externalAgency: 'GP', role: 'GP' })
        .expect(201);
    });

    it('needs safeguarding grounds, with a reason kept on the referral and in the audit row, to refer from a case without consent', async () => {
      const { child, caseId } = await startCase();
      const referral = {
        childId: child,
        caseId,
        referredAt: '2024-01-15',
        source: 'school',
        reason: 'Bruising',
      };
      const withoutGrounds = await api(t, creator).post('/referrals', referral).expect(422);
      expect(withoutGrounds.body.message).toMatch(/safeguarding/);
      const withoutReason = await api(t, creator)
        .post('/referrals', { ...referral, safeguarding: true })
        .expect(400);
      expect(withoutReason.body.message).toMatch(/safeguardingReason/);
      await api(t, creator)
        .post('/referrals', { ...referral, safeguardingReason: 'Risk of harm' })
        .expect(400);
      expect(await count('referrals', 'child_id = $1', [child])).toBe(0);

      const made = await api(t, creator)
        .post('/referrals', {
          ...referral,
          safeguarding: true,
          safeguardingReason: 'Unexplained bruising: risk of significant harm',
        })
        .expect(201);
      expect(made.body).toMatchObject({
        safeguarding: true,
        safeguardingReason: 'Unexplained bruising: risk of significant harm',
      });
      const read = await api(t, social).get(`/referrals/${made.body.id}`).expect(200);
      expect(read.body).toMatchObject({ safeguarding: true });
      const audit = await t.sql.query(
        `SELECT details FROM audit_log WHERE action = 'referral.created' AND entity_id = $1`,
        [made.body.id],
      );
      expect(audit.rows[0].details).toMatchObject({
        safeguarding: true,
        safeguardingReason: 'Unexplained bruising: risk of significant harm',
      });
    });

    it('refers from a case with information-sharing consent without safeguarding grounds', async () => {
      const { child, caseId } = await activeCase();
      const made = await api(t, creator)
        .post('/referrals', {
          childId: child,
          caseId,
          referredAt: '2024-01-15',
          source: 'school',
          reason: 'Escalating needs',
        })
        .expect(201);
      expect(made.body).toMatchObject({ safeguarding: false, safeguardingReason: null });
    });
  });

  describe('case notes', () => {
    it('are written by anyone who may see the case, listed newest first, and corrected by their author with every earlier text kept', async () => {
      const { caseId } = await startCase();
      const url = `/cases/${caseId}/notes`;
      const visit = await api(t, creator)
        .post(url, {
          kind: 'home_visit',
          occurredAt: '2024-02-01T10:00:00Z',
          text: 'Saw mum and the baby',
        })
        .expect(201);
      expect(visit.body).toMatchObject({
        kind: 'home_visit',
        significant: false,
        author: { id: creator.id, displayName: expect.any(String) },
        corrections: [],
        version: 1,
      });
      const event = await api(t, manager)
        .post(url, { kind: 'significant_event', occurredAt: '2024-02-03', text: 'Police called' })
        .expect(201);
      expect(event.body.significant).toBe(true);
      await api(t, creator)
        .post(url, {
          kind: 'child_voice',
          occurredAt: '2024-02-02T09:00:00Z',
          text: 'Likes school',
          significant: true,
        })
        .expect(201);
      await api(t, unlinked)
        .post(url, { kind: 'note', occurredAt: '2024-02-02', text: 'x' })
        .expect(404);

      const first = await api(t, creator).get(`${url}?limit=2`).expect(200);
      expect(first.body.items.map((n: { kind: string }) => n.kind)).toEqual([
        'significant_event',
        'child_voice',
      ]);
      const second = await api(t, creator)
        .get(`${url}?limit=2&cursor=${first.body.nextCursor}`)
        .expect(200);
      expect(second.body).toMatchObject({ items: [{ kind: 'home_visit' }], nextCursor: null });

      const note = `/notes/${visit.body.id}`;
      await api(t, manager)
        .patch(note, { text: 'Saw dad', reason: 'Wrong parent', version: 1 })
        .expect(403);
      await api(t, creator)
        .patch(note, { text: 'Saw dad', reason: 'Wrong parent', version: 2 })
        .expect(409);
      const corrected = await api(t, creator)
        .patch(note, { text: 'Saw dad and the baby', reason: 'Wrong parent', version: 1 })
        .expect(200);
      const again = await api(t, creator)
        .patch(note, { text: 'Saw dad and baby', reason: 'Typo', version: 2 })
        .expect(200);
      expect(corrected.body.version).toBe(2);
      expect(again.body).toMatchObject({
        text: 'Saw dad and baby',
        version: 3,
        corrections: [
          {
            previousText: 'Saw mum and the baby',
            reason: 'Wrong parent',
            correctedBy: { id: creator.id },
            correctedAt: expect.any(String),
          },
          { previousText: 'Saw dad and the baby', reason: 'Typo', correctedBy: { id: creator.id } },
        ],
      });
      const audit = await t.sql.query(
        `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`,
        [visit.body.id],
      );
      expect(audit.rows.map((r) => r.action)).toEqual([
        'note.added',
        'note.corrected',
        'note.corrected',
      ]);
    });

    it.each([
      ['a kind not in the list', { kind: 'gossip' }, /kind/],
      ['empty text', { text: '   ' }, /text/],
      ['text over 20,000 characters', { text: 'x'.repeat(20_001) }, /text/],
      ['occurredAt in the future', { occurredAt: '2999-01-01T00:00:00Z' }, /occurredAt/],
      ['no text', { text: undefined }, /text is required/],
    ])('refuses %s, naming the field, and stores nothing', async (_what, change, message) => {
      const { caseId } = await startCase();
      const response = await api(t, creator)
        .post(`/cases/${caseId}/notes`, {
          kind: 'note',
          occurredAt: '2024-02-01T10:00:00Z',
          text: 'A note',
          ...change,
        })
        .expect(400);
      expect(response.body.message).toMatch(message);
      expect(await count('case_notes', 'case_id = $1', [caseId])).toBe(0);
    });
  });

  describe('panels', () => {
    it('records hearings by the lead professional or a locality manager, and lists them', async () => {
      const { url } = await activeCase();
      await api(t, creator)
        .post(`${url}/tac/members`, { userId: colleague.id, role: 'Teacher' })
        .expect(201);
      const heard = await api(t, creator)
        .post(`${url}/panels`, {
          panel: 'complex_care',
          heardOn: '2024-03-05',
          outcome: 'continue_early_help',
        })
        .expect(201);
      expect(heard.body).toMatchObject({
        panel: 'complex_care',
        panelName: 'Complex Care Panel',
        heardOn: '2024-03-05',
        outcome: 'continue_early_help',
        recordedBy: creator.id,
      });
      await api(t, manager)
        .post(`${url}/panels`, {
          panel: 'step_up_step_down',
          heardOn: '2024-03-06',
          outcome: 'step_up',
        })
        .expect(201);
      await api(t, colleague)
        .post(`${url}/panels`, { panel: 'complex_care', heardOn: '2024-03-06', outcome: 'other' })
        .expect(403);
      const list = await api(t, colleague).get(`${url}/panels`).expect(200);
      expect(list.body.items.map((h: { panel: string }) => h.panel)).toEqual([
        'step_up_step_down',
        'complex_care',
      ]);
      await api(t, unlinked).get(`${url}/panels`).expect(404);
    });

    it('refuses a panel code not in config/panels.yaml, naming the field, and stores nothing', async () => {
      const { caseId, url } = await activeCase();
      const response = await api(t, creator)
        .post(`${url}/panels`, { panel: 'star_chamber', heardOn: '2024-03-05', outcome: 'close' })
        .expect(400);
      expect(response.body.message).toMatch(/panel must be one of .*complex_care/);
      expect(await count('panel_hearings', 'case_id = $1', [caseId])).toBe(0);
    });
  });

  describe('the household', () => {
    it('joins a new child to a sibling’s household, and lists only members the caller may see', async () => {
      const { child: first } = await startCase();
      const second = await registerChild(creator, { siblingOfChildId: first });
      const firstRead = await api(t, creator).get(`/children/${first}`).expect(200);
      const secondRead = await api(t, creator).get(`/children/${second}`).expect(200);
      expect(firstRead.body.householdId).toEqual(expect.any(String));
      expect(secondRead.body.householdId).toBe(firstRead.body.householdId);
      // A third, registered by someone else: the creator may not see it.
      const third = await registerChild(manager, { siblingOfChildId: first });

      const mine = await api(t, creator).get(`/children/${first}/household`).expect(200);
      expect(mine.body).toEqual({
        householdId: firstRead.body.householdId,
        members: [
          {
            childId: second,
            givenName: expect.any(String),
            familyName: 'Practice',
            dateOfBirth: '2012-03-04',
            openCase: null,
            openReferral: null,
          },
        ],
      });
      expect(JSON.stringify(mine.body)).not.toContain(third);

      const managers = await api(t, manager).get(`/children/${second}/household`).expect(200);
      expect(managers.body.members.map((m: { childId: string }) => m.childId).sort()).toEqual(
        [first, third].sort(),
      );
      const withCase = managers.body.members.find((m: { childId: string }) => m.childId === first);
      expect(withCase.openCase).toMatchObject({
        status: 'assessment',
        tier: null,
        leadProfessional: null,
      });
      await api(t, managerWest).get(`/children/${first}/household`).expect(404);
    });

    it('answers 404 for a sibling the caller may not see, as for an unknown id, and stores nothing', async () => {
      const hidden = await registerChild(manager);
      const before = await count('children');
      for (const siblingOfChildId of [hidden, '00000000-0000-4000-8000-000000000000']) {
        const response = await api(t, creator)
          .post('/children', {
            givenName: 'Nobody',
            familyName: 'Practice',
            dateOfBirth: '2013-01-01',
            gender: 'female',
            localityId: east,
            siblingOfChildId,
          })
          .expect(404);
        expect(response.body.message).toBe('Child not found');
      }
      expect(await count('children')).toBe(before);
      expect(await count('children', 'id = $1 AND household_id IS NULL', [hidden])).toBe(1);
    });
  });

  describe('the chronology', () => {
    async function busyCase(): Promise<{
      child: string;
      caseId: string;
      url: string;
      referral: string;
    }> {
      const { child, caseId, url } = await activeCase();
      await api(t, creator)
        .post(`${url}/notes`, {
          kind: 'home_visit',
          occurredAt: '2024-02-01T10:00:00Z',
          text: 'Saw mum',
        })
        .expect(201);
      await api(t, creator)
        .post(`${url}/notes`, {
          kind: 'significant_event',
          occurredAt: '2024-02-02T10:00:00Z',
          text: 'Police called to the home',
        })
        .expect(201);
      await api(t, creator)
        .post(`${url}/panels`, { panel: 'complex_care', heardOn: '2024-03-05', outcome: 'step_up' })
        .expect(201);
      const referral = await api(t, creator)
        .post('/referrals', {
          childId: child,
          caseId,
          referredAt: '2024-03-06',
          source: 'early_help',
          reason: 'Escalating',
        })
        .expect(201);
      await api(t, social)
        .post(`/referrals/${referral.body.id}/decision`, {
          outcome: 'no_further_action',
          decidedAt: '2024-03-07',
        })
        .expect(200);
      return { child, caseId, url, referral: referral.body.id };
    }

    it('is one time line of what was recorded, each entry a plain sentence with who did it', async () => {
      const { child, caseId, referral } = await busyCase();
      const response = await api(t, creator)
        .get(`/children/${child}/chronology?order=asc&limit=200`)
        .expect(200);
      const items = response.body.items as {
        at: string;
        kind: string;
        summary: string;
        significant: boolean;
        caseId: string | null;
        referralId: string | null;
        actor: { id: string; displayName: string } | null;
      }[];
      const kinds = items.map((i) => i.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'case_started',
          'tac_member_joined',
          'consent_given',
          'caf_completed',
          'tier_decided',
          'lead_professional_appointed',
          'home_visit',
          'significant_event',
          'panel_heard',
          'referral_made',
          'referral_decided',
        ]),
      );
      expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort());
      expect(items.find((i) => i.kind === 'caf_completed')).toMatchObject({
        summary: 'CAF completed: tier 2 suggested',
        significant: true,
        caseId,
        referralId: null,
        actor: { id: creator.id, displayName: expect.any(String) },
      });
      expect(items.find((i) => i.kind === 'tac_member_joined')?.summary).toMatch(
        /joined the TAC as Assessing practitioner$/,
      );
      expect(items.find((i) => i.kind === 'home_visit')).toMatchObject({
        at: '2024-02-01',
        summary: 'Home visit: Saw mum',
        significant: false,
      });
      expect(items.find((i) => i.kind === 'panel_heard')).toMatchObject({
        at: '2024-03-05',
        summary: 'Heard by the Complex Care Panel: step up',
        significant: true,
      });
      expect(items.find((i) => i.kind === 'referral_made')).toMatchObject({
        at: '2024-03-06',
        summary: 'Referral to children’s social care',
        caseId,
        referralId: referral,
      });
      expect(items.find((i) => i.kind === 'referral_decided')).toMatchObject({
        at: '2024-03-07',
        summary: 'Referral decided: no further action',
        actor: { id: social.id },
      });
      const audit = await t.sql.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'child.chronology_read' AND child_id = $1`,
        [child],
      );
      expect(audit.rows[0].n).toBe(1);
    });

    it('walks both orders in keyset pages, and filters to the significant entries', async () => {
      const { child } = await busyCase();
      const all = (await api(t, creator).get(`/children/${child}/chronology?limit=200`).expect(200))
        .body.items as { at: string; kind: string; significant: boolean }[];
      expect(all.map((i) => i.at)).toEqual([...all.map((i) => i.at)].sort().reverse());
      const walk = async (query: string): Promise<unknown[]> => {
        const seen: unknown[] = [];
        let cursor: string | null = null;
        do {
          const page: { body: { items: unknown[]; nextCursor: string | null } } = await api(
            t,
            creator,
          )
            .get(
              `/children/${child}/chronology?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`,
            )
            .expect(200);
          expect(page.body.items.length).toBeLessThanOrEqual(3);
          seen.push(...page.body.items);
          cursor = page.body.nextCursor;
        } while (cursor);
        return seen;
      };
      expect(await walk('')).toEqual(all);
      expect(await walk('&order=asc')).toEqual([...all].reverse());
      const significant = (
        await api(t, creator)
          .get(`/children/${child}/chronology?significantOnly=true&limit=200`)
          .expect(200)
      ).body.items;
      expect(significant).toEqual(all.filter((i) => i.significant));
      expect(significant.map((i: { kind: string }) => i.kind).sort()).toEqual(
        [
          'caf_completed',
          'panel_heard',
          'referral_decided',
          'referral_made',
          'significant_event',
          'tier_decided',
        ].sort(),
      );
      await api(t, creator).get(`/children/${child}/chronology?order=sideways`).expect(400);
      await api(t, creator).get(`/children/${child}/chronology?cursor=nonsense`).expect(400);
    });

    it('has an entry of every kind the service records, each as one plain sentence', async () => {
      const { child, caseId } = await startCase();
      const url = `/cases/${caseId}`;
      await api(t, creator)
        .put(`${url}/pre-assessment`, { concernDomains: ['parents_and_carers'], cafNeeded: true })
        .expect(200);
      await api(t, creator)
        .post(`${url}/consent`, consent(['assessment', 'information_sharing']))
        .expect(201);
      await api(t, creator)
        .put(`${url}/assessment`, { elements: [{ code: 'aspirations', level: 1 }], version: 1 })
        .expect(200);
      await api(t, creator).post(`${url}/assessment/complete`).expect(200);
      await api(t, creator).post(`${url}/tier`, { tier: 3, reason: 'Complex at home' }).expect(200);
      await api(t, manager).post(`${url}/tier/review`, { confirm: true }).expect(200);
      await api(t, creator)
        .put(`${url}/lead-professional`, { userId: creator.id, reason: 'Started it' })
        .expect(200);
      const joined = await api(t, creator)
        .post(`${url}/tac/members`, { userId: health.id, role: 'Health visitor' })
        .expect(201);
      await api(t, creator)
        .post(`${url}/tac/members/${joined.body.id}/leave`, { reason: 'Moved on', version: 1 })
        .expect(200);
      const now = new Date().toISOString();
      const held = await api(t, creator)
        .post(`${url}/tac/meetings`, { scheduledAt: now, location: 'School' })
        .expect(201);
      await api(t, creator)
        .post(`/tac-meetings/${held.body.id}/record`, {
          heldAt: now,
          attendeeUserIds: [creator.id],
          familyAttended: false,
        })
        .expect(200);
      const cancelled = await api(t, creator)
        .post(`${url}/tac/meetings`, { scheduledAt: '2031-01-06T10:00:00Z', location: 'Home' })
        .expect(201);
      await api(t, creator)
        .post(`/tac-meetings/${cancelled.body.id}/cancel`, { reason: 'Illness' })
        .expect(200);
      const item = await api(t, creator)
        .post(`${url}/action-items`, {
          need: 'aspirations',
          action: 'Mentoring',
          ownerUserId: creator.id,
          dueDate: '2031-06-30',
        })
        .expect(201);
      await api(t, creator)
        .patch(`/action-items/${item.body.id}`, { status: 'in_progress', version: 1 })
        .expect(200);
      await api(t, creator)
        .post(`${url}/notes`, { kind: 'note', occurredAt: '2024-02-01', text: 'Phoned school' })
        .expect(201);
      await api(t, creator)
        .post(`${url}/panels`, { panel: 'complex_care', heardOn: '2024-03-05', outcome: 'other' })
        .expect(201);
      const referral = await api(t, creator)
        .post('/referrals', {
          childId: child,
          caseId,
          referredAt: '2024-03-06',
          source: 'early_help',
          reason: 'Escalating',
        })
        .expect(201);
      const r = `/referrals/${referral.body.id}`;
      await api(t, social)
        .post(`${r}/decision`, { outcome: 'initial_assessment', decidedAt: '2024-03-07' })
        .expect(200);
      const initial = await api(t, social)
        .post(`${r}/initial-assessment`, { assignedToUserId: social.id })
        .expect(201);
      await api(t, social)
        .post(`/initial-assessments/${initial.body.id}/complete`, {
          completedAt: '2024-03-12',
          outcome: 'core_assessment',
        })
        .expect(200);
      const core = await api(t, social)
        .post('/core-assessments', {
          initialAssessmentId: initial.body.id,
          commencedAt: '2024-03-13',
          assignedToUserId: social.id,
        })
        .expect(201);
      await api(t, social)
        .post(`/core-assessments/${core.body.id}/complete`, { completedAt: '2024-04-20' })
        .expect(200);
      await api(t, creator)
        .post(`${url}/consent/withdraw`, { safeguardingReferralMade: true })
        .expect(200);
      await api(t, creator).post(`${url}/close`, { reason: 'moved_out_of_area' }).expect(200);
      await api(t, creator).post(`${url}/reopen`, { reason: 'Moved back' }).expect(200);

      const items = (
        await api(t, manager).get(`/children/${child}/chronology?limit=200`).expect(200)
      ).body.items as { kind: string; summary: string }[];
      expect([...new Set(items.map((i) => i.kind))].sort()).toEqual(
        [...EVENT_KINDS, 'note'].sort(),
      );
      const summary = (kind: string): string[] =>
        items.filter((i) => i.kind === kind).map((i) => i.summary);
      expect(summary('tier_decided')).toEqual(['Tier 3 decided, not the suggested tier 2']);
      expect(summary('tier_confirmed')).toEqual(['Tier 3 confirmed by a locality manager']);
      expect(summary('tac_member_left')).toEqual([expect.stringMatching(/ left the TAC$/)]);
      expect(summary('meeting_held')).toEqual(['TAC meeting held; the family did not attend']);
      expect(summary('meeting_cancelled')).toEqual(['TAC meeting of 2031-01-06 cancelled']);
      expect(summary('action_item_status_changed')).toEqual([
        'Action-plan item for aspirations now in progress',
      ]);
      expect(summary('initial_assessment_completed')).toEqual([
        'Initial assessment completed: core assessment',
      ]);
      expect(summary('case_closed')).toEqual(['Case closed: moved out of the area']);
      expect(summary('case_reopened')).toEqual(['Case reopened']);
      expect(summary('consent_withdrawn')).toEqual(['Consent withdrawn']);
      for (const entry of items) expect(entry.summary).toMatch(/^[A-Z][^\n]+$/);
    });

    it('shows each caller only the entries of cases and referrals they may see', async () => {
      // An earlier case the locality manager opened and closed; then the creator's case.
      const child = await registerChild(creator);
      const earlier = await api(t, manager).post('/cases', { childId: child }).expect(201);
      await api(t, manager)
        .post(`/cases/${earlier.body.id}/close`, { reason: 'no_longer_eligible' })
        .expect(200);
      const current = await api(t, creator).post('/cases', { childId: child }).expect(201);
      const cases = async (user: TestUser): Promise<string[]> => {
        const body = (await api(t, user).get(`/children/${child}/chronology?limit=200`).expect(200))
          .body as { items: { caseId: string | null; kind: string }[] };
        return [...new Set(body.items.map((i) => i.caseId))].sort() as string[];
      };
      expect(await cases(creator)).toEqual([current.body.id]);
      expect(await cases(manager)).toEqual([earlier.body.id, current.body.id].sort());
      const closed = (
        await api(t, manager).get(`/children/${child}/chronology?limit=200`).expect(200)
      ).body.items.find((i: { kind: string }) => i.kind === 'case_closed');
      expect(closed).toMatchObject({
        summary: 'Case closed: no longer eligible',
        significant: true,
      });
      await api(t, unlinked).get(`/children/${child}/chronology`).expect(404);
      await api(t, social).get(`/children/${child}/chronology`).expect(404);
      await api(t, managerWest).get(`/children/${child}/chronology`).expect(404);
    });
  });
});
