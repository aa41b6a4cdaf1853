import { join } from 'node:path';
import { createLocality, createTeam, Team } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import {
  signedIn,
  WebClient,
  webClient,
  pageText,
  IDEMPOTENCY_INPUT,
  idempotencyKey,
  VERSION_INPUT,
} from './support/web-session';

describe('the localities admin pages', () => {
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

  const api = async (path: string) =>
    (
      await t
        .http()
        .get(`/api/v1${path}`)
        .auth(await t.adminToken(), { type: 'bearer' })
        .expect(200)
    ).body;

  /** The form's hidden fields as the page shows them now. */
  async function formOf(
    path: string,
    index = 0,
  ): Promise<{ key: string; version: string | undefined }> {
    const page = await admin.agent.get(path).expect(200);
    const keys = [...page.text.matchAll(new RegExp(IDEMPOTENCY_INPUT, 'g'))].map((m) => m[1]);
    return { key: keys[index], version: VERSION_INPUT.exec(page.text)?.[1] };
  }

  const population = (year: string, bands: [string, string, string, string]) => ({
    year,
    'band-0-4': bands[0],
    'band-5-9': bands[1],
    'band-10-15': bands[2],
    'band-16-17': bands[3],
  });

  it('is the admin’s only: other roles get the forbidden page, a visitor goes to sign-in', async () => {
    const locality = `/admin/localities/${team.localityId}`;
    for (const user of [
      team.practitioner,
      team.localityManager,
      team.socialCare,
      team.performanceManager,
    ]) {
      const client = await signedIn(t, user.email, TEST_PASSWORD);
      for (const path of ['/admin/localities', locality]) {
        const page = await client.agent.get(path);
        expect({ path, role: user.role, status: page.status }).toEqual({
          path,
          role: user.role,
          status: 403,
        });
      }
      const post = await client.post(
        `${locality}/population`,
        population('2024', ['1', '2', '3', '4']),
        '/',
      );
      expect(post.status).toBe(403);
      const area = await client.post(`${locality}/areas`, { areaName: 'X' }, '/');
      expect(area.status).toBe(403);
    }
    const visitor = await webClient(t).agent.get('/admin/localities');
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe('/sign-in');
    const located = await api(`/localities/${team.localityId}`);
    expect(located.populations).toEqual([]);
  });

  it('is linked from the admin’s My work and the navigation', async () => {
    const home = await admin.agent.get('/').expect(200);
    expect(home.text).toContain('href="/admin/localities"');
    expect(pageText(home.text)).toContain('Localities and areas');
  });

  it('answers Page not found for a locality that does not exist', async () => {
    const missing = await admin.agent.get('/admin/localities/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Page not found');
  });

  it('lists the localities, each linking to its page', async () => {
    const page = await admin.agent.get('/admin/localities').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Localities</h1>');
    expect(page.text).toContain(`href="/admin/localities/${team.localityId}"`);
    expect(page.text).toContain(`href="/admin/localities/${team.otherLocalityId}"`);
  });

  it('adds a locality, refusing a missing name and a bad code beside the fields', async () => {
    const refused = await admin.post('/admin/localities', { name: '', code: 'no spaces' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('href="#name">Enter the locality’s name');
    expect(refused.text).toContain(
      'href="#code">The code must be 1 to 20 letters, digits, hyphens or underscores',
    );
    expect(refused.text).toContain('value="no spaces"');

    const { key } = await formOf('/admin/localities');
    const fields = { name: 'Feltham North', code: 'FN', _idempotencyKey: key };
    const [first, second] = [
      await admin.post('/admin/localities', fields),
      await admin.post('/admin/localities', fields),
    ];
    expect(first.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const id = /^\/admin\/localities\/([0-9a-f-]{36})$/.exec(first.headers.location)![1];
    const shown = await admin.agent.get(`/admin/localities/${id}`).expect(200);
    expect(shown.text).toContain('Feltham North added');
    const list = await api('/localities?limit=100');
    expect(list.items.filter((l: { name: string }) => l.name === 'Feltham North')).toHaveLength(1);

    const twice = await admin.post('/admin/localities', { name: 'Feltham North', code: 'FN2' });
    expect(twice.status).toBe(422);
    expect(pageText(twice.text)).toContain('A locality with this name or code already exists');
  });

  describe('a locality’s populations', () => {
    let id: string;
    let path: string;

    beforeAll(async () => {
      id = (await createLocality(t)).id;
      path = `/admin/localities/${id}`;
    });

    it('refuses a year and bands that are not numbers, beside each field, keeping the answers', async () => {
      const { version } = await formOf(path);
      const refused = await admin.post(
        `${path}/population`,
        {
          ...population('24', ['1200', '', '-3', 'many']),
          version: version!,
        },
        path,
      );
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('There is a problem');
      expect(refused.text).toContain(
        'href="#year">The year must be a year from 1990 to 2100, like 2024',
      );
      expect(refused.text).toContain('href="#band-5-9">Enter the number of children aged 5 to 9');
      expect(refused.text).toContain(
        'href="#band-10-15">The number of children aged 10 to 15 must be a whole number from 0 to 10,000,000',
      );
      expect(refused.text).toContain('href="#band-16-17">');
      expect(refused.text).toContain('value="24"');
      expect(refused.text).toContain('value="1200"');
      expect(refused.text).toContain('value="many"');
      expect((await api(`/localities/${id}`)).populations).toEqual([]);
    });

    it('saves a year’s population once however often it is sent, shows it, and the API has it', async () => {
      const { key, version } = await formOf(path);
      const fields = {
        ...population('2024', ['1,200', '1100', '1300', '450']),
        version: version!,
        _idempotencyKey: key,
      };
      const first = await admin.post(`${path}/population`, fields, path);
      const again = await admin.post(`${path}/population`, fields, path);
      expect(first.status).toBe(303);
      expect(again.status).toBe(303);
      expect(first.headers.location).toBe(`${path}#populations`);
      const shown = await admin.agent.get(path).expect(200);
      expect(shown.text).toContain('Population for 2024 saved');
      const row = /<tr class="govuk-table__row" data-year="2024">([\s\S]*?)<\/tr>/.exec(shown.text);
      expect(pageText(row![1]).trim()).toBe(
        '2024 1,200 1,100 1,300 450 4,050 Change the population for 2024',
      );
      const located = await api(`/localities/${id}`);
      expect(located.populations).toEqual([
        { year: 2024, bands: { '0-4': 1200, '5-9': 1100, '10-15': 1300, '16-17': 450 } },
      ]);
      // Sent twice, saved once: one version step.
      expect(located.version).toBe(Number(version) + 1);
    });

    it('fills the form with a year’s figures from "Change", and refuses a stale version keeping the figures', async () => {
      const change = await admin.agent.get(`${path}?year=2024`).expect(200);
      expect(change.text).toContain('name="year" type="text" value="2024"');
      const stale = VERSION_INPUT.exec(change.text)![1];
      await t
        .http()
        .put(`/api/v1/localities/${id}/population`)
        .auth(await t.adminToken(), { type: 'bearer' })
        .send({ year: 2025, bands: { '0-4': 1, '5-9': 2, '10-15': 3, '16-17': 4 } })
        .expect(200);
      const refused = await admin.post(
        `${path}/population`,
        {
          ...population('2024', ['999', '1100', '1300', '450']),
          version: stale,
        },
        path,
      );
      expect(refused.status).toBe(409);
      expect(pageText(refused.text)).toContain('Someone else has changed these populations');
      expect(refused.text).toContain('value="999"');
      const current = await api(`/localities/${id}`);
      expect(VERSION_INPUT.exec(refused.text)![1]).toBe(String(current.version));
      expect(current.populations.find((p: { year: number }) => p.year === 2024).bands['0-4']).toBe(
        1200,
      );
      const saved = await admin.post(
        `${path}/population`,
        {
          ...population('2024', ['999', '1100', '1300', '450']),
          version: String(current.version),
        },
        path,
      );
      expect(saved.status).toBe(303);
      const after = await api(`/localities/${id}`);
      expect(after.populations.find((p: { year: number }) => p.year === 2024).bands['0-4']).toBe(
        999,
      );
    });
  });

  describe('a locality’s areas', () => {
    let id: string;
    let path: string;

    beforeAll(async () => {
      id = (await createLocality(t)).id;
      path = `/admin/localities/${id}`;
    });

    it('refuses an area without a name, with a bad code or a sector that is not one, keeping the answers', async () => {
      const missing = await admin.post(
        `${path}/areas`,
        {
          areaName: '',
          areaCode: 'bad code',
          postcodeSectors: '',
        },
        path,
      );
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('href="#areaName">Enter the area’s name');
      expect(missing.text).toContain('href="#areaCode">The code must be 1 to 20');
      expect(missing.text).toContain(
        'href="#postcodeSectors">Enter at least one postcode sector, like TW3 1',
      );
      expect(missing.text).toContain('value="bad code"');

      const badSector = await admin.post(
        `${path}/areas`,
        {
          areaName: 'Heath',
          areaCode: 'HH',
          postcodeSectors: 'TW3 1\nnot a sector',
        },
        path,
      );
      expect(badSector.status).toBe(400);
      expect(pageText(badSector.text)).toContain(
        '‘not a sector’ is not a postcode sector: enter the first part of the postcode',
      );
      expect(badSector.text).toContain('href="#postcodeSectors"');
      expect(badSector.text).toContain('not a sector</textarea>');
      expect((await api(`/localities/${id}/areas`)).items).toEqual([]);
    });

    it('adds an area once however often it is sent, lists it with its sectors, and the API has it', async () => {
      const { key } = await formOf(path, 1);
      const fields = {
        areaName: 'Hounslow Heath Children’s Centre',
        areaCode: 'HH',
        postcodeSectors: 'tw3 1, TW4  5\nTW4 6',
        _idempotencyKey: key,
      };
      const first = await admin.post(`${path}/areas`, fields, path);
      const again = await admin.post(`${path}/areas`, fields, path);
      expect(first.status).toBe(303);
      expect(again.headers.location).toBe(first.headers.location);
      const shown = await admin.agent.get(path).expect(200);
      expect(pageText(shown.text)).toContain(
        'Hounslow Heath Children’s Centre added with 3 postcode sectors',
      );
      const areas = (await api(`/localities/${id}/areas`)).items;
      expect(areas).toHaveLength(1);
      expect(areas[0]).toMatchObject({ code: 'HH', postcodeSectors: ['TW3 1', 'TW4 5', 'TW4 6'] });
      const row = new RegExp(`data-area="${areas[0].id}">([\\s\\S]*?)</tr>`).exec(shown.text);
      expect(pageText(row![1])).toContain('TW3 1, TW4 5, TW4 6');

      const taken = await admin.post(
        `${path}/areas`,
        {
          areaName: 'Another',
          areaCode: 'AN',
          postcodeSectors: 'TW4 6',
        },
        path,
      );
      expect(taken.status).toBe(422);
      expect(pageText(taken.text)).toContain('TW4 6 is in area HH');
      expect(taken.text).toContain('value="Another"');
    });

    it('sets an area’s population on its page, refusing a stale version', async () => {
      const [area] = (await api(`/localities/${id}/areas`)).items;
      const areaPath = `${path}/areas/${area.id}`;
      const other = (await createLocality(t)).id;
      expect((await admin.agent.get(`/admin/localities/${other}/areas/${area.id}`)).status).toBe(
        404,
      );
      const page = await admin.agent.get(areaPath).expect(200);
      expect(page.text).toContain(
        '<h1 class="govuk-heading-l">Hounslow Heath Children’s Centre</h1>',
      );
      const version = VERSION_INPUT.exec(page.text)![1];
      const key = idempotencyKey(page.text);
      const bad = await admin.post(
        `${areaPath}/population`,
        {
          ...population('', ['10', '20', '30', '40']),
          version,
        },
        areaPath,
      );
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('href="#year">Enter the year of the estimate');
      expect(bad.text).toContain('value="40"');
      const saved = await admin.post(
        `${areaPath}/population`,
        {
          ...population('2023', ['10', '20', '30', '40']),
          version,
          _idempotencyKey: key,
        },
        areaPath,
      );
      expect(saved.status).toBe(303);
      const shown = await admin.agent.get(areaPath).expect(200);
      expect(shown.text).toContain('Population for 2023 saved');
      expect(shown.text).toContain('data-year="2023"');
      const [after] = (await api(`/localities/${id}/areas`)).items;
      expect(after.populations).toEqual([
        { year: 2023, bands: { '0-4': 10, '5-9': 20, '10-15': 30, '16-17': 40 } },
      ]);
      const stale = await admin.post(
        `${areaPath}/population`,
        {
          ...population('2023', ['11', '20', '30', '40']),
          version,
        },
        areaPath,
      );
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('value="11"');
      const locality = await admin.agent.get(path).expect(200);
      expect(pageText(locality.text)).toContain('100 (2023)');
    });
  });
});

describe('the plan page: targets and entered values', () => {
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

  const plan = async () =>
    (
      await t
        .http()
        .get('/api/v1/plans')
        .auth(await t.adminToken(), { type: 'bearer' })
        .expect(200)
    ).body;
  const indicatorOf = (
    p: { themes: { priorities: { indicators: { code: string }[] }[] }[] },
    code: string,
  ) =>
    p.themes
      .flatMap((th) => th.priorities.flatMap((pr) => pr.indicators))
      .find((i) => i.code === code) as unknown as { targets: Record<string, number> };
  const keysOf = (html: string) =>
    [...html.matchAll(new RegExp(IDEMPOTENCY_INPUT, 'g'))].map((m) => m[1]);

  it('is the admin’s only', async () => {
    for (const user of [team.performanceManager, team.socialCare]) {
      const client = await signedIn(t, user.email, TEST_PASSWORD);
      expect((await client.agent.get('/admin/plan/indicators/referrals')).status).toBe(403);
      const post = await client.post(
        '/admin/plan/indicators/referrals/targets',
        { year: 'FY2024-25', target: '1' },
        '/',
      );
      expect(post.status).toBe(403);
    }
    expect((await admin.agent.get('/admin/plan/indicators/no_such_indicator')).status).toBe(404);
  });

  it('links each indicator from the plan page, and the entered ones to their values', async () => {
    const page = await admin.agent.get('/admin/plan').expect(200);
    expect(page.text).toContain('href="/admin/plan/indicators/referrals"');
    expect(page.text).toContain('href="/admin/plan/indicators/children_missing_from_home#values"');
  });

  it('sets and removes a year’s target with the plan’s version, refusing a bad number and a stale version', async () => {
    const path = '/admin/plan/indicators/re_referral_pct';
    const page = await admin.agent.get(path).expect(200);
    const version = VERSION_INPUT.exec(page.text)![1];
    expect(Number(version)).toBe((await plan()).version);

    const bad = await admin.post(
      `${path}/targets`,
      { year: 'FY2025-26', target: 'lots', version },
      path,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#target">Enter the target as a number from 0');
    expect(bad.text).toContain('value="lots"');
    expect(bad.text).toContain('<option value="FY2025-26" selected>');

    const key = keysOf(page.text)[0];
    const fields = { year: 'FY2025-26', target: '17.5', version, _idempotencyKey: key };
    const first = await admin.post(`${path}/targets`, fields, path);
    const again = await admin.post(`${path}/targets`, fields, path);
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    const after = await plan();
    expect(after.version).toBe(Number(version) + 1);
    expect(indicatorOf(after, 're_referral_pct').targets['FY2025-26']).toBe(17.5);
    const shown = await admin.agent.get(path).expect(200);
    expect(pageText(shown.text)).toContain('Target for FY2025-26 set to 17.5');
    expect(
      pageText(/data-target-year="FY2025-26">([\s\S]*?)<\/tr>/.exec(shown.text)![1]),
    ).toContain('17.5');

    const stale = await admin.post(
      `${path}/targets`,
      { year: 'FY2025-26', target: '20', version },
      path,
    );
    expect(stale.status).toBe(409);
    expect(pageText(stale.text)).toContain('Someone else has changed this record');
    expect(stale.text).toContain('value="20"');
    expect(VERSION_INPUT.exec(stale.text)![1]).toBe(String(after.version));
    expect(indicatorOf(await plan(), 're_referral_pct').targets['FY2025-26']).toBe(17.5);

    const removed = await admin.post(
      `${path}/targets`,
      { year: 'FY2025-26', target: '', version: String(after.version) },
      path,
    );
    expect(removed.status).toBe(303);
    expect(indicatorOf(await plan(), 're_referral_pct').targets['FY2025-26']).toBeUndefined();
  });

  it('enters a value for a period, shows it, and replaces it only with its version', async () => {
    const path = '/admin/plan/indicators/children_missing_from_home';
    const bad = await admin.post(
      `${path}/values`,
      { period: 'September', localityId: '', value: 'x', numerator: '', denominator: '' },
      path,
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#period">Enter the period as a month (2026-09)');
    expect(bad.text).toContain('href="#value">Enter the value as a number from 0');
    expect(bad.text).toContain('value="September"');

    const outside = await admin.post(
      `${path}/values`,
      { period: '2031-05', localityId: '', value: '3' },
      path,
    );
    expect(outside.status).toBe(422);
    expect(pageText(outside.text)).toContain('The period 2031-05 is outside the plan’s years');

    const page = await admin.agent.get(path).expect(200);
    const key = keysOf(page.text)[1];
    const fields = {
      period: '2026-09',
      localityId: team.localityId,
      value: '14',
      numerator: '',
      denominator: '',
      version: '',
      _idempotencyKey: key,
    };
    const first = await admin.post(`${path}/values`, fields, path);
    const again = await admin.post(`${path}/values`, fields, path);
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    const shown = await admin.agent.get(path).expect(200);
    expect(pageText(shown.text)).toContain('Value entered for 2026-09: 14');
    const row = new RegExp(`data-value="2026-09/${team.localityId}">([\\s\\S]*?)</tr>`).exec(
      shown.text,
    );
    expect(pageText(row![1])).toContain('14');
    const kpis = await t
      .http()
      .get(
        `/api/v1/kpis?period=2026-09&localityId=${team.localityId}&code=children_missing_from_home`,
      )
      .auth(await t.adminToken(), { type: 'bearer' })
      .expect(200);
    expect(kpis.body.items[0]).toMatchObject({ code: 'children_missing_from_home', value: 14 });

    // A new value for a period that has one: the form again, naming it, with its version.
    const second = await admin.post(
      `${path}/values`,
      { period: '2026-09', localityId: team.localityId, value: '15', version: '' },
      path,
    );
    expect(second.status).toBe(409);
    expect(pageText(second.text)).toContain('2026-09 has the value 14');
    expect(second.text).toContain('value="15"');
    expect(VERSION_INPUT.exec(second.text.slice(second.text.indexOf('id="value-form"')))![1]).toBe(
      '1',
    );
    const replaced = await admin.post(
      `${path}/values`,
      { period: '2026-09', localityId: team.localityId, value: '15', version: '1' },
      path,
    );
    expect(replaced.status).toBe(303);
    const change = await admin.agent
      .get(`${path}?period=2026-09&localityId=${team.localityId}`)
      .expect(200);
    expect(change.text).toContain('Replace the value');
    expect(change.text).toContain('name="value" type="text" value="15"');
    const kpisAfter = await t
      .http()
      .get(
        `/api/v1/kpis?period=2026-09&localityId=${team.localityId}&code=children_missing_from_home`,
      )
      .auth(await t.adminToken(), { type: 'bearer' })
      .expect(200);
    expect(kpisAfter.body.items[0].value).toBe(15);
  });

  it('offers no values form for a computed indicator, and refuses a value posted to one', async () => {
    const page = await admin.agent.get('/admin/plan/indicators/referrals').expect(200);
    expect(page.text).not.toContain('id="value-form"');
    const post = await admin.post(
      '/admin/plan/indicators/referrals/values',
      { period: '2026-09', value: '3' },
      '/admin/plan/indicators/referrals',
    );
    expect(post.status).toBe(404);
  });
});

/**
 * An authority whose records span Working Together 2013 (the single assessment from
 * 2013-04-15): an initial assessment of 2012 and a single assessment of 2014.
 */
describe('changing the date an initial or single assessment counts from', () => {
  let t: TestApp;
  let team: Team;
  let care: WebClient;

  beforeAll(async () => {
    t = await startTestApp({
      AUTHORITY_CONFIG_DIR: join(__dirname, 'fixtures', 'working-together-2013'),
    });
    team = await createTeam(t);
    care = await signedIn(t, team.socialCare.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  const as = (method: 'get' | 'post', path: string) =>
    t.http()[method](`/api/v1${path}`).auth(team.socialCare.token, { type: 'bearer' });

  /** A referral decided initial_assessment, and its assessment started (through the API). */
  async function started(
    referredAt: string,
    kind: 'initial' | 'single',
  ): Promise<{ referralId: string; id: string }> {
    const child = await as('post', '/children')
      .send({
        givenName: 'Ola',
        familyName: `Start${kind}`,
        dateOfBirth: '2008-05-01',
        gender: 'male',
        localityId: team.localityId,
      })
      .expect(201);
    const referral = await as('post', '/referrals')
      .send({ childId: child.body.id, referredAt, source: 'school', reason: 'Bruising seen' })
      .expect(201);
    await as('post', `/referrals/${referral.body.id}/decision`)
      .send({ outcome: 'initial_assessment', decidedAt: referredAt })
      .expect(200);
    const path =
      kind === 'initial'
        ? `/referrals/${referral.body.id}/initial-assessment`
        : `/referrals/${referral.body.id}/assessment`;
    const assessment = await as('post', path)
      .send({ assignedToUserId: team.socialCare.id })
      .expect(201);
    return { referralId: referral.body.id, id: assessment.body.id };
  }

  const date = (prefix: string, iso: string) => {
    const [year, month, day] = iso.split('-');
    return { [`${prefix}-day`]: day, [`${prefix}-month`]: month, [`${prefix}-year`]: year };
  };

  it('changes an initial assessment’s referral date: the new due date shown first, then saved with the referral’s version', async () => {
    const { referralId, id } = await started('2012-03-01', 'initial');
    const page = `/assessments/initial/${id}`;
    const assessment = await care.agent.get(page).expect(200);
    expect(assessment.text).toContain(`href="${page}/referred"`);
    const form = await care.agent.get(`${page}/referred`).expect(200);
    expect(form.text).toContain('<h1 class="govuk-heading-l">Change the referral date</h1>');
    const version = VERSION_INPUT.exec(form.text)![1];
    const before = (await as('get', `/initial-assessments/${id}`).expect(200)).body;

    const future = await care.post(
      `${page}/referred`,
      { ...date('referredAt', '2099-01-04'), version },
      `${page}/referred`,
    );
    expect(future.status).toBe(400);
    expect(future.text).toContain(
      'href="#referredAt-day">The referral date must be today or in the past',
    );
    expect(future.text).toContain('value="2099"');

    const afterDecision = await care.post(
      `${page}/referred`,
      { ...date('referredAt', '2012-03-05'), version },
      `${page}/referred`,
    );
    expect(afterDecision.status).toBe(422);
    expect(pageText(afterDecision.text)).toContain(
      'The referral date cannot be after the date the referral was decided',
    );

    const expected = (
      await as('get', '/calendar/add-working-days?date=2012-02-27&days=7').expect(200)
    ).body.result as string;
    const check = await care.post(
      `${page}/referred`,
      { ...date('referredAt', '2012-02-27'), version },
      `${page}/referred`,
    );
    expect(check.status).toBe(200);
    const shown = /data-testid="new-due-date">([\s\S]*?)<\/p>/.exec(check.text)![1];
    const long = (iso: string) =>
      new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
    expect(pageText(shown)).toContain(`will be due ${long(expected)}`);
    expect(pageText(shown)).toContain(`It is due ${long(before.dueDate)} now`);
    // Nothing saved yet.
    expect((await as('get', `/initial-assessments/${id}`).expect(200)).body.dueDate).toBe(
      before.dueDate,
    );

    const key = idempotencyKey(check.text);
    const confirm = {
      ...date('referredAt', '2012-02-27'),
      version,
      confirm: 'yes',
      _idempotencyKey: key,
    };
    const first = await care.post(`${page}/referred`, confirm, page);
    const again = await care.post(`${page}/referred`, confirm, page);
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(first.headers.location).toBe(page);
    const after = await care.agent.get(page).expect(200);
    expect(pageText(after.text)).toContain(
      `Referral date changed: the initial assessment is now due ${long(expected)}`,
    );
    expect((await as('get', `/initial-assessments/${id}`).expect(200)).body.dueDate).toBe(expected);
    const referral = (await as('get', `/referrals/${referralId}`).expect(200)).body;
    expect(referral.referredAt).toBe('2012-02-27');
    expect(referral.version).toBe(Number(version) + 1);

    const stale = await care.post(
      `${page}/referred`,
      { ...date('referredAt', '2012-02-28'), version, confirm: 'yes' },
      page,
    );
    expect(stale.status).toBe(409);
    expect(pageText(stale.text)).toContain('Someone else has changed this record');
    expect(stale.text).toContain('value="28"');
    expect(VERSION_INPUT.exec(stale.text)![1]).toBe(String(referral.version));
    expect((await as('get', `/referrals/${referralId}`).expect(200)).body.referredAt).toBe(
      '2012-02-27',
    );
  });

  it('changes a single assessment’s start date with its version, saying the due date stays', async () => {
    const { id } = await started('2014-02-03', 'single');
    const page = `/assessments/single/${id}`;
    expect((await care.agent.get(page).expect(200)).text).toContain(`href="${page}/started"`);
    const form = await care.agent.get(`${page}/started`).expect(200);
    const version = VERSION_INPUT.exec(form.text)![1];
    const before = (await as('get', `/assessments/${id}`).expect(200)).body;

    const early = await care.post(
      `${page}/started`,
      { ...date('startedAt', '2014-01-30'), version },
      `${page}/started`,
    );
    expect(early.status).toBe(400);
    expect(early.text).toContain(
      'href="#startedAt-day">The start date cannot be before the referral date',
    );

    const check = await care.post(
      `${page}/started`,
      { ...date('startedAt', '2014-02-05'), version },
      `${page}/started`,
    );
    expect(check.status).toBe(200);
    expect(pageText(check.text)).toContain('the assessment stays due');
    const key = idempotencyKey(check.text);
    const saved = await care.post(
      `${page}/started`,
      { ...date('startedAt', '2014-02-05'), version, confirm: 'yes', _idempotencyKey: key },
      page,
    );
    expect(saved.status).toBe(303);
    const after = (await as('get', `/assessments/${id}`).expect(200)).body;
    expect(after).toMatchObject({ startedAt: '2014-02-05', dueDate: before.dueDate });
    expect(after.version).toBe(Number(version) + 1);
    expect(pageText((await care.agent.get(page).expect(200)).text)).toContain(
      'Start date changed to 5 February 2014',
    );
  });
});
