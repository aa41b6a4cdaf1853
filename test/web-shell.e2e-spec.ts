import { createUser, TestUser } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, webClient } from './support/web-session';

describe('the web app’s shell: sign-in, sessions, CSRF, error pages, assets', () => {
  let t: TestApp;
  let practitioner: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    practitioner = await createUser(t, 'practitioner');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sends a visitor without a session to /sign-in, and back to the page after signing in', async () => {
    const client = webClient(t);
    const first = await client.agent.get('/notifications').expect(303);
    expect(first.headers.location).toBe('/sign-in');
    const form = await client.agent.get('/sign-in').expect(200);
    expect(form.text).toContain('<h1 class="govuk-heading-l">Sign in</h1>');
    expect(form.text).toMatch(/<label[^>]*for="email"[^>]*>\s*Email address\s*<\/label>/);
    expect(form.text).toMatch(/<label[^>]*for="password"[^>]*>\s*Password\s*<\/label>/);
    const response = await client.post('/sign-in', {
      email: practitioner.email,
      password: TEST_PASSWORD,
    });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/notifications');
    const page = await client.agent.get('/notifications').expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Notifications</h1>');
  });

  it('says "Enter a correct email address and password" for a wrong password and an unknown email alike', async () => {
    for (const [email, password] of [
      [practitioner.email, 'not the password at all'],
      ['nobody@example.invalid', TEST_PASSWORD],
    ]) {
      const response = await webClient(t).post('/sign-in', { email, password });
      expect(response.status).toBe(401);
      expect(response.text).toContain('Enter a correct email address and password');
      expect(response.text).toContain('There is a problem');
      expect(response.text).not.toContain(password);
    }
  });

  it('shows My work with the user’s name and a Sign out button, and signs out with a POST', async () => {
    const client = await signedIn(t, practitioner.email, TEST_PASSWORD);
    const home = await client.agent.get('/').expect(200);
    expect(home.text).toContain('<h1 class="govuk-heading-l">My work</h1>');
    expect(home.text).toContain('Skip to main content');
    expect(home.text).toContain('govuk-phase-banner');
    expect(home.text).toContain('<footer');
    expect(home.text).toMatch(/<button[^>]*>\s*Sign out\s*<\/button>/);
    const out = await client.post('/sign-out', {}, '/');
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in');
    await client.agent.get('/').expect(303);
  });

  it('answers a POST without a valid CSRF token with 403 and changes nothing', async () => {
    const client = await signedIn(t, practitioner.email, TEST_PASSWORD);
    const forged = await client.agent.post('/sign-out').type('form').send({ _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('You cannot do this');
    await client.agent.get('/').expect(200);
  });

  it('shows the Page not found page for an unknown path, and JSON on the API', async () => {
    const client = await signedIn(t, practitioner.email, TEST_PASSWORD);
    const page = await client.agent.get('/no-such-page').expect(404);
    expect(page.text).toContain('Page not found');
    const api = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(api.body).toMatchObject({ statusCode: 404 });
  });

  it('serves GOV.UK Frontend from node_modules under a fingerprinted, long-cached URL, and a nonce CSP', async () => {
    const page = await webClient(t).agent.get('/sign-in').expect(200);
    const css = /href="(\/assets\/[0-9a-f]{12}\/govuk-frontend\.min\.css)"/.exec(page.text)?.[1];
    expect(css).toBeDefined();
    const file = await t.http().get(css!).expect(200);
    expect(file.headers['cache-control']).toContain('immutable');
    const font = /url\((\/assets\/[0-9a-f]{12}\/fonts\/[^)]+\.woff2)\)/.exec(file.text)?.[1];
    await t.http().get(font!).expect(200);
    const csp = String(page.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).not.toContain('unsafe-inline');
    for (const script of page.text.match(/<script[^>]*>/g) ?? []) {
      expect(script).toContain(`nonce="${nonce}"`);
    }
  });

  it('gives the dashboard’s scripts an API token from the session, never without one', async () => {
    const ask = (client = webClient(t)) =>
      client.agent.get('/dashboard/session').set('X-Continuum-Dashboard', '1');
    const none = await ask().expect(401);
    expect(none.body).toMatchObject({ statusCode: 401 });
    const client = await signedIn(t, practitioner.email, TEST_PASSWORD);
    // A cross-site page cannot send the header (a custom header needs CORS, which is off).
    await client.agent.get('/dashboard/session').expect(400);
    const answer = await ask(client).expect(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const { accessToken, expiresIn, csrfToken } = answer.body as Record<string, unknown>;
    expect(expiresIn).toBe(t.settings.env.jwtExpiresInSeconds);
    expect(typeof csrfToken).toBe('string');
    await t
      .http()
      .get('/api/v1/localities')
      .auth(String(accessToken), { type: 'bearer' })
      .expect(200);
    // Signing out with the token it gave ends the session.
    await client.agent.post('/sign-out').type('form').send({ _csrf: csrfToken }).expect(303);
    await ask(client).expect(401);
  });
});
