import { createHmac } from 'node:crypto';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  TEST_PASSWORD,
  TestApp,
  startTestApp,
} from './support/test-app';
import { createUser } from './support/fixtures';
import { LOGIN_ATTEMPTS_PER_EMAIL } from '../src/modules/auth/auth.module';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signHs(header: object, payload: object, secret: string, algorithm = 'sha256'): string {
  const body = `${base64url(header)}.${base64url(payload)}`;
  return `${body}.${createHmac(algorithm, secret).update(body).digest('base64url')}`;
}

describe('sign-in and tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/v1/localities').auth(token, { type: 'bearer' });

  it('signs in with the right password and answers {accessToken, expiresIn}', async () => {
    const response = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
      .expect(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600 });
    const [header, payload] = (response.body.accessToken as string).split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({
      alg: 'HS256',
    });
    const { iat, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(exp - iat).toBe(3600);
    await me(response.body.accessToken).expect(200);
  });

  it('accepts the email in any case', async () => {
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD })
      .expect(200);
  });

  it('answers 401 with the same message for a wrong password and an unknown email', async () => {
    const wrong = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL, password: 'not the password!' })
      .expect(401);
    const unknown = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.gov.uk', password: 'whatever12345' })
      .expect(401);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Email or password is not correct',
    });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('audits successful and failed sign-ins without the password', async () => {
    const user = await createUser(t, 'practitioner');
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'definitely wrong' })
      .expect(401);
    const rows = await t.sql.query(
      `SELECT action, actor_user_id, details::text AS details FROM audit_log WHERE entity_id = $1 AND action LIKE 'auth.%' ORDER BY id`,
      [user.id],
    );
    expect(rows.rows.map((r) => r.action)).toEqual(['auth.login_succeeded', 'auth.login_failed']);
    for (const row of rows.rows) {
      expect(row.details).not.toContain(TEST_PASSWORD);
      expect(row.details).not.toContain('definitely wrong');
    }
  });

  it('refuses sign-in to a deactivated user, and their earlier tokens stop working', async () => {
    const user = await createUser(t, 'social_care');
    await me(user.token).expect(200);
    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ active: false, version: user.version })
      .expect(200);
    await me(user.token).expect(401);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
  });

  it('revokes earlier tokens when the password changes', async () => {
    const user = await createUser(t, 'practitioner');
    const newPassword = 'a brand new password for jo';
    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(await t.adminToken(), { type: 'bearer' })
      .send({ password: newPassword, version: user.version })
      .expect(200);
    await me(user.token).expect(401);
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401);
    await me(await t.login(user.email, newPassword)).expect(200);
  });

  describe('refuses forged and stale tokens with 401', () => {
    let claims: { sub: string; tv: number };
    beforeAll(async () => {
      const token = await t.adminToken();
      claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    });

    it('with alg none', async () => {
      const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: 9_999_999_999 })}.`;
      await me(token).expect(401);
    });

    it('signed with another key', async () => {
      await me(
        signHs({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: 9_999_999_999 }, 'x'.repeat(40)),
      ).expect(401);
    });

    it('signed with the right key but another algorithm', async () => {
      const token = signHs(
        { alg: 'HS512', typ: 'JWT' },
        { ...claims, exp: 9_999_999_999 },
        t.settings.jwtSecret,
        'sha512',
      );
      await me(token).expect(401);
    });

    it('expired', async () => {
      const token = signHs(
        { alg: 'HS256', typ: 'JWT' },
        { ...claims, iat: 1_000, exp: 2_000 },
        t.settings.jwtSecret,
      );
      await me(token).expect(401);
    });

    it('signed with the right key and algorithm but without an expiry', async () => {
      const { sub, tv } = claims;
      await me(signHs({ alg: 'HS256', typ: 'JWT' }, { sub, tv }, t.settings.jwtSecret)).expect(401);
    });

    it('given anywhere but the Authorization header', async () => {
      const token = await t.adminToken();
      await t.http().get(`/api/v1/localities?access_token=${token}`).expect(401);
      await t.http().get('/api/v1/localities').set('Cookie', `token=${token}`).expect(401);
    });

    it('with a tampered payload', async () => {
      const [header, , signature] = (await t.adminToken()).split('.');
      await me(
        `${header}.${base64url({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${signature}`,
      ).expect(401);
    });

    it('with a garbage header', async () => {
      await t
        .http()
        .get('/api/v1/localities')
        .set('Authorization', 'Bearer not.a.token')
        .expect(401);
      await t
        .http()
        .get('/api/v1/localities')
        .set('Authorization', 'Basic YWRtaW46YWRtaW4=')
        .expect(401);
    });
  });

  it('rate-limits sign-in attempts for one email (429) even from parallel requests', async () => {
    const user = await createUser(t, 'practitioner');
    const attempts = await Promise.all(
      Array.from({ length: 30 }, () =>
        t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: 'guess-guess-guess' }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const limited = attempts.find((a) => a.status === 429)!;
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('holds the per-email limit under 100 parallel attempts, then refuses the right password too, auditing each failed attempt', async () => {
    const user = await createUser(t, 'practitioner'); // signs in once: one attempt counted
    const attempts = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: `wrong guess number ${i}` }),
      ),
    );
    const statuses = attempts.map((a) => a.status);
    const refused = statuses.filter((s) => s === 401).length;
    const limited = statuses.filter((s) => s === 429).length;
    expect({ refused, limited }).toEqual({
      refused: LOGIN_ATTEMPTS_PER_EMAIL.limit - 1,
      limited: 100 - (LOGIN_ATTEMPTS_PER_EMAIL.limit - 1),
    });

    // Throttled: the right password is refused as well, while another account still signs in.
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(429);
    await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);

    // Each attempt that was checked is audited once, without the password; a throttled one is
    // answered before any work (so a flood cannot fill the audit log).
    const rows = await t.sql.query(
      `SELECT details::text AS details FROM audit_log WHERE entity_id = $1 AND action = 'auth.login_failed'`,
      [user.id],
    );
    expect(rows.rows).toHaveLength(refused);
    for (const row of rows.rows) {
      expect(JSON.parse(row.details)).toEqual({ email: user.email, reason: 'wrong_password' });
      expect(row.details).not.toContain('wrong guess');
    }
  });

  it('keeps its own key and users while another app runs in the same process', async () => {
    const token = await t.adminToken();
    const other = await startTestApp();
    try {
      const otherToken = await other.adminToken();
      await me(token).expect(200);
      await other.http().get('/api/v1/localities').auth(otherToken, { type: 'bearer' }).expect(200);
      // Each app verifies with its own key: neither accepts the other's tokens.
      await me(otherToken).expect(401);
      await other.http().get('/api/v1/localities').auth(token, { type: 'bearer' }).expect(401);
    } finally {
      await other.close();
    }
    await me(token).expect(200);
  });
});
