import type { Browser } from 'playwright-core';
import { createLocality, createUser, TestUser } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { signedIn } from '../support/web-session';
import {
  BROWSER_TIMEOUT,
  CHART_ANIMATIONS,
  chartsStopAnimating,
  launchChromium,
  listen,
  openPage,
  Plan,
  planIndicators,
  RAG_LABELS,
  readCards,
  screenshot,
  signIn,
  waitForIndicators,
} from './dashboard-page';

jest.setTimeout(4 * BROWSER_TIMEOUT);

describe('the managers’ dashboard in Chromium (docs/domain.md#indicators)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let manager: TestUser;
  let plan: Plan;
  const localityNames = ['East', 'West', 'Central'];
  const localityIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    for (const name of localityNames) localityIds.push((await createLocality(t, name)).id);
    manager = await createUser(t, 'performance_manager', { localityIds: [] });
    const plans = await t
      .http()
      .get('/api/v1/plans')
      .auth(manager.token, { type: 'bearer' })
      .expect(200);
    plan = plans.body as Plan;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves the page behind the web session, and its files outside the API to anyone, with their types and no inline script', async () => {
    const visitor = await t.http().get('/dashboard').expect(303);
    expect(visitor.headers.location).toBe('/sign-in');
    const client = await signedIn(t, manager.email, TEST_PASSWORD);
    const page = await client.agent.get('/dashboard').expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.text).not.toMatch(/\sstyle=/);
    expect(page.text).not.toMatch(/\son[a-z]+=/);

    const files: [string, RegExp][] = [
      ['/dashboard/app.js', /^text\/javascript/],
      ['/dashboard/session.js', /^text\/javascript/],
      ['/dashboard/app.css', /^text\/css/],
      ['/dashboard/vendor/chart.umd.js', /^text\/javascript/],
    ];
    for (const [path, type] of files) {
      const file = await t.http().get(path).expect(200);
      expect(file.headers['content-type']).toMatch(type);
      const etag = String(file.headers['etag']);
      await t.http().get(path).set('If-None-Match', etag).expect(304);
    }

    await t.http().get('/api/v1/dashboard').expect(404);
    await t.http().get('/dashboard/index.html').expect(404);
    await t.http().get('/dashboard/%2e%2e/package.json').expect(404);
    await t.http().get('/dashboard/vendor/..%2f..%2fpackage.json').expect(404);
    const openApi = await t.http().get('/api/v1/openapi.json').expect(200);
    expect(Object.keys((openApi.body as { paths: object }).paths).join()).not.toMatch(/dashboard/);
  });

  it('shows a performance manager every indicator of the plan with its RAG label and an 8-quarter trend per locality', async () => {
    const indicators = planIndicators(plan);
    expect(indicators.length).toBeGreaterThan(0);
    const { page, problems } = await openPage(browser);
    await page.goto(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await signIn(page, manager.email, TEST_PASSWORD);
    await waitForIndicators(page);

    const cards = await readCards(page);
    expect(cards.map((card) => card.code).sort()).toEqual(
      indicators.map((indicator) => indicator.code).sort(),
    );
    for (const card of cards) {
      expect(RAG_LABELS.filter((label) => card.rag.includes(label))).toHaveLength(1);
      expect(card).toMatchObject({ canvases: 1, chartLabels: 8, tableRows: 8 });
      expect(card.width).toBeGreaterThan(200);
      expect(card.height).toBeGreaterThan(150);
      expect(card.chartDatasets).toEqual(
        expect.arrayContaining(['Whole authority', ...localityNames]),
      );
      expect(card.ariaLabel).toMatch(/Q1 2010-11 to Q4 2011-12/);
    }
    await expect(page.locator('#end-quarter').inputValue()).resolves.toBe('FY2011-12-Q4');
    await expect(page.locator('#alert').textContent()).resolves.toBe('');
    // Chart animation follows the user's reduced-motion preference, even once drawn.
    await expect(page.evaluate<boolean[]>(CHART_ANIMATIONS)).resolves.toContain(true);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(chartsStopAnimating(page)).resolves.toBe(true);
    await screenshot(page, 'dashboard.png');

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(500);
    await screenshot(page, 'dashboard-1920.png');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a locality manager every indicator, with a line for each locality', async () => {
    const localityManager = await createUser(t, 'locality_manager', {
      localityIds: [localityIds[0]],
    });
    const { page, problems } = await openPage(browser, { width: 1920, height: 1080 });
    await page.goto(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await signIn(page, localityManager.email, TEST_PASSWORD);
    await waitForIndicators(page);

    const cards = await readCards(page);
    expect(cards).toHaveLength(planIndicators(plan).length);
    for (const card of cards) {
      expect(card.chartDatasets).toEqual(expect.arrayContaining(localityNames));
      expect(card.tableRows).toBe(8);
    }
    await expect(page.locator('#alert').textContent()).resolves.toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells a user whose role cannot read indicators so, instead of an empty page', async () => {
    const practitioner = await createUser(t, 'practitioner');
    const { page } = await openPage(browser);
    await page.goto(`${baseUrl}/dashboard`);
    await signIn(page, practitioner.email, TEST_PASSWORD);
    await page
      .locator('#alert', { hasText: 'Your role cannot see the plan’s indicators' })
      .waitFor();
    await expect(page.locator('[data-indicator]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('signs in through the service’s sign-in page and back, and signs out of the service', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await page.waitForURL(`${baseUrl}/sign-in`);
    await signIn(page, manager.email, 'not the password');
    await page.getByText('Enter a correct email address and password').first().waitFor();
    await signIn(page, manager.email, TEST_PASSWORD);
    await page.waitForURL(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await waitForIndicators(page);

    // The web app's pages are open in the same session: no second sign-in.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    await page.goto(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await waitForIndicators(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/sign-in`);
    await expect(page.evaluate<number>('sessionStorage.length')).resolves.toBe(0);
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForURL(`${baseUrl}/sign-in`);
    // The sign-in page answers a wrong password with 401, which Chromium logs.
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
    await page.close();
  });
});
