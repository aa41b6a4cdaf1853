import { createTeam, TestUser, Team } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, WebClient, hiddenFields } from './support/web-session';

const ALL_ELEMENTS = 19;
const LEVELS = [
  '0 – Strength or no additional need',
  '1 – Additional need',
  '2 – Complex need',
  '3 – Acute need or safeguarding concern',
];

/** Opens the form page, then submits it with `answers` (repeated names as arrays). */
async function submit(
  client: WebClient,
  path: string,
  answers: Record<string, string | string[]>,
  overrides: Record<string, string> = {},
) {
  const page = await client.agent.get(path).expect(200);
  return client.agent
    .post(path)
    .type('form')
    .send({ ...hiddenFields(page.text), ...answers, ...overrides });
}

describe('the case pages of the CAF journey', () => {
  let t: TestApp;
  let team: Team;
  let practitioner: WebClient;
  let manager: WebClient;

  async function newCase(
    owner: TestUser = team.practitioner,
  ): Promise<{ caseId: string; childId: string }> {
    const child = await t
      .http()
      .post('/api/v1/children')
      .auth(owner.token, { type: 'bearer' })
      .send({
        givenName: 'Ava',
        familyName: `Okafor${Math.random().toString(36).slice(2, 7)}`,
        dateOfBirth: '2016-05-04',
        gender: 'female',
        localityId: team.localityId,
      })
      .expect(201);
    const created = await t
      .http()
      .post('/api/v1/cases')
      .auth(owner.token, { type: 'bearer' })
      .send({ childId: child.body.id })
      .expect(201);
    return { caseId: created.body.id, childId: child.body.id };
  }

  async function consent(caseId: string): Promise<void> {
    await t
      .http()
      .post(`/api/v1/cases/${caseId}/consent`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .send({
        givenBy: 'Grace Okafor',
        relationship: 'parent',
        givenAt: '2026-11-02',
        scope: ['assessment'],
      })
      .expect(201);
  }

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t, { locality: 'Web cases East', otherLocality: 'Web cases West' });
    practitioner = await signedIn(t, team.practitioner.email, TEST_PASSWORD);
    manager = await signedIn(t, team.localityManager.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows "CAF for <child’s name>" with the state, the allowed actions as buttons and each section, and audits the read as the API does', async () => {
    const { caseId, childId } = await newCase();
    const page = await practitioner.agent.get(`/cases/${caseId}`).expect(200);
    expect(page.text).toMatch(/<h1 class="govuk-heading-l">CAF for Ava Okafor\w+<\/h1>/);
    expect(page.text).toMatch(
      /<strong class="govuk-tag govuk-tag--blue">\s*Assessment\s*<\/strong>/,
    );
    for (const section of [
      'Assessment',
      'Team around the child',
      'Meetings',
      'Action plan',
      'Notes',
      'History',
    ]) {
      expect(page.text).toContain(`>${section}</h2>`);
    }
    for (const button of ['Edit the CAF', 'Record consent', 'Complete CAF', 'Add note']) {
      expect(page.text).toMatch(
        new RegExp(
          `<a href="/cases/${caseId}/[^"]+"[^>]*class="govuk-button[^"]*"[^>]*>\\s*${button}\\s*</a>`,
        ),
      );
    }
    // A tier is decided on a completed CAF: no button for it yet.
    expect(page.text).not.toContain('Record tier decision');
    const audit = await t.sql.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.read' AND entity_id = $1 AND child_id = $2 AND actor_user_id = $3`,
      [caseId, childId, team.practitioner.id],
    );
    expect(audit.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('answers the ordinary "Page not found" page to a practitioner not linked to the case, on every case page', async () => {
    const { caseId } = await newCase();
    const stranger = await team.add('practitioner');
    const client = await signedIn(t, stranger.email, TEST_PASSWORD);
    for (const path of [
      '',
      '/assessment',
      '/consent',
      '/complete',
      '/tier',
      '/pre-assessment',
      '/notes/new',
    ]) {
      const page = await client.agent.get(`/cases/${caseId}${path}`);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(page.text).toContain('Page not found');
      expect(page.text).not.toContain('Okafor');
    }
  });

  it('shows the CAF form: 3 domains, 19 fieldsets with the national form’s legends, the four levels as radios, and "Save draft"', async () => {
    const { caseId } = await newCase();
    const page = await practitioner.agent.get(`/cases/${caseId}/assessment`).expect(200);
    for (const domain of [
      'Development of the child',
      'Parents and carers',
      'Family and environmental factors',
    ]) {
      expect(page.text).toContain(`${domain}</h2>`);
    }
    expect(page.text.match(/<fieldset class="govuk-fieldset"/g)).toHaveLength(ALL_ELEMENTS);
    for (const legend of [
      'General health',
      'Physical development',
      'Speech, language and communication',
      'Wider family',
    ]) {
      expect(page.text).toMatch(
        new RegExp(
          `<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\\s*${legend}\\s*</legend>`,
        ),
      );
    }
    for (const level of LEVELS) expect(page.text.split(level).length - 1).toBe(ALL_ELEMENTS);
    expect(page.text).toMatch(/<button[^>]*>\s*Save draft\s*<\/button>/);
  });

  it('keeps every answer of a draft saved over two sittings', async () => {
    const { caseId } = await newCase();
    const first = await submit(practitioner, `/cases/${caseId}/assessment`, {
      general_health: '1',
      'general_health-notes': 'Asthma, managed by the GP',
      strengths: 'Loves football',
    });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/cases/${caseId}`);
    // The second sitting: the browser sends back what the form now shows, plus the new answers.
    const again = await practitioner.agent.get(`/cases/${caseId}/assessment`).expect(200);
    expect(again.text).toMatch(/name="general_health" type="radio" value="1" checked/);
    expect(again.text).toContain('Asthma, managed by the GP');
    const second = await submit(practitioner, `/cases/${caseId}/assessment`, {
      general_health: '1',
      'general_health-notes': 'Asthma, managed by the GP',
      strengths: 'Loves football',
      wider_family: '2',
      basic_care_safety_protection: '2',
    });
    expect(second.status).toBe(303);
    const saved = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(saved.body.assessment.elements).toEqual([
      { code: 'general_health', level: 1, notes: 'Asthma, managed by the GP' },
      { code: 'basic_care_safety_protection', level: 2 },
      { code: 'wider_family', level: 2 },
    ]);
    expect(saved.body.assessment.strengths).toBe('Loves football');
  });

  it('on a stale version says who changed the CAF and when, keeps what the user typed and saves nothing until they choose', async () => {
    const { caseId } = await newCase();
    const page = await practitioner.agent.get(`/cases/${caseId}/assessment`).expect(200);
    const hidden = hiddenFields(page.text);
    // Someone else saves first, through the API.
    const before = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    await t
      .http()
      .put(`/api/v1/cases/${caseId}/assessment`)
      .auth(team.localityManager.token, { type: 'bearer' })
      .send({
        elements: [{ code: 'aspirations', level: 0 }],
        version: before.body.assessment.version,
      })
      .expect(200);
    const stale = await practitioner.agent
      .post(`/cases/${caseId}/assessment`)
      .type('form')
      .send({
        ...hidden,
        general_health: '2',
        'general_health-notes': 'Typed before the other save',
      });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else has changed this record');
    expect(stale.text).toMatch(/User-[\d-]+ changed it on \d+ \w+ \d{4} at/);
    expect(stale.text).toContain('Typed before the other save');
    expect(stale.text).toMatch(/name="general_health" type="radio" value="2" checked/);
    const now = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(now.body.assessment.elements).toEqual([{ code: 'aspirations', level: 0 }]);
    // Saving again from the warning is the user's choice: it carries the current version.
    const choose = await practitioner.agent
      .post(`/cases/${caseId}/assessment`)
      .type('form')
      .send({
        ...hiddenFields(stale.text),
        general_health: '2',
        'general_health-notes': 'Typed before the other save',
      });
    expect(choose.status).toBe(303);
  });

  it('records consent from the form, with each mistake beside its field and the answers kept', async () => {
    const { caseId } = await newCase();
    const wrong = await submit(practitioner, `/cases/${caseId}/consent`, {
      givenBy: 'Grace Okafor',
      'givenAt-day': '31',
      'givenAt-month': '2',
      'givenAt-year': '2026',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('There is a problem');
    expect(wrong.text).toContain('Date consent was given must be a real date');
    expect(wrong.text).toContain('Select their relationship to the child');
    expect(wrong.text).toContain('Select what the consent covers');
    expect(wrong.text).toContain('value="Grace Okafor"');
    const right = await submit(practitioner, `/cases/${caseId}/consent`, {
      givenBy: 'Grace Okafor',
      relationship: 'parent',
      'givenAt-day': '2',
      'givenAt-month': '11',
      'givenAt-year': '2026',
      scope: ['assessment', 'information_sharing'],
    });
    expect(right.status).toBe(303);
    const saved = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(saved.body.consent).toMatchObject({
      givenBy: 'Grace Okafor',
      relationship: 'parent',
      scope: ['assessment', 'information_sharing'],
    });
  });

  it('refuses to complete a CAF without consent with the error summary in a practitioner’s words', async () => {
    const { caseId } = await newCase();
    await submit(practitioner, `/cases/${caseId}/assessment`, { general_health: '1' });
    const check = await practitioner.agent.get(`/cases/${caseId}/complete`).expect(200);
    expect(check.text).toContain('Check your answers before completing the CAF');
    expect(check.text).toMatch(/href="\/cases\/[^"]+\/assessment#general_health"[^>]*>\s*Change/);
    const refused = await submit(practitioner, `/cases/${caseId}/complete`, {});
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain(
      'The CAF cannot be completed without the family’s consent to the assessment',
    );
  });

  it('completes the CAF and shows the suggested tier, the rule that fired in words and the elements it fired on by name', async () => {
    const { caseId } = await newCase();
    await submit(practitioner, `/cases/${caseId}/assessment`, {
      general_health: '2',
      wider_family: '2',
      aspirations: '0',
    });
    await consent(caseId);
    const done = await submit(practitioner, `/cases/${caseId}/complete`, {});
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/cases/${caseId}/complete`);
    const result = await practitioner.agent.get(`/cases/${caseId}/complete`).expect(200);
    expect(result.text).toContain('CAF completed');
    expect(result.text).toContain('Suggested tier: Tier 3 – complex needs');
    expect(result.text).toContain('elements at level 2 in two or more domains');
    expect(result.text).toContain('<li>General health</li>');
    expect(result.text).toContain('<li>Wider family</li>');
    expect(result.text).not.toContain('general_health<');
  });

  it('asks for a reason when the tier differs, then lets a locality manager confirm it', async () => {
    const { caseId } = await newCase();
    await submit(practitioner, `/cases/${caseId}/assessment`, { general_health: '1' });
    await consent(caseId);
    await submit(practitioner, `/cases/${caseId}/complete`, {});
    const form = await practitioner.agent.get(`/cases/${caseId}/tier`).expect(200);
    expect(form.text).toContain('Record tier decision</h1>');
    expect(form.text).toContain('Suggested by the CAF');
    const noReason = await submit(practitioner, `/cases/${caseId}/tier`, { tier: '3' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Enter why the tier differs from the suggested tier');
    const withReason = await submit(practitioner, `/cases/${caseId}/tier`, {
      tier: '3',
      reason: 'Three agencies are already involved',
    });
    expect(withReason.status).toBe(303);
    const review = await manager.agent.get(`/cases/${caseId}/tier`).expect(200);
    expect(review.text).toContain('Confirm tier decision</h1>');
    expect(review.text).toContain('Three agencies are already involved');
    const noNote = await manager.agent
      .post(`/cases/${caseId}/tier/review`)
      .type('form')
      .send({ ...hiddenFields(review.text), confirm: 'no' });
    expect(noNote.status).toBe(400);
    expect(noNote.text).toContain('Enter why you do not confirm the tier');
    const confirmed = await manager.agent
      .post(`/cases/${caseId}/tier/review`)
      .type('form')
      .send({ ...hiddenFields(review.text), confirm: 'yes' });
    expect(confirmed.status).toBe(303);
    const c = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(c.body).toMatchObject({ tier: 3, status: 'active', pendingTierDecision: null });
  });

  it('adds a note once however often the same form is sent, and goes back to the case', async () => {
    const { caseId } = await newCase();
    const page = await practitioner.agent.get(`/cases/${caseId}/notes/new`).expect(200);
    expect(page.text).toContain('Add note</h1>');
    const form = {
      ...hiddenFields(page.text),
      kind: 'home_visit',
      'occurredAt-day': '1',
      'occurredAt-month': '11',
      'occurredAt-year': '2026',
      text: 'Visited at home; mum was there',
    };
    const [a, b] = await Promise.all([
      practitioner.agent.post(`/cases/${caseId}/notes/new`).type('form').send(form),
      practitioner.agent.post(`/cases/${caseId}/notes/new`).type('form').send(form),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(`/cases/${caseId}`);
    const notes = await t
      .http()
      .get(`/api/v1/cases/${caseId}/notes`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(notes.body.items).toHaveLength(1);
    expect(notes.body.items[0]).toMatchObject({ kind: 'home_visit', significant: false });
    const overview = await practitioner.agent.get(`/cases/${caseId}`).expect(200);
    expect(overview.text).toContain('Visited at home; mum was there');
  });

  it('records the pre-assessment checklist with its version, and refuses an unanswered question beside it', async () => {
    const { caseId } = await newCase();
    const missing = await submit(practitioner, `/cases/${caseId}/pre-assessment`, {
      concernDomains: 'parents_and_carers',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Select whether a CAF is needed');
    expect(missing.text).toMatch(/value="parents_and_carers" checked/);
    const saved = await submit(practitioner, `/cases/${caseId}/pre-assessment`, {
      concernDomains: ['parents_and_carers', 'family_and_environment'],
      cafNeeded: 'yes',
      notes: 'Raised by the school nurse',
    });
    expect(saved.status).toBe(303);
    const c = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .auth(team.practitioner.token, { type: 'bearer' })
      .expect(200);
    expect(c.body.preAssessment).toMatchObject({
      concernDomains: ['parents_and_carers', 'family_and_environment'],
      cafNeeded: true,
      version: 1,
    });
  });
});
