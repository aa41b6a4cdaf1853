import type { Browser, Page } from 'playwright-core';
import { createTeam, Team } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import {
  BROWSER_TIMEOUT,
  expectNoAxeViolations,
  JS_MODES,
  launchChromium,
  listen,
  openPage,
  screenshot,
  scrollsSideways,
  signIn,
} from './support';

jest.setTimeout(8 * BROWSER_TIMEOUT);

/** Fills "Register a child" as a practitioner would (the locality is preselected: they have one). */
async function fillChild(
  page: Page,
  child: {
    givenName: string;
    familyName?: string;
    day: string;
    month: string;
    year: string;
    gender: string;
  },
): Promise<void> {
  await page.getByLabel('First name').fill(child.givenName);
  if (child.familyName !== undefined) await page.getByLabel('Last name').fill(child.familyName);
  await page.getByLabel('Day').fill(child.day);
  await page.getByLabel('Month').fill(child.month);
  await page.getByLabel('Year').fill(child.year);
  await page.getByLabel(child.gender, { exact: true }).check();
}

async function at320(page: Page, state: string, name: string | undefined): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  await expect(scrollsSideways(page)).resolves.toBe(false);
  await expectNoAxeViolations(page, `${state} at 320 px`);
  if (name) await screenshot(page, `${name}-320`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('finding and registering children in Chromium: search, register, duplicates, brothers and sisters, the chronology', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let team: Team;

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    team = await createTeam(t);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    const shots = mode.javaScriptEnabled; // the README's pictures are of the enhanced pages
    const familyName = mode.javaScriptEnabled ? 'Ashworth' : 'Brennan';

    it('a practitioner finds nobody, registers a child, is warned of a duplicate, registers a brother and opens the chronology', async () => {
      const { context, page, problems } = await openPage(browser, mode);
      await page.goto(`${baseUrl}/sign-in`);
      await signIn(page, team.practitioner.email, TEST_PASSWORD);
      await page.waitForURL(`${baseUrl}/`);
      await page.getByRole('navigation').getByRole('link', { name: 'Find a child' }).click();
      await page.getByRole('heading', { level: 1, name: 'Find a child' }).waitFor();
      await expectNoAxeViolations(page, 'Find a child');
      if (shots) await screenshot(page, 'child-search');

      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('There is a problem').waitFor();
      await expect(page.title()).resolves.toBe('Error: Find a child – Continuum');
      await expectNoAxeViolations(page, 'Find a child with an error');

      await page.getByLabel('Name', { exact: true }).fill(familyName);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('No children match your search.').waitFor();
      expect(page.url()).toBe(`${baseUrl}/children/search`);
      await expectNoAxeViolations(page, 'Find a child with no results');
      if (shots) await screenshot(page, 'child-search-no-results');

      await page.getByRole('navigation').getByRole('link', { name: 'Register a child' }).click();
      await page.getByRole('heading', { level: 1, name: 'Register a child' }).waitFor();
      await expectNoAxeViolations(page, 'Register a child');
      if (shots) await screenshot(page, 'child-new');
      await page.getByRole('button', { name: 'Register child' }).click();
      await page.getByText('There is a problem').waitFor();
      await page.locator('#givenName-error').waitFor();
      await expectNoAxeViolations(page, 'Register a child with errors');
      if (shots) await screenshot(page, 'child-new-errors');
      await at320(page, 'Register a child with errors', shots ? 'child-new-errors' : undefined);

      const amelia = {
        givenName: 'Amelia',
        familyName,
        day: '14',
        month: '5',
        year: '2015',
        gender: 'Female',
      };
      await fillChild(page, amelia);
      await page
        .getByLabel('NHS number (optional)')
        .fill(mode.javaScriptEnabled ? '943 476 5919' : '401 023 2137');
      await page.getByRole('button', { name: 'Register child' }).click();
      await page.getByRole('heading', { level: 1, name: `Amelia ${familyName}` }).waitFor();
      await page.getByText('Child registered').waitFor();
      const ameliaUrl = page.url();
      expect(ameliaUrl).toMatch(/\/children\/[0-9a-f-]{36}$/);
      await expectNoAxeViolations(page, 'the child’s page');
      if (shots) await screenshot(page, 'child');
      await at320(page, 'the child’s page', shots ? 'child' : undefined);

      // The same name, date of birth and locality again: registered, with a warning naming the first.
      await page.getByRole('navigation').getByRole('link', { name: 'Register a child' }).click();
      await fillChild(page, amelia);
      await page.getByRole('button', { name: 'Register child' }).click();
      await page.getByTestId('possible-duplicates').waitFor();
      await page.getByRole('link', { name: `Amelia ${familyName}, born 14 May 2015` }).waitFor();
      await expectNoAxeViolations(page, 'the child’s page with a possible duplicate');
      if (shots) await screenshot(page, 'child-possible-duplicate');

      await page.getByRole('link', { name: `Amelia ${familyName}, born 14 May 2015` }).click();
      await page.waitForURL(ameliaUrl);
      await page.getByRole('link', { name: 'Register a brother or sister' }).click();
      await page
        .getByText(`You are registering a brother or sister of Amelia ${familyName}`)
        .waitFor();
      await expect(page.getByLabel('Last name').inputValue()).resolves.toBe(familyName);
      await expectNoAxeViolations(page, 'Register a brother or sister');
      if (shots) await screenshot(page, 'child-new-sibling');
      await fillChild(page, {
        givenName: 'Oscar',
        day: '2',
        month: '9',
        year: '2018',
        gender: 'Male',
      });
      await page.getByRole('button', { name: 'Register child' }).click();
      await page.getByRole('heading', { level: 1, name: `Oscar ${familyName}` }).waitFor();
      await page
        .getByTestId('household')
        .getByRole('link', { name: `Amelia ${familyName}` })
        .waitFor();

      await page.goto(ameliaUrl);
      await page
        .getByTestId('household')
        .getByRole('link', { name: `Oscar ${familyName}` })
        .waitFor();
      await expectNoAxeViolations(page, 'the child’s page with a household');

      // Something to show in the chronology: a case and two notes, recorded through the API.
      const childId = ameliaUrl.split('/').pop()!;
      const caseId = (
        await t
          .http()
          .post('/api/v1/cases')
          .auth(team.practitioner.token, { type: 'bearer' })
          .send({ childId })
          .expect(201)
      ).body.id as string;
      for (const [kind, text] of [
        ['home_visit', 'Visited at home with mum'],
        ['significant_event', 'Excluded from school for a week'],
      ]) {
        await t
          .http()
          .post(`/api/v1/cases/${caseId}/notes`)
          .auth(team.practitioner.token, { type: 'bearer' })
          .send({ kind, occurredAt: '2026-11-20T10:00:00Z', text })
          .expect(201);
      }
      await page.reload();
      await page.getByTestId('latest-chronology').waitFor();
      await page.getByRole('link', { name: 'See the full chronology' }).click();
      await page.getByRole('heading', { level: 1, name: 'Chronology' }).waitFor();
      await page.getByTestId('chronology').waitFor();
      await expectNoAxeViolations(page, 'the chronology');
      if (shots) await screenshot(page, 'child-chronology');
      await at320(page, 'the chronology', shots ? 'child-chronology' : undefined);
      const all = await page.locator('.moj-timeline__item').count();

      await page.getByLabel('Significant entries only').check();
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/significantOnly=true/);
      await expect(page.locator('.moj-timeline__item').count()).resolves.toBeLessThan(all);
      await expectNoAxeViolations(page, 'the chronology, significant entries only');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows a practitioner not linked to the child the "Page not found" page', async () => {
      const linked = await t
        .http()
        .post('/api/v1/children')
        .auth(team.practitioner.token, { type: 'bearer' })
        .send({
          givenName: 'Nell',
          familyName,
          dateOfBirth: '2016-01-02',
          gender: 'female',
          localityId: team.localityId,
        })
        .expect(201);
      const stranger = await team.add('practitioner');
      const { context, page, problems } = await openPage(browser, mode);
      await page.goto(`${baseUrl}/sign-in`);
      await signIn(page, stranger.email, TEST_PASSWORD);
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      const response = await page.goto(`${baseUrl}/children/${linked.body.id as string}`);
      expect(response?.status()).toBe(404);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await expect(page.content()).resolves.not.toContain('Nell');
      await expectNoAxeViolations(page, 'the Page not found page for a child not linked');
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
