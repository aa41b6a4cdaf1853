import { Clock } from '../src/common/clock/clock';
import { createAgency, createLocality, createUser, TestUser } from './support/fixtures';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
} from './support/test-app';
import { signedIn, WebClient } from './support/web-session';
import { xmllintErrors } from './support/xmllint';

/** The performance manager's "Children in Need census" page, on data entered through the API. */
describe('the Children in Need census page', () => {
  let t: TestApp;
  let social: TestUser;
  let performance: TestUser;
  let page: WebClient;

  const post = (user: TestUser, url: string, body: object) =>
    t.http().post(url).auth(user.token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2025-06-02T10:00:00Z'));
    const east = (await createLocality(t, 'Census Page East')).id;
    const care = (await createAgency(t, 'social_care')).id;
    social = await createUser(t, 'social_care', { agencyId: care, localityIds: [east] });
    performance = await createUser(t, 'performance_manager', { localityIds: [] });
    // In the year ending 31 March 2025: a child whose ethnicity was not obtained (a warning),
    // and a referral decided no further action at once (a closed episode with no primary need).
    for (const ethnicity of ['NOBT', 'WBRI']) {
      const child = await post(social, '/api/v1/children', {
        givenName: 'Census',
        familyName: `Page ${ethnicity}`,
        dateOfBirth: '2016-02-01',
        gender: 'female',
        localityId: east,
        ethnicity,
      }).expect(201);
      const referral = await post(social, '/api/v1/referrals', {
        childId: child.body.id,
        referredAt: '2024-05-01',
        source: 'police',
        reason: 'Concern raised',
      }).expect(201);
      await post(social, `/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'no_further_action',
        decidedAt: '2024-05-02',
      }).expect(200);
    }
    page = await signedIn(t, performance.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  const apiFindings = async () =>
    (
      await t
        .http()
        .get('/api/v1/returns/cin-census/errors?collectionYear=2025')
        .auth(performance.token, { type: 'bearer' })
        .expect(200)
    ).body as { items: { rule: string; severity: string }[]; errors: number; warnings: number };

  it('opens on the last collection year that has ended, listing what the API’s errors list holds', async () => {
    const shown = await page.agent.get('/returns/cin-census').expect(200);
    expect(shown.text).toContain('<h1 class="govuk-heading-l">Children in Need census</h1>');
    expect(shown.text).toMatch(/<option value="2025" selected>/);
    const api = await apiFindings();
    expect(api.items.length).toBeGreaterThan(0);
    expect(api.warnings).toBeGreaterThan(0);
    const rows = shown.text.match(/<li data-finding=/g) ?? [];
    expect(rows).toHaveLength(api.items.length);
    for (const item of api.items) expect(shown.text).toContain(item.rule);
    const counts = /id="census-counts">([\s\S]*?)<\/p>/.exec(shown.text)![1].replace(/\s+/g, ' ');
    expect(counts).toContain(`${api.errors} error`);
    expect(counts).toContain(`${api.warnings} warning`);
    expect(shown.text).toContain('href="/returns/cin-census/return?collectionYear=2025"');
    // No child's name on the page: the records are referred to by their ids.
    expect(shown.text).not.toContain('Page NOBT');
  });

  it('downloads the same return as the API, valid against the census schema, and audits each child', async () => {
    const text = (response: { text?: string; body: unknown }) =>
      typeof response.body === 'string' ? response.body : String(response.text);
    const xml = await page.agent
      .get('/returns/cin-census/return?collectionYear=2025')
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done(null, body));
      })
      .expect(200);
    expect(xml.headers['content-disposition']).toBe('attachment; filename="cin-census-2025.xml"');
    expect(xmllintErrors(text(xml))).toBe('');
    expect(text(xml).match(/<Child>/g)).toHaveLength(2);
    const audited = await t.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'cin_census.read' AND actor_user_id = $1`,
      [performance.id],
    );
    expect(Number(audited.rows[0].n)).toBe(2);

    const csv = await page.agent.get('/returns/cin-census/errors?collectionYear=2025').expect(200);
    const apiCsv = await t
      .http()
      .get('/api/v1/returns/cin-census/errors?collectionYear=2025&format=csv')
      .auth(performance.token, { type: 'bearer' })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe(apiCsv.text);
  });

  it('shows a year with more findings than a page a page at a time, the counts of them all', async () => {
    // In the year ending 31 March 2024: 60 children whose ethnicity was not obtained.
    const east = (await createLocality(t, 'Census Pages East')).id;
    const worker = await createUser(t, 'social_care', {
      agencyId: (await createAgency(t, 'social_care')).id,
      localityIds: [east],
    });
    for (let n = 0; n < 60; n += 1) {
      const child = await post(worker, '/api/v1/children', {
        givenName: 'Paged',
        familyName: `Census ${n}`,
        dateOfBirth: '2015-02-01',
        gender: 'male',
        localityId: east,
        ethnicity: 'NOBT',
      }).expect(201);
      const referral = await post(worker, '/api/v1/referrals', {
        childId: child.body.id,
        referredAt: '2023-05-01',
        source: 'police',
        reason: 'Concern raised',
      }).expect(201);
      await post(worker, `/api/v1/referrals/${referral.body.id}/decision`, {
        outcome: 'no_further_action',
        decidedAt: '2023-05-02',
      }).expect(200);
    }
    const api = (
      await t
        .http()
        .get('/api/v1/returns/cin-census/errors?collectionYear=2024')
        .auth(performance.token, { type: 'bearer' })
        .expect(200)
    ).body as { items: { rule: string; childId: string }[]; errors: number; warnings: number };
    expect(api.items.length).toBeGreaterThan(50);
    const rowsOf = (html: string) => html.match(/<li data-finding=/g)?.length ?? 0;
    const first = await page.agent.get('/returns/cin-census?collectionYear=2024').expect(200);
    expect(rowsOf(first.text)).toBe(50);
    const counts = /id="census-counts">([\s\S]*?)<\/p>/.exec(first.text)![1].replace(/\s+/g, ' ');
    expect(counts).toContain(`${api.errors} error`);
    expect(counts).toContain(`${api.warnings} warning`);
    const second = await page.agent
      .get('/returns/cin-census?collectionYear=2024&page=2')
      .expect(200);
    expect(rowsOf(second.text)).toBe(api.items.length - 50);
    // A page past the last shows the last.
    const past = await page.agent
      .get('/returns/cin-census?collectionYear=2024&page=99')
      .expect(200);
    expect(rowsOf(past.text)).toBe(api.items.length - 50);
  });

  it('says when a year has no return to make, and refuses a year that is not one', async () => {
    const empty = await page.agent.get('/returns/cin-census?collectionYear=2019').expect(200);
    expect(empty.text).toContain('no return to make');
    expect(empty.text).not.toContain('Download the return');
    const bad = await page.agent.get('/returns/cin-census?collectionYear=20x5').expect(400);
    expect(bad.text).toContain('collectionYear must be a four-digit year');
  });

  it('is for performance managers and admins only', async () => {
    const worker = await signedIn(t, social.email, TEST_PASSWORD);
    await worker.agent.get('/returns/cin-census').expect(403);
    await worker.agent.get('/returns/cin-census/return?collectionYear=2025').expect(403);
    const admin = await signedIn(t, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.agent.get('/returns/cin-census').expect(200);
  });
});
