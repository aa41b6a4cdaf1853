import { ADMIN_EMAIL, TEST_PASSWORD, TestApp, startTestApp } from './support/test-app';
import { createAgency, createLocality, createUser } from './support/fixtures';
import { ROLES } from '../src/common/domain/roles';

describe('reference data and users (admin)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('lets the admin create an agency, a locality with populations, and a user of each role who can then sign in', async () => {
    const agency = await createAgency(t, 'health');
    const locality = await createLocality(t, 'East');

    const population = await t
      .http()
      .put(`/api/v1/localities/${locality.id}/population`)
      .auth(admin, { type: 'bearer' })
      .send({ year: 2011, bands: { '0-4': 5200, '5-9': 4900, '10-15': 6100, '16-17': 2000 } })
      .expect(200);
    expect(population.body).toMatchObject({
      id: locality.id,
      name: 'East',
      version: locality.version + 1,
      populations: [
        { year: 2011, bands: { '0-4': 5200, '5-9': 4900, '10-15': 6100, '16-17': 2000 } },
      ],
    });

    for (const role of ROLES) {
      const user = await createUser(t, role, { agencyId: agency.id, localityIds: [locality.id] });
      expect(user.token).toEqual(expect.any(String));
      const listed = await t
        .http()
        .get(`/api/v1/users/${user.id}`)
        .auth(admin, { type: 'bearer' })
        .expect(200);
      expect(listed.body).toMatchObject({
        role,
        agencyId: agency.id,
        localityIds: [locality.id],
        active: true,
      });
      expect(JSON.stringify(listed.body)).not.toMatch(/password/i);
    }
  });

  it('replaces a year of population when set again, keeping other years', async () => {
    const locality = await createLocality(t);
    const put = (year: number, n: number) =>
      t
        .http()
        .put(`/api/v1/localities/${locality.id}/population`)
        .auth(admin, { type: 'bearer' })
        .send({ year, bands: { '0-4': n, '5-9': n, '10-15': n, '16-17': n } })
        .expect(200);
    await put(2010, 1);
    await put(2011, 2);
    const last = await put(2011, 3);
    expect(last.body.populations).toEqual([
      { year: 2011, bands: { '0-4': 3, '5-9': 3, '10-15': 3, '16-17': 3 } },
      { year: 2010, bands: { '0-4': 1, '5-9': 1, '10-15': 1, '16-17': 1 } },
    ]);
  });

  it('refuses a population update with a stale version and changes nothing', async () => {
    const locality = await createLocality(t);
    await t
      .http()
      .put(`/api/v1/localities/${locality.id}/population`)
      .auth(admin, { type: 'bearer' })
      .send({
        year: 2012,
        bands: { '0-4': 9, '5-9': 9, '10-15': 9, '16-17': 9 },
        version: locality.version + 5,
      })
      .expect(409);
    const after = await t
      .http()
      .get(`/api/v1/localities/${locality.id}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(after.body).toMatchObject({ version: locality.version, populations: [] });
  });

  it('requires all four age bands, as whole non-negative numbers', async () => {
    const locality = await createLocality(t);
    const response = await t
      .http()
      .put(`/api/v1/localities/${locality.id}/population`)
      .auth(admin, { type: 'bearer' })
      .send({ year: 2011, bands: { '0-4': -1, '5-9': 1, '10-15': 1.5 } })
      .expect(400);
    expect(response.body.message).toContain('bands.0-4');
    expect(response.body.message).toContain('bands.10-15');
    expect(response.body.message).toContain('bands.16-17');
  });

  it('keeps emails unique whatever their case', async () => {
    const user = await createUser(t, 'practitioner');
    const agency = await createAgency(t);
    const locality = await createLocality(t);
    const response = await t
      .http()
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({
        email: user.email.toUpperCase(),
        displayName: 'Dup',
        role: 'practitioner',
        agencyId: agency.id,
        localityIds: [locality.id],
        password: TEST_PASSWORD,
      })
      .expect(409);
    expect(response.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining('email'),
    });
  });

  it('refuses passwords shorter than 12 characters and unknown references', async () => {
    const agency = await createAgency(t);
    const locality = await createLocality(t);
    const base = {
      email: 'short@example.gov.uk',
      displayName: 'S',
      role: 'practitioner',
      agencyId: agency.id,
      localityIds: [locality.id],
    };
    const short = await t
      .http()
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({ ...base, password: 'elevenchars' })
      .expect(400);
    expect(short.body.message).toMatch(/^password/);
    const unknownAgency = await t
      .http()
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({ ...base, agencyId: '00000000-0000-4000-8000-000000000000', password: TEST_PASSWORD })
      .expect(422);
    expect(unknownAgency.body.message).toContain('agencyId');
    const noLocality = await t
      .http()
      .post('/api/v1/users')
      .auth(admin, { type: 'bearer' })
      .send({ ...base, localityIds: [], password: TEST_PASSWORD })
      .expect(400);
    expect(noLocality.body.message).toContain('localityIds');
  });

  it('answers 403 to a practitioner creating a user and 401 without a token', async () => {
    const practitioner = await createUser(t, 'practitioner');
    await t
      .http()
      .post('/api/v1/users')
      .auth(practitioner.token, { type: 'bearer' })
      .send({})
      .expect(403);
    await t.http().get('/api/v1/users').auth(practitioner.token, { type: 'bearer' }).expect(403);
    await t
      .http()
      .post('/api/v1/agencies')
      .auth(practitioner.token, { type: 'bearer' })
      .send({ name: 'X', type: 'school' })
      .expect(403);
    await t
      .http()
      .post('/api/v1/localities')
      .auth(practitioner.token, { type: 'bearer' })
      .send({ name: 'X', code: 'X' })
      .expect(403);
    await t.http().get('/api/v1/users').expect(401);
    await t.http().get('/api/v1/localities').expect(401);
  });

  it('lets every signed-in role read agencies and localities', async () => {
    const manager = await createUser(t, 'performance_manager');
    await t.http().get('/api/v1/agencies').auth(manager.token, { type: 'bearer' }).expect(200);
    await t.http().get('/api/v1/localities').auth(manager.token, { type: 'bearer' }).expect(200);
  });

  it('applies a PATCH only at the current version: a stale one is 409 and changes nothing', async () => {
    const user = await createUser(t, 'social_care');
    const first = await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ displayName: 'Renamed once', version: user.version })
      .expect(200);
    expect(first.body).toMatchObject({ displayName: 'Renamed once', version: user.version + 1 });
    const stale = await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ displayName: 'Renamed twice', version: user.version })
      .expect(409);
    expect(stale.body.message).toMatch(/stale version/);
    const now = await t
      .http()
      .get(`/api/v1/users/${user.id}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(now.body).toMatchObject({ displayName: 'Renamed once', version: user.version + 1 });
  });

  it('lets exactly one of many concurrent PATCHes with the same version win', async () => {
    const user = await createUser(t, 'practitioner');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t
          .http()
          .patch(`/api/v1/users/${user.id}`)
          .auth(admin, { type: 'bearer' })
          .send({ displayName: `Writer ${i}`, version: user.version }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
  });

  it('sets and clears a manager, refusing a user as their own manager', async () => {
    const manager = await createUser(t, 'locality_manager');
    const worker = await createUser(t, 'social_care');
    const set = await t
      .http()
      .patch(`/api/v1/users/${worker.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ managerUserId: manager.id, version: worker.version })
      .expect(200);
    expect(set.body.managerUserId).toBe(manager.id);
    await t
      .http()
      .patch(`/api/v1/users/${worker.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ managerUserId: worker.id, version: set.body.version })
      .expect(400);
    const cleared = await t
      .http()
      .patch(`/api/v1/users/${worker.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ managerUserId: null, version: set.body.version })
      .expect(200);
    expect(cleared.body.managerUserId).toBeNull();
  });

  it('will not deactivate or demote the last active admin', async () => {
    const self = await t
      .http()
      .get('/api/v1/users?role=admin&active=true')
      .auth(admin, { type: 'bearer' })
      .expect(200);
    const me = self.body.items.find((u: { email: string }) => u.email === ADMIN_EMAIL);
    const others = self.body.items.filter((u: { email: string }) => u.email !== ADMIN_EMAIL);
    // Other admins may be deactivated while one remains.
    for (const other of others) {
      await t
        .http()
        .patch(`/api/v1/users/${other.id}`)
        .auth(admin, { type: 'bearer' })
        .send({ active: false, version: other.version })
        .expect(200);
    }
    const response = await t
      .http()
      .patch(`/api/v1/users/${me.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ active: false, version: me.version })
      .expect(409);
    expect(response.body.message).toMatch(/no active admin/);
  });

  it('pages through lists with limit and nextCursor, each item once', async () => {
    for (let i = 0; i < 5; i++) await createAgency(t, 'voluntary');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/v1/agencies')
        .query({ type: 'voluntary', limit: 2, ...(cursor ? { cursor } : {}) })
        .auth(admin, { type: 'bearer' })
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('answers 400 naming the parameter for ?%s', async (query, name) => {
    const response = await t
      .http()
      .get(`/api/v1/agencies?${query}`)
      .auth(admin, { type: 'bearer' })
      .expect(400);
    expect(response.body.message).toContain(name);
  });

  it('writes an audit row for each change an admin makes, in the same transaction', async () => {
    const agency = await createAgency(t);
    const rows = await t.sql.query(
      `SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1`,
      [agency.id],
    );
    expect(rows.rows).toEqual([{ action: 'agency.created', actor_user_id: expect.any(String) }]);
  });
});
