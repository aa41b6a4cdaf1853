import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Clock } from '../src/common/clock/clock';
import { SESSION_COOKIE } from '../src/web/session/web-session';
import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { CSRF_INPUT, signedIn, webClient, WebClient } from './support/web-session';

const MINUTE = 60 * 1000;

/** The session cookie the response set, as its Set-Cookie line. */
function sessionCookie(response: { headers: Record<string, unknown> }): string | undefined {
  const lines = (response.headers['set-cookie'] as string[] | undefined) ?? [];
  return lines.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
}

describe('web sessions: kept in PostgreSQL, renewed at sign-in, ended by idleness, age and deactivation', () => {
  let t: TestApp;
  let clock: Clock;
  let now: number;

  beforeAll(async () => {
    t = await startTestApp({ SESSION_IDLE_MINUTES: '20' });
    clock = t.app.get(Clock);
    now = Date.parse('2026-11-30T09:00:00Z');
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
  });

  const newUser = (): Promise<TestUser> => createUser(t, 'practitioner');
  const myWork = (client: WebClient) => client.agent.get('/');

  it('sets an HttpOnly, SameSite=Lax cookie holding only a session id, and a new id at sign-in', async () => {
    const user = await newUser();
    const client = webClient(t);
    const form = await client.agent.get('/sign-in').expect(200);
    const before = sessionCookie(form);
    expect(before).toBeDefined(); // the CSRF token's session, before anyone signs in
    const response = await client.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(response.status).toBe(303);
    const after = sessionCookie(response);
    expect(after).toBeDefined();
    expect(after).toMatch(/; HttpOnly/);
    expect(after).toMatch(/; SameSite=Lax/);
    expect(after).not.toMatch(/; Secure/); // not in production (see below)
    expect(after).toMatch(/; Path=\//);
    const id = (line: string) => line.split(';')[0];
    expect(id(after!)).not.toBe(id(before!));
    // The cookie is the signed id and nothing else: no name, email or role in it.
    const value = decodeURIComponent(id(after!).slice(SESSION_COOKIE.length + 1));
    expect(value).toMatch(/^s:[A-Za-z0-9_-]+\.[A-Za-z0-9+/]+$/);
    expect(value).not.toContain(user.email);

    // The id from before sign-in is not signed in: its row was replaced, not promoted.
    const old = await t.http().get('/').set('Cookie', id(before!));
    expect(old.status).toBe(303);
    expect(old.headers.location).toBe('/sign-in');
    const rows = await t.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM web_sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(Number(rows.rows[0].n)).toBe(1);
  });

  it('ends a session idle for longer than SESSION_IDLE_MINUTES, and says why on the sign-in page', async () => {
    const user = await newUser();
    const client = await signedIn(t, user.email, TEST_PASSWORD);
    now += 19 * MINUTE;
    await myWork(client).expect(200); // activity moves the last-seen time
    now += 19 * MINUTE;
    await myWork(client).expect(200); // 19 minutes since the last page: still signed in
    now += 21 * MINUTE;
    const idle = await myWork(client);
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toBe('/sign-in');
    const page = await client.agent.get('/sign-in').expect(200);
    expect(page.text).toContain(
      'You were signed out because you had not done anything for a while',
    );
    // Said once only.
    const again = await client.agent.get('/sign-in').expect(200);
    expect(again.text).not.toContain('You were signed out');
    await myWork(client).expect(303);
  });

  it('ends a session 12 hours after sign-in however active it has been', async () => {
    const user = await newUser();
    const client = await signedIn(t, user.email, TEST_PASSWORD);
    for (let minutes = 15; minutes <= 12 * 60; minutes += 15) {
      now += 15 * MINUTE;
      if (minutes % 120 === 0) await myWork(client).expect(200);
      else await client.agent.get('/notifications').expect(200);
    }
    now += 15 * MINUTE; // 12 h 15 min since sign-in (a page at exactly 12 h was served), 15 min idle
    const ended = await myWork(client);
    expect(ended.status).toBe(303);
    const page = await client.agent.get('/sign-in').expect(200);
    expect(page.text).toContain('You were signed out because you had been signed in for 12 hours');
  });

  it('ends every session of a user who is deactivated, at once, and deletes their rows', async () => {
    const user = await newUser();
    const first = await signedIn(t, user.email, TEST_PASSWORD);
    const second = await signedIn(t, user.email, TEST_PASSWORD);
    await myWork(first).expect(200);
    await myWork(second).expect(200);
    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ active: false, version: user.version })
      .expect(200);
    const rows = await t.sql.query<{ n: string }>(
      `SELECT count(*) AS n FROM web_sessions WHERE user_id = $1`,
      [user.id],
    );
    expect(Number(rows.rows[0].n)).toBe(0);
    for (const client of [first, second]) {
      const page = await myWork(client);
      expect(page.status).toBe(303);
      expect(page.headers.location).toBe('/sign-in');
    }
    const refused = await webClient(t).post('/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(refused.status).toBe(401);
  });

  it('keeps everyone signed in when Redis is flushed: sessions live in PostgreSQL', async () => {
    const user = await newUser();
    const client = await signedIn(t, user.email, TEST_PASSWORD);
    // Everything this app keeps in Redis (its own key prefix; other test files share the server).
    const redis = new Redis(t.settings.redisUrl);
    try {
      const keys = await redis.keys(`${t.settings.env.redisPrefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    await myWork(client).expect(200);
  });

  it('audits web sign-ins as the API’s, and throttles them per email (429 page)', async () => {
    const user = await newUser(); // createUser signs in once through the API
    await webClient(t).post('/sign-in', { email: user.email, password: 'a wrong password' });
    await signedIn(t, user.email, TEST_PASSWORD);
    const rows = await t.sql.query<{ action: string; details: string }>(
      `SELECT action, details::text AS details FROM audit_log
        WHERE entity_id = $1 AND action LIKE 'auth.%' ORDER BY id`,
      [user.id],
    );
    expect(rows.rows.map((r) => r.action)).toEqual([
      'auth.login_succeeded',
      'auth.login_failed',
      'auth.login_succeeded',
    ]);
    expect(rows.rows.map((r) => r.details).join()).not.toContain('a wrong password');

    const target = await newUser();
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const client = webClient(t);
      const response = await client.post('/sign-in', {
        email: target.email,
        password: `guess ${randomBytes(4).toString('hex')}`,
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.text).toContain('Too many');
        break;
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });
});

describe('web sessions in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('marks the session cookie Secure (behind the TLS-terminating proxy)', async () => {
    const user = await createUser(t, 'practitioner');
    const form = await t.http().get('/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    const token = CSRF_INPUT.exec(form.text)![1];
    // The client is plain HTTP, so it would not send a Secure cookie back by itself.
    const response = await t
      .http()
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', sessionCookie(form)!.split(';')[0])
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: token });
    expect(response.status).toBe(303);
    const cookie = sessionCookie(response);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});
