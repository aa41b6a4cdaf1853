import { createTeam, Team } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import {
  signedIn,
  WebClient,
  webClient,
  pageText,
  CSRF_INPUT,
  idempotencyKey,
  VERSION_INPUT,
} from './support/web-session';

describe('the admin pages and the locality manager’s page', () => {
  let t: TestApp;
  let team: Team;
  let admin: WebClient;

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t);
    admin = await signedIn(t, team.admin.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function addUser(fields: Record<string, string | string[]>): Promise<string> {
    const form = await admin.agent.get('/admin/users/new').expect(200);
    const key = idempotencyKey(form.text);
    const response = await admin.post('/admin/users/new', {
      ...fields,
      _idempotencyKey: key,
    });
    expect(response.status).toBe(303);
    const match = /^\/admin\/users\/([0-9a-f-]{36})$/.exec(response.headers.location);
    if (!match) throw new Error(`Added to ${response.headers.location}`);
    return match[1];
  }

  describe('/admin/users', () => {
    it('is the admin’s only: other roles get the forbidden page, a visitor goes to sign-in', async () => {
      for (const user of [
        team.practitioner,
        team.localityManager,
        team.socialCare,
        team.performanceManager,
      ]) {
        const client = await signedIn(t, user.email, TEST_PASSWORD);
        for (const path of ['/admin/users', '/admin/users/new', `/admin/users/${team.admin.id}`]) {
          const page = await client.agent.get(path);
          expect({ path, role: user.role, status: page.status }).toEqual({
            path,
            role: user.role,
            status: 403,
          });
        }
        const post = await client.post('/admin/users/new', { displayName: 'X' }, '/');
        expect(post.status).toBe(403);
      }
      const visitor = await webClient(t).agent.get('/admin/users');
      expect(visitor.status).toBe(303);
      expect(visitor.headers.location).toBe('/sign-in');
    });

    it('lists users and finds them by part of their name', async () => {
      const all = await admin.agent.get('/admin/users').expect(200);
      expect(all.text).toContain('<h1 class="govuk-heading-l">Users</h1>');
      expect(all.text).toContain(`data-user="${team.practitioner.id}"`);
      const found = await admin.agent
        .get(`/admin/users?name=${encodeURIComponent(team.localityManager.email.split('@')[0])}`)
        .expect(200);
      expect(found.text).toContain(`data-user="${team.localityManager.id}"`);
      const none = await admin.agent.get('/admin/users?name=zzzz-nobody').expect(200);
      expect(pageText(none.text)).toContain('No user matches ‘zzzz-nobody’');
    });

    it('adds a user, refusing missing fields beside each field and keeping the answers', async () => {
      const refused = await admin.post('/admin/users/new', {
        displayName: 'Robin Ash',
        email: 'not-an-email',
        role: 'practitioner',
        agencyId: '',
        password: 'short',
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('There is a problem');
      expect(refused.text).toContain('href="#email">Enter an email address in the correct format');
      expect(refused.text).toContain('href="#agencyId">Select the agency');
      expect(refused.text).toContain('href="#password">Password must be at least 12 characters');
      expect(refused.text).toContain('value="Robin Ash"');
      expect(refused.text).not.toContain('value="short"');

      const noLocality = await admin.post('/admin/users/new', {
        displayName: 'Robin Ash',
        email: 'robin.ash@example.gov.uk',
        role: 'practitioner',
        agencyId: team.agencyId,
        password: 'a-long-password-1',
      });
      expect(noLocality.status).toBe(422);
      expect(noLocality.text).toContain('Select at least one locality for this role');

      const id = await addUser({
        displayName: 'Robin Ash',
        email: 'robin.ash@example.gov.uk',
        role: 'practitioner',
        agencyId: team.agencyId,
        localityIds: team.localityId,
        managerUserId: team.localityManager.id,
        password: 'a-long-password-1',
      });
      const page = await admin.agent.get(`/admin/users/${id}`).expect(200);
      expect(page.text).toContain('User added');
      expect(page.text).toContain('<h1 class="govuk-heading-l">Robin Ash</h1>');
      const user = await t
        .http()
        .get(`/api/v1/users/${id}`)
        .auth(await t.adminToken(), { type: 'bearer' })
        .expect(200);
      expect(user.body).toMatchObject({
        role: 'practitioner',
        localityIds: [team.localityId],
        managerUserId: team.localityManager.id,
      });

      const again = await admin.post('/admin/users/new', {
        displayName: 'Robin Ash again',
        email: 'Robin.Ash@example.gov.uk',
        role: 'admin',
        agencyId: team.agencyId,
        password: 'a-long-password-1',
      });
      expect(again.status).toBe(422);
      expect(again.text).toContain('A user with this email address already exists');
    });

    it('changes the role, localities and manager, and refuses a stale version', async () => {
      const id = await addUser({
        displayName: 'Sam Birch',
        email: 'sam.birch@example.gov.uk',
        role: 'practitioner',
        agencyId: team.agencyId,
        localityIds: team.localityId,
        password: 'a-long-password-1',
      });
      const page = await admin.agent.get(`/admin/users/${id}`).expect(200);
      const version = VERSION_INPUT.exec(page.text)![1];
      const fields = {
        displayName: 'Sam Birch',
        role: 'locality_manager',
        agencyId: team.agencyId,
        localityIds: team.otherLocalityId,
        managerUserId: '',
        version,
      };
      const saved = await admin.post(`/admin/users/${id}`, fields);
      expect(saved.status).toBe(303);
      const user = await t
        .http()
        .get(`/api/v1/users/${id}`)
        .auth(await t.adminToken(), { type: 'bearer' })
        .expect(200);
      expect(user.body).toMatchObject({
        role: 'locality_manager',
        localityIds: [team.otherLocalityId],
        managerUserId: null,
      });

      const stale = await admin.post(`/admin/users/${id}`, {
        ...fields,
        displayName: 'Sam Birch-Oak',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('Someone else has changed this record');
      expect(stale.text).toContain('value="Sam Birch-Oak"');
    });

    it('deactivates after a confirmation, and the user’s signed-in session ends at once', async () => {
      const id = await addUser({
        displayName: 'Kit Rowan',
        email: 'kit.rowan@example.gov.uk',
        role: 'practitioner',
        agencyId: team.agencyId,
        localityIds: team.localityId,
        password: 'a-long-password-1',
      });
      const kit = await signedIn(t, 'kit.rowan@example.gov.uk', 'a-long-password-1');
      await kit.agent.get('/').expect(200);

      const confirm = await admin.agent.get(`/admin/users/${id}/deactivate`).expect(200);
      expect(confirm.text).toContain('Deactivate Kit Rowan?');
      const version = VERSION_INPUT.exec(confirm.text)![1];
      const done = await admin.post(
        `/admin/users/${id}/deactivate`,
        { version },
        `/admin/users/${id}/deactivate`,
      );
      expect(done.status).toBe(303);
      const after = await admin.agent.get(`/admin/users/${id}`).expect(200);
      expect(after.text).toContain('Kit Rowan is deactivated and signed out');

      const next = await kit.agent.get('/');
      expect(next.status).toBe(303);
      expect(next.headers.location).toBe('/sign-in');
      const again = await webClient(t).post('/sign-in', {
        email: 'kit.rowan@example.gov.uk',
        password: 'a-long-password-1',
      });
      expect(again.status).not.toBe(303);
    });

    it('will not deactivate the last active admin', async () => {
      // Other admins exist (the test app's own): refusing is the service's rule; the page shows it.
      const page = await admin.agent.get(`/admin/users/${team.admin.id}/deactivate`).expect(200);
      expect(page.text).toContain('You will be signed out at once');
    });
  });

  describe('/locality', () => {
    /** A case in the team's locality whose CAF suggested tier 2 and whose LP proposed `tier`. */
    async function caseWithProposedTier(
      tier: number,
    ): Promise<{ caseId: string; childName: string }> {
      const token = team.practitioner.token;
      const familyName = `Lowe${Math.random().toString(36).slice(2, 7)}`;
      const child = await t
        .http()
        .post('/api/v1/children')
        .auth(token, { type: 'bearer' })
        .send({
          givenName: 'Nia',
          familyName,
          dateOfBirth: '2015-03-02',
          gender: 'female',
          localityId: team.localityId,
        })
        .expect(201);
      const created = await t
        .http()
        .post('/api/v1/cases')
        .auth(token, { type: 'bearer' })
        .send({ childId: child.body.id })
        .expect(201);
      const caseId = created.body.id as string;
      const current = await t
        .http()
        .get(`/api/v1/cases/${caseId}`)
        .auth(token, { type: 'bearer' })
        .expect(200);
      await t
        .http()
        .put(`/api/v1/cases/${caseId}/assessment`)
        .auth(token, { type: 'bearer' })
        .send({
          elements: [{ code: 'general_health', level: 1 }],
          version: current.body.assessment?.version ?? current.body.version,
        })
        .expect((r) => expect([200, 201]).toContain(r.status));
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/consent`)
        .auth(token, { type: 'bearer' })
        .send({
          givenBy: 'Ada Lowe',
          relationship: 'parent',
          givenAt: '2026-11-02',
          scope: ['assessment'],
        })
        .expect(201);
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/assessment/complete`)
        .auth(token, { type: 'bearer' })
        .send({})
        .expect((r) => expect([200, 201]).toContain(r.status));
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/tier`)
        .auth(token, { type: 'bearer' })
        .send({ tier, reason: 'Three agencies are already involved' })
        .expect((r) => expect([200, 201]).toContain(r.status));
      return { caseId, childName: `Nia ${familyName}` };
    }

    it('is the locality manager’s only', async () => {
      for (const user of [
        team.practitioner,
        team.socialCare,
        team.performanceManager,
        team.admin,
      ]) {
        const client = await signedIn(t, user.email, TEST_PASSWORD);
        for (const path of ['/locality', '/locality/cases?state=active&tier=3']) {
          const page = await client.agent.get(path);
          expect({ path, role: user.role, status: page.status }).toEqual({
            path,
            role: user.role,
            status: 403,
          });
        }
      }
    });

    it('counts cases by state and tier, lists tier decisions awaiting confirmation linking to the confirmation page, and each count opens its list', async () => {
      const { caseId, childName } = await caseWithProposedTier(3);
      const manager = await signedIn(t, team.localityManager.email, TEST_PASSWORD);
      const page = await manager.agent.get('/locality').expect(200);
      expect(page.text).toContain('<h1 class="govuk-heading-l">Your localities</h1>');
      expect(page.text).toContain('Cases by state and tier');
      expect(page.text).toMatch(
        new RegExp(`data-case="${caseId}"[\\s\\S]*?href="/cases/${caseId}/tier"`),
      );
      expect(page.text).toContain(childName);
      expect(page.text).toContain('href="/locality/cases?state=assessment&amp;tier=none"');

      const list = await manager.agent
        .get('/locality/cases?state=assessment&tier=none')
        .expect(200);
      expect(list.text).toContain('Assessment cases, no tier yet');
      expect(list.text).toContain(`data-case="${caseId}"`);
      await manager.agent.get('/locality/cases?state=nonsense&tier=2').expect(404);

      const review = await manager.agent.get(`/cases/${caseId}/tier`).expect(200);
      const confirmed = await manager.agent
        .post(`/cases/${caseId}/tier/review`)
        .type('form')
        .send({
          _csrf: CSRF_INPUT.exec(review.text)![1],
          _idempotencyKey: idempotencyKey(review.text),
          confirm: 'yes',
        });
      expect(confirmed.status).toBe(303);
      const after = await manager.agent.get('/locality').expect(200);
      expect(after.text).not.toContain(`href="/cases/${caseId}/tier"`);
      // Tier 3 and no lead professional: listed, with the working days since.
      expect(after.text).toMatch(new RegExp(`id="without-lead"[\\s\\S]*data-case="${caseId}"`));
    });

    it('shows the manager from another locality none of these cases', async () => {
      const other = await team.add('locality_manager', { localityIds: [team.otherLocalityId] });
      const client = await signedIn(t, other.email, TEST_PASSWORD);
      const page = await client.agent.get('/locality').expect(200);
      expect(page.text).toContain('No tier decisions are waiting for you.');
      expect(page.text).not.toContain('href="/locality/cases?state=assessment&amp;tier=none"');
    });
  });

  describe('/admin/closures', () => {
    /** An open initial assessment in the team's locality, referred on `referredAt`. */
    async function openInitialAssessment(
      referredAt: string,
    ): Promise<{ id: string; dueDate: string }> {
      const as = (path: string, body: object) =>
        t.http().post(path).auth(team.socialCare.token, { type: 'bearer' }).send(body);
      const child = await as('/api/v1/children', {
        givenName: 'Ola',
        familyName: `Reed${Math.random().toString(36).slice(2, 7)}`,
        dateOfBirth: '2014-06-01',
        gender: 'male',
        localityId: team.localityId,
      }).expect(201);
      const referral = await as('/api/v1/referrals', {
        childId: child.body.id,
        referredAt,
        source: 'police',
        reason: 'Concern raised by the police',
        safeguarding: true,
        safeguardingReason: 'Risk of significant harm',
      });
      expect(referral.status).toBe(201);
      await as(`/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: referredAt,
      }).expect((r) => expect([200, 201]).toContain(r.status));
      const ia = await as(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: team.socialCare.id,
      }).expect(201);
      return { id: ia.body.id, dueDate: ia.body.dueDate };
    }

    const formatted = (iso: string) =>
      new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });

    it('is the admin’s only', async () => {
      const client = await signedIn(t, team.localityManager.email, TEST_PASSWORD);
      expect((await client.agent.get('/admin/closures')).status).toBe(403);
      expect((await client.post('/admin/closures', { reason: 'x' }, '/')).status).toBe(403);
    });

    it('refuses a missing date and reason beside the fields', async () => {
      const refused = await admin.post('/admin/closures', {
        'date-day': '',
        'date-month': '',
        'date-year': '',
        localityId: '',
        reason: '',
      });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('There is a problem');
      expect(refused.text).toContain('href="#date-day">Enter date');
      expect(refused.text).toContain('href="#reason">Enter why the offices are closed');
    });

    it('shows which open assessments’ due dates a new closure day moves, saves nothing until confirmed, then moves them', async () => {
      const ia = await openInitialAssessment('2026-11-23');
      const fields = {
        'date-day': '25',
        'date-month': '11',
        'date-year': '2026',
        localityId: team.localityId,
        reason: 'Office move',
      };
      const check = await admin.post('/admin/closures', fields);
      expect(check.status).toBe(200);
      expect(check.text).toContain('<h1 class="govuk-heading-l">Check the closure day</h1>');
      expect(check.text).toContain(`data-moved="${ia.dueDate}"`);
      expect(pageText(check.text)).toContain(`Initial assessment`);
      expect(pageText(check.text)).toContain(formatted(ia.dueDate));
      const unchanged = await t
        .http()
        .get('/api/v1/calendar/closures')
        .auth(await t.adminToken(), { type: 'bearer' })
        .expect(200);
      expect(unchanged.body.items.map((c: { date: string }) => c.date)).not.toContain('2026-11-25');

      const key = idempotencyKey(check.text);
      const saved = await admin.post(
        '/admin/closures/confirm',
        { ...fields, _idempotencyKey: key },
        '/admin/closures',
      );
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/admin/closures');
      const again = await admin.post(
        '/admin/closures/confirm',
        { ...fields, _idempotencyKey: key },
        '/admin/closures',
      );
      expect(again.status).toBe(303);
      const page = await admin.agent.get('/admin/closures').expect(200);
      expect(page.text).toContain('Closure day added');
      expect(page.text).toContain('data-closure="2026-11-25"');
      const moved = await t.sql.query(
        'SELECT due_date::text AS d FROM initial_assessments WHERE id = $1',
        [ia.id],
      );
      expect(moved.rows[0].d > ia.dueDate).toBe(true);

      const duplicate = await admin.post('/admin/closures', fields);
      expect(duplicate.status).toBe(422);
      expect(duplicate.text).toContain('This closure day is already recorded');
    });
  });

  describe('/admin/agencies', () => {
    it('is the admin’s only', async () => {
      const client = await signedIn(t, team.practitioner.email, TEST_PASSWORD);
      expect((await client.agent.get('/admin/agencies')).status).toBe(403);
    });

    it('lists agencies and adds one, refusing a missing name and kind', async () => {
      const refused = await admin.post('/admin/agencies', { name: '', type: '' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('href="#name">Enter the agency’s name');
      expect(refused.text).toContain('href="#type">Select what kind of agency it is');
      const form = await admin.agent.get('/admin/agencies').expect(200);
      const key = idempotencyKey(form.text);
      const fields = { name: 'Brook Lane Surgery', type: 'health', _idempotencyKey: key };
      expect((await admin.post('/admin/agencies', fields)).status).toBe(303);
      expect((await admin.post('/admin/agencies', fields)).status).toBe(303);
      const page = await admin.agent.get('/admin/agencies').expect(200);
      expect(page.text).toContain('Brook Lane Surgery added');
      expect(page.text.split('<td class="govuk-table__cell">Brook Lane Surgery</td>').length).toBe(
        2,
      );
    });
  });

  describe('/admin/plan', () => {
    it('is the admin’s only', async () => {
      const client = await signedIn(t, team.performanceManager.email, TEST_PASSWORD);
      expect((await client.agent.get('/admin/plan')).status).toBe(403);
      expect((await client.agent.get('/admin/plan/snapshot')).status).toBe(403);
    });

    it('shows targets by year, and takes then recomputes a snapshot after a confirmation, keeping the old one', async () => {
      const page = await admin.agent.get('/admin/plan').expect(200);
      expect(page.text).toContain('<h1 class="govuk-heading-l">Plan</h1>');
      expect(page.text).toContain('Targets by financial year');
      expect(page.text).toContain('data-indicator="');
      const period = /<option value="([^"]+)" selected/.exec(page.text)![1];
      expect(page.text).toContain(`${period} has no snapshot.`);
      await admin.agent.get('/admin/plan/snapshot?period=nonsense').expect(404);

      const first = await admin.agent.get(`/admin/plan/snapshot?period=${period}`).expect(200);
      expect(first.text).toContain(`Take a snapshot of ${period}?`);
      const taken = await admin.post(
        '/admin/plan/snapshot',
        { period, recompute: 'no' },
        `/admin/plan/snapshot?period=${period}`,
      );
      expect(taken.status).toBe(303);
      const after = await admin.agent.get(`/admin/plan?period=${period}`).expect(200);
      expect(after.text).toContain(`Snapshot taken of ${period}`);
      expect(after.text.split('data-snapshot=').length).toBe(2);

      const confirm = await admin.agent.get(`/admin/plan/snapshot?period=${period}`).expect(200);
      expect(confirm.text).toContain(`Recompute ${period}?`);
      const recomputed = await admin.post(
        '/admin/plan/snapshot',
        { period, recompute: 'yes' },
        `/admin/plan/snapshot?period=${period}`,
      );
      expect(recomputed.status).toBe(303);
      const both = await admin.agent.get(`/admin/plan?period=${period}`).expect(200);
      expect(both.text).toContain(`Recomputed ${period}`);
      expect(both.text.split('data-snapshot=').length).toBe(3);
      expect(pageText(both.text)).toContain('Published');
      expect(pageText(both.text)).toContain('Replaced');
    });
  });
});
