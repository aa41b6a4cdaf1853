import { createTeam, Team } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import {
  signedIn,
  WebClient,
  pageText,
  IDEMPOTENCY_INPUT,
  idempotencyKey,
} from './support/web-session';

/** The form's fields for a child, as a practitioner types them. */
function childFields(team: Team, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    givenName: 'Amelia',
    familyName: 'Hartley',
    'dateOfBirth-day': '14',
    'dateOfBirth-month': '5',
    'dateOfBirth-year': '2015',
    gender: 'female',
    localityId: team.localityId,
    postcode: 'ls1 4ap',
    ethnicity: '',
    disability: 'no',
    nhsNumber: '943 476 5919',
    upn: '',
    ...overrides,
  };
}

async function register(client: WebClient, fields: Record<string, string>): Promise<string> {
  const response = await client.post('/children/new', fields);
  expect(response.status).toBe(303);
  const match = /^\/children\/([0-9a-f-]{36})$/.exec(response.headers.location);
  if (!match) throw new Error(`Registered to ${response.headers.location}`);
  return match[1];
}

describe('the children’s pages: find, register, the child’s page and the chronology', () => {
  let t: TestApp;
  let team: Team;
  let practitioner: WebClient;

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t);
    practitioner = await signedIn(t, team.practitioner.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows "Find a child" with name, date of birth and NHS number fields', async () => {
    const page = await practitioner.agent.get('/children/search').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Find a child</h1>');
    expect(page.text).toContain('<title>Find a child – Continuum</title>');
    for (const id of [
      'name',
      'dateOfBirth-day',
      'dateOfBirth-month',
      'dateOfBirth-year',
      'nhsNumber',
    ]) {
      expect(page.text).toContain(`id="${id}"`);
    }
    expect(page.text).toMatch(/<form method="post" action="\/children\/search"/);
  });

  it('asks for a search term, and refuses more than one, with the error summary and the message beside the field', async () => {
    const empty = await practitioner.post('/children/search', {}, '/children/search');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<title>Error: Find a child – Continuum</title>');
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('href="#name">Enter a name, a date of birth or an NHS number');
    expect(empty.text).toMatch(
      /id="name-error"[\s\S]*Enter a name, a date of birth or an NHS number/,
    );

    const two = await practitioner.post('/children/search', {
      name: 'Hartley',
      nhsNumber: '9434765919',
    });
    expect(two.status).toBe(400);
    expect(two.text).toContain('Search by one of name, date of birth or NHS number');
    expect(two.text).toContain('value="Hartley"');

    const badDate = await practitioner.post('/children/search', {
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2015',
    });
    expect(badDate.text).toContain('href="#dateOfBirth-day">Date of birth must be a real date');
    expect(badDate.text).toContain('govuk-input--error" id="dateOfBirth-day"');
  });

  it('finds nobody before the child is registered, on the POST’s own answer (nothing in the URL)', async () => {
    const response = await practitioner.post('/children/search', { name: 'Hartley' });
    expect(response.status).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('No children match your search.');
  });

  it('shows "Register a child" with every field labelled, the user’s localities and "Register child"', async () => {
    const page = await practitioner.agent.get('/children/new').expect(200);
    const seen = pageText(page.text);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Register a child</h1>');
    for (const label of [
      'First name',
      'Last name',
      'Date of birth',
      'Gender',
      'Locality',
      'Postcode (optional)',
      'Ethnicity (optional)',
      'Does the child have a disability? (optional)',
      'NHS number (optional)',
      'Unique pupil number (UPN) (optional)',
      'Register child',
    ]) {
      expect(seen).toContain(label);
    }
    expect(page.text).toContain(`value="${team.localityId}" selected`);
    expect(page.text).not.toContain(team.otherLocalityId);
    expect(page.text).toMatch(IDEMPOTENCY_INPUT);
  });

  it('keeps the answers and puts each rule’s message beside its field when the form is wrong', async () => {
    const response = await practitioner.post(
      '/children/new',
      childFields(team, {
        givenName: '',
        'dateOfBirth-day': '1',
        'dateOfBirth-month': '1',
        'dateOfBirth-year': '2999',
        gender: '',
        nhsNumber: '1234567890',
        postcode: 'not a postcode!',
      }),
    );
    expect(response.status).toBe(400);
    const summary = [...response.text.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(summary).toEqual([
      ['#givenName', 'Enter the child’s first name'],
      ['#dateOfBirth-day', 'Date of birth must be today or in the past'],
      ['#gender', 'Select the child’s gender'],
      ['#postcode', 'Enter a real postcode, like LS1 4AP'],
      ['#nhsNumber', 'Enter a real NHS number: 10 digits, like 943 476 5919'],
    ]);
    expect(response.text).toContain('value="Hartley"');
    expect(response.text).toContain('value="2999"');
    expect(response.text).toContain('value="1234567890"');
    const children = await t.sql.query('SELECT 1 FROM children WHERE created_by = $1', [
      team.practitioner.id,
    ]);
    expect(children.rowCount).toBe(0);
  });

  let ameliaId: string;

  it('registers a child once however often the form is sent, then shows the child’s page (post/redirect/get)', async () => {
    const form = await practitioner.agent.get('/children/new');
    const key = idempotencyKey(form.text);
    const fields = { ...childFields(team), _idempotencyKey: key };
    const first = await practitioner.post('/children/new', fields);
    const again = await practitioner.post('/children/new', fields);
    expect(first.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    ameliaId = /([0-9a-f-]{36})$/.exec(first.headers.location)![1];
    const rows = await t.sql.query(
      `SELECT postcode, nhs_number FROM children WHERE created_by = $1`,
      [team.practitioner.id],
    );
    expect(rows.rows).toEqual([{ postcode: 'LS1 4AP', nhs_number: '9434765919' }]);

    const page = await practitioner.agent.get(first.headers.location).expect(200);
    expect(page.text).toContain('Child registered');
    expect(page.text).toContain('<h1 class="govuk-heading-l">Amelia Hartley</h1>');
    expect(page.text).not.toContain('possible-duplicates');
    const seen = pageText(page.text);
    expect(seen).toContain('Date of birth 14 May 2015');
    expect(seen).toContain('NHS number 9434765919');
    expect(seen).toContain('Postcode LS1 4AP');
    expect(page.text).toContain('Start a CAF');
  });

  it('records ethnicity and disabilities as the DfE codes chosen by name, and shows them by name', async () => {
    const id = await register(
      practitioner,
      childFields(team, {
        givenName: 'Coded',
        nhsNumber: '',
        ethnicity: 'WBRI',
        disability: 'yes',
        disabilities: 'HEAR',
      }),
    );
    const rows = await t.sql.query(
      `SELECT ethnicity, disabilities, disability FROM children WHERE id = $1`,
      [id],
    );
    expect(rows.rows).toEqual([{ ethnicity: 'WBRI', disabilities: ['HEAR'], disability: true }]);
    const seen = pageText((await practitioner.agent.get(`/children/${id}`).expect(200)).text);
    expect(seen).toContain('Ethnicity White British');
    expect(seen).toContain('Disability Yes: Hearing');
  });

  it('finds the registered child by name, by date of birth and by NHS number, each linking to the child’s page', async () => {
    for (const fields of <Record<string, string>[]>[
      { name: 'hartley' },
      { 'dateOfBirth-day': '14', 'dateOfBirth-month': '05', 'dateOfBirth-year': '2015' },
      { nhsNumber: '9434765919' },
    ]) {
      const response = await practitioner.post('/children/search', fields);
      expect(response.status).toBe(200);
      expect(response.text).toContain(
        `<a class="govuk-link" href="/children/${ameliaId}">Amelia Hartley</a>`,
      );
    }
  });

  it('warns of a possible duplicate on a second registration with the same name, date of birth and locality, naming the match with a link', async () => {
    const secondId = await register(
      practitioner,
      childFields(team, { nhsNumber: '', postcode: '' }),
    );
    const page = await practitioner.agent.get(`/children/${secondId}`).expect(200);
    expect(page.text).toContain('data-testid="possible-duplicates"');
    expect(page.text).toContain(
      `href="/children/${ameliaId}" data-duplicate="${ameliaId}">Amelia Hartley, born 14 May 2015`,
    );
    // Shown once: a reload of the page is the plain child's page.
    const reload = await practitioner.agent.get(`/children/${secondId}`).expect(200);
    expect(reload.text).not.toContain('possible-duplicates');
  });

  it('registers a brother or sister from the child’s page into the same household, and each page lists the other', async () => {
    const form = await practitioner.agent.get(`/children/new?siblingOf=${ameliaId}`).expect(200);
    expect(pageText(form.text)).toContain(
      'You are registering a brother or sister of Amelia Hartley',
    );
    expect(form.text).toContain(`name="siblingOfChildId" value="${ameliaId}"`);
    expect(form.text).toMatch(/id="familyName" name="familyName" type="text"[^>]*value="Hartley"/);
    const brotherId = await register(
      practitioner,
      childFields(team, {
        givenName: 'Oscar',
        'dateOfBirth-year': '2018',
        gender: 'male',
        nhsNumber: '',
        siblingOfChildId: ameliaId,
      }),
    );
    const households = await t.sql.query(
      'SELECT DISTINCT household_id FROM children WHERE id = ANY($1)',
      [[ameliaId, brotherId]],
    );
    expect(households.rowCount).toBe(1);
    const amelia = await practitioner.agent.get(`/children/${ameliaId}`).expect(200);
    expect(amelia.text).toContain(
      `<a class="govuk-link" href="/children/${brotherId}">Oscar Hartley</a>`,
    );
    const oscar = await practitioner.agent.get(`/children/${brotherId}`).expect(200);
    expect(oscar.text).toContain(
      `<a class="govuk-link" href="/children/${ameliaId}">Amelia Hartley</a>`,
    );
  });

  it('writes the same audit rows for the child’s page as the API’s reads of the child, household and chronology', async () => {
    const before = await t.sql.query<{ n: string }>('SELECT max(id) AS n FROM audit_log');
    await practitioner.agent.get(`/children/${ameliaId}`).expect(200);
    const rows = await t.sql.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE id > $1 AND child_id = $2 AND actor_user_id = $3 ORDER BY id`,
      [before.rows[0].n, ameliaId, team.practitioner.id],
    );
    expect(rows.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['child.read', 'child.household_read', 'child.chronology_read']),
    );
  });

  it('gives a practitioner who is not linked to the child the "Page not found" page, as for an unknown id', async () => {
    const other = await team.add('practitioner');
    const stranger = await signedIn(t, other.email, TEST_PASSWORD);
    for (const path of [
      `/children/${ameliaId}`,
      `/children/${ameliaId}/chronology`,
      `/children/new?siblingOf=${ameliaId}`,
      '/children/00000000-0000-4000-8000-000000000000',
      '/children/not-an-id',
    ]) {
      const response = await stranger.agent.get(path);
      expect(response.status).toBe(404);
      expect(response.text).toContain('Page not found');
      expect(response.text).not.toContain('Hartley');
    }
    const search = await stranger.post('/children/search', { name: 'Hartley' });
    expect(search.text).toContain('No children match your search.');
  });

  let caseId: string;

  it('starts a CAF from the child’s page, once for a double click, and goes to the case', async () => {
    const page = await practitioner.agent.get(`/children/${ameliaId}`);
    const key = idempotencyKey(page.text);
    const first = await practitioner.post(
      `/children/${ameliaId}/cases`,
      { _idempotencyKey: key },
      `/children/${ameliaId}`,
    );
    const again = await practitioner.post(
      `/children/${ameliaId}/cases`,
      { _idempotencyKey: key },
      `/children/${ameliaId}`,
    );
    expect(first.status).toBe(303);
    expect(again.headers.location).toBe(first.headers.location);
    caseId = /^\/cases\/([0-9a-f-]{36})$/.exec(first.headers.location)![1];
    const cases = await t.sql.query('SELECT id FROM cases WHERE child_id = $1', [ameliaId]);
    expect(cases.rows).toEqual([{ id: caseId }]);
    const after = await practitioner.agent.get(`/children/${ameliaId}`).expect(200);
    expect(after.text).not.toContain('Start a CAF');
    expect(after.text).toContain(`href="/cases/${caseId}"`);
  });

  it('shows the chronology as a timeline, newest or oldest first, significant entries only, a page at a time', async () => {
    for (let i = 1; i <= 21; i++) {
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/notes`)
        .auth(team.practitioner.token, { type: 'bearer' })
        .send({
          kind: i === 1 ? 'significant_event' : 'home_visit',
          occurredAt: `2026-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
          text: `Visit number ${i}`,
        })
        .expect(201);
    }
    const first = await practitioner.agent.get(`/children/${ameliaId}/chronology`).expect(200);
    expect(first.text).toContain('<h1 class="govuk-heading-l">Chronology</h1>');
    expect(first.text).toContain('class="moj-timeline"');
    const entries = (html: string) =>
      [...html.matchAll(/class="moj-timeline__item" data-kind="([a-z_]+)"/g)].map((m) => m[1]);
    expect(entries(first.text)).toHaveLength(20);
    const next = /href="([^"]+)" rel="next"/.exec(first.text)![1].replace(/&amp;/g, '&');
    const second = await practitioner.agent.get(next).expect(200);
    expect(entries(second.text).length).toBeGreaterThan(0);
    const previous = /href="([^"]+)" rel="prev"/.exec(second.text)![1].replace(/&amp;/g, '&');
    const back = await practitioner.agent.get(previous).expect(200);
    expect(entries(back.text)).toEqual(entries(first.text));

    const significant = await practitioner.agent
      .get(`/children/${ameliaId}/chronology?significantOnly=true`)
      .expect(200);
    expect(entries(significant.text)).toEqual(['significant_event']);
    expect(significant.text).toMatch(/value="true" checked/);

    const oldest = await practitioner.agent
      .get(`/children/${ameliaId}/chronology?order=asc`)
      .expect(200);
    expect(entries(oldest.text)[0]).not.toBe(entries(first.text)[0]);
  });

  it('needs a signed-in session for every children’s page', async () => {
    const response = await t.http().get('/children/search');
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/sign-in');
  });
});
