import { createLocality, createTeam, Team } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, WebClient, webClient } from './support/web-session';

const IDEMPOTENCY_INPUT = /name="_idempotencyKey" value="([^"]+)"/;
const VERSION_INPUT = /name="version" value="(\d+)"/;

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
}

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
    expect(text(home.text)).toContain('Localities and areas');
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
    expect(text(twice.text)).toContain('A locality with this name or code already exists');
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
      expect(text(row![1]).trim()).toBe(
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
      expect(text(refused.text)).toContain('Someone else has changed these populations');
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
      expect(text(badSector.text)).toContain(
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
      expect(text(shown.text)).toContain(
        'Hounslow Heath Children’s Centre added with 3 postcode sectors',
      );
      const areas = (await api(`/localities/${id}/areas`)).items;
      expect(areas).toHaveLength(1);
      expect(areas[0]).toMatchObject({ code: 'HH', postcodeSectors: ['TW3 1', 'TW4 5', 'TW4 6'] });
      const row = new RegExp(`data-area="${areas[0].id}">([\\s\\S]*?)</tr>`).exec(shown.text);
      expect(text(row![1])).toContain('TW3 1, TW4 5, TW4 6');

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
      expect(text(taken.text)).toContain('TW4 6 is in area HH');
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
      const key = IDEMPOTENCY_INPUT.exec(page.text)![1];
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
      expect(text(locality.text)).toContain('100 (2023)');
    });
  });
});
