import { TestApp, startTestApp } from './support/test-app';
import { createTeam, createUser, TestUser } from './support/fixtures';
import { childData, findLeaks } from './support/log-leaks';

/**
 * The application's logs (docs/domain.md#qualities: no child data in logs). Every test app's logs are captured
 * and checked when it closes (test/support/test-app.ts); this file proves that capture and check.
 */
describe('application logs', () => {
  let t: TestApp;
  let practitioner: TestUser;
  let childId: string;

  beforeAll(async () => {
    t = await startTestApp();
    practitioner = (await createTeam(t)).practitioner;
    childId = (
      await t
        .http()
        .post('/api/v1/children')
        .auth(practitioner.token, { type: 'bearer' })
        .send({
          givenName: 'Wilhelmina',
          familyName: 'Featherstonehaugh',
          dateOfBirth: '2010-10-10',
          gender: 'female',
          localityId: practitioner.localityIds[0],
          nhsNumber: '943 476 5919',
          postcode: 'ZZ99 3CZ',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  type Line = { level: number; context?: string; msg?: string; req?: { id: string } };
  const parsed = (): Line[] => t.logs().map((line) => JSON.parse(line) as Line);

  /** GET /children/:id answers 500 while a column it reads is renamed away. */
  async function unhandledError(app: TestApp, token: string, id: string, requestId: string) {
    await app.sql.query('ALTER TABLE children RENAME COLUMN postcode TO postcode_away');
    try {
      await app
        .http()
        .get(`/api/v1/children/${id}`)
        .auth(token, { type: 'bearer' })
        .set('X-Request-Id', requestId)
        .expect(500, {
          statusCode: 500,
          error: 'Internal Server Error',
          message: 'Internal server error',
        });
    } finally {
      await app.sql.query('ALTER TABLE children RENAME COLUMN postcode_away TO postcode');
    }
  }

  it('captures request lines and Nest’s own start-up lines', () => {
    const lines = parsed();
    expect(lines.some((l) => l.msg === 'request completed' && l.level === 30)).toBe(true);
    expect(lines.some((l) => l.context === 'RouterExplorer')).toBe(true);
  });

  it('logs an unhandled error with its request id in each app of the process, without the child’s data', async () => {
    await unhandledError(t, practitioner.token, childId, 'unhandled-in-first-app');

    const other = await startTestApp();
    try {
      const otherPractitioner = await createUser(other, 'practitioner');
      const otherChild = await other
        .http()
        .post('/api/v1/children')
        .auth(otherPractitioner.token, { type: 'bearer' })
        .send({
          givenName: 'Bartholomew',
          familyName: 'Cholmondeley',
          dateOfBirth: '2011-11-11',
          gender: 'male',
          localityId: otherPractitioner.localityIds[0],
        })
        .expect(201);
      await unhandledError(
        other,
        otherPractitioner.token,
        otherChild.body.id,
        'unhandled-in-second-app',
      );
      await unhandledError(t, practitioner.token, childId, 'unhandled-in-first-app-again');
    } finally {
      await other.close();
    }

    const errors = parsed().filter((l) => l.level === 50 && l.context === 'Errors');
    expect(errors.map((l) => l.req?.id)).toEqual([
      'unhandled-in-first-app',
      'unhandled-in-second-app',
      'unhandled-in-first-app-again',
    ]);
    for (const line of errors) expect(line.msg).toMatch(/postcode does not exist/);
    expect(findLeaks(t.logs(), await childData(t.sql))).toEqual([]);
  });

  it('the check finds a child’s data, tokens and passwords in a log line, and nothing in clean ones', async () => {
    const children = await childData(t.sql);
    const leaks = (line: string) => findLeaks([line], children).map((f) => f.split(' in log')[0]);

    expect(leaks('{"msg":"saw WILHELMINA today"}')).toEqual(['a child’s given name']);
    expect(leaks('{"msg":"family Featherstonehaugh"}')).toEqual(['a child’s family name']);
    expect(leaks('{"dob":"2010-10-10"}')).toEqual(['a child’s date of birth']);
    expect(leaks('{"nhs":"9434765919"}')).toEqual(['a child’s NHS number']);
    expect(leaks('{"nhs":"943 476 5919"}')).toEqual(['a child’s NHS number']);
    expect(leaks('{"msg":"postcode ZZ99 3CZ"}')).toEqual(['a child’s postcode']);
    expect(leaks(`{"msg":"${practitioner.token}"}`)).toEqual(['a JWT']);
    expect(leaks('{"msg":"Bearer abcdefgh12345678"}')).toEqual(['a bearer token']);
    expect(leaks('{"headers":{"authorization":"x"}}')).toEqual(['an Authorization header']);
    expect(leaks('{"body":{"password":"hunter2"}}')).toEqual(['a password field']);
    expect(leaks('{"hash":"$argon2id$v=19$m=19456"}')).toEqual(['a password hash']);
    // The finding names the kind and the line, never the value.
    expect(findLeaks(['{"msg":"saw Wilhelmina"}'], children)).toEqual([
      'a child’s given name in log line 1: {"msg":"saw [MASKED]"}',
    ]);

    expect(leaks('{"msg":"Wilhelminas and Featherstone, 2010-10-11, 94347659190"}')).toEqual([]);
    // A name that is also a word of the API's routes cannot be told apart from them.
    const routeMap = '{"context":"RouterExplorer","msg":"Mapped {/api/v1/kpis/feed, GET} route"}';
    const request = '{"req":{"method":"GET","path":"/api/v1/kpis/feed"}}';
    expect(findLeaks([routeMap, request], [{ kind: 'a name', value: 'Feed' }])).toEqual([]);
    expect(findLeaks(t.logs(), children)).toEqual([]);
  });
});
