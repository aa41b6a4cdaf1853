import type { Browser, Page } from 'playwright-core';
import { createTeam, Team, TestUser } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  BROWSER_TIMEOUT,
  expectNoAxeViolations,
  JS_MODES,
  launchChromium,
  listen,
  screenshot,
  scrollsSideways,
  signedInPage,
} from './support';

jest.setTimeout(8 * BROWSER_TIMEOUT);

/** One element's radio, found inside its fieldset by the legend (the level labels repeat 19 times). */
function level(page: Page, element: string, label: string) {
  return page.getByRole('group', { name: element, exact: true }).getByLabel(label, { exact: true });
}

async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

describe('the CAF journey in Chromium: start, a draft over two sittings, consent, completion, the tier', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let team: Team;

  /** A child registered and a CAF started through the API (the child pages are another page set's). */
  async function startCase(owner: TestUser, familyName: string): Promise<string> {
    const child = await t
      .http()
      .post('/api/v1/children')
      .auth(owner.token, { type: 'bearer' })
      .send({
        givenName: 'Ava',
        familyName,
        dateOfBirth: '2016-05-04',
        gender: 'female',
        localityId: team.localityId,
      })
      .expect(201);
    const created = await t
      .http()
      .post('/api/v1/cases')
      .auth(owner.token, { type: 'bearer' })
      .send({ childId: child.body.id })
      .expect(201);
    return created.body.id as string;
  }

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    team = await createTeam(t, { locality: 'Journey East', otherLocality: 'Journey West' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    const shots = mode.javaScriptEnabled;
    const suffix = mode.javaScriptEnabled ? 'On' : 'Off';

    it('a practitioner saves the CAF over two sittings, records consent, completes it and records the suggested tier', async () => {
      const { context, page, problems } = await signedInPage(
        browser,
        baseUrl,
        mode,
        team.practitioner,
      );
      const caseId = await startCase(team.practitioner, `Journey${suffix}`);

      await page.goto(`${baseUrl}/cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: `CAF for Ava Journey${suffix}` }).waitFor();
      await expectNoAxeViolations(page, 'the case page of a new case');
      if (shots) await screenshot(page, 'case-overview');

      // First sitting.
      await page.getByRole('button', { name: 'Edit the CAF' }).click();
      await page.getByRole('heading', { level: 1, name: 'CAF assessment' }).waitFor();
      await expectNoAxeViolations(page, 'the empty CAF form');
      if (shots) await screenshot(page, 'caf-form');
      await level(page, 'General health', '2 – Complex need').check();
      await page.getByLabel('Notes on general health').fill('Asthma; missed 12 days this term');
      await page
        .getByLabel('Strengths', { exact: true })
        .fill('Loves football and her little brother');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      await page.getByText('CAF draft saved').first().waitFor();
      await expectNoAxeViolations(page, 'the case page after a draft was saved');

      // Second sitting: everything from the first is there.
      await page.getByRole('button', { name: 'Edit the CAF' }).click();
      await expect(level(page, 'General health', '2 – Complex need').isChecked()).resolves.toBe(
        true,
      );
      await expect(page.getByLabel('Notes on general health').inputValue()).resolves.toBe(
        'Asthma; missed 12 days this term',
      );
      await level(page, 'Wider family', '2 – Complex need').check();
      await level(page, 'Aspirations', '0 – Strength or no additional need').check();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);

      // Completing without consent is refused in words.
      await page.getByRole('button', { name: 'Complete CAF' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Check your answers before completing the CAF' })
        .waitFor();
      await expectNoAxeViolations(page, 'check your answers');
      if (shots) await screenshot(page, 'caf-check-answers');
      await page.getByRole('button', { name: 'Complete CAF' }).click();
      await page
        .getByText('The CAF cannot be completed without the family’s consent to the assessment')
        .first()
        .waitFor();
      await expectNoAxeViolations(page, 'check your answers without consent');

      // Consent: a mistake first, then right.
      await page.goto(`${baseUrl}/cases/${caseId}/consent`);
      await page.getByRole('heading', { level: 1, name: 'Record consent' }).waitFor();
      await page.getByLabel('Given by').fill('Grace Journey');
      await page.getByRole('button', { name: 'Record consent' }).click();
      await page.getByText('There is a problem').first().waitFor();
      await expect(page.getByLabel('Given by').inputValue()).resolves.toBe('Grace Journey');
      await expectNoAxeViolations(page, 'the consent form with errors');
      if (shots) await screenshot(page, 'consent-errors');
      await page.getByLabel('Parent', { exact: true }).check();
      await fillDate(page, 'Given on', '2', '11', '2026');
      await page.getByLabel('The assessment').check();
      await page.getByRole('button', { name: 'Record consent' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      await page.getByText('Consent recorded').first().waitFor();

      // Completion, and the suggestion with its reasons.
      await page.getByRole('button', { name: 'Complete CAF' }).click();
      await page.getByRole('button', { name: 'Complete CAF' }).click();
      await page.getByRole('heading', { name: 'CAF completed' }).waitFor();
      await page.getByText('Suggested tier: Tier 3 – complex needs').first().waitFor();
      await page
        .getByRole('listitem')
        .filter({ hasText: /^Wider family$/ })
        .waitFor();
      await expectNoAxeViolations(page, 'the CAF completed page');
      if (shots) await screenshot(page, 'caf-completed');

      // The tier as suggested: confirmed at once, the case is active.
      await page.getByRole('button', { name: 'Record tier decision' }).click();
      await page.getByRole('heading', { level: 1, name: 'Record tier decision' }).waitFor();
      await expectNoAxeViolations(page, 'the tier decision form');
      if (shots) await screenshot(page, 'tier-decision');
      await page.getByLabel('Tier 3 – complex needs').check();
      await page.getByRole('button', { name: 'Record tier decision' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      await page.getByText('Tier decision recorded').first().waitFor();
      await page.getByText('Active', { exact: true }).first().waitFor();
      await expectNoAxeViolations(page, 'the case page of an active case');

      // At 320 px nothing scrolls sideways.
      await page.setViewportSize({ width: 320, height: 800 });
      for (const path of ['', '/assessment', '/consent', '/notes/new']) {
        await page.goto(`${baseUrl}/cases/${caseId}${path}`);
        await expect(scrollsSideways(page)).resolves.toBe(false);
        await expectNoAxeViolations(page, `${path || 'the case page'} at 320 px`);
        if (shots && path === '/assessment') await screenshot(page, 'caf-form-320');
      }
      expect(problems).toEqual([]);
      await context.close();
    });

    it('a tier other than the suggestion needs a reason and waits for a locality manager, who confirms it', async () => {
      const practitioner = await signedInPage(browser, baseUrl, mode, team.practitioner);
      const caseId = await startCase(team.practitioner, `Differing${suffix}`);
      const { page } = practitioner;
      await page.goto(`${baseUrl}/cases/${caseId}/assessment`);
      await level(page, 'General health', '1 – Additional need').check();
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/consent`)
        .auth(team.practitioner.token, { type: 'bearer' })
        .send({
          givenBy: 'Grace',
          relationship: 'parent',
          givenAt: '2026-11-02',
          scope: ['assessment'],
        })
        .expect(201);
      await page.goto(`${baseUrl}/cases/${caseId}/complete`);
      await page.getByRole('button', { name: 'Complete CAF' }).click();
      await page.getByText('Suggested tier: Tier 2 – additional needs').first().waitFor();
      await page.getByRole('button', { name: 'Record tier decision' }).click();
      await page.getByLabel('Tier 3 – complex needs').check();
      await page.getByRole('button', { name: 'Record tier decision' }).click();
      await page.getByText('Enter why the tier differs from the suggested tier').first().waitFor();
      await expectNoAxeViolations(page, 'the tier form without a reason');
      if (shots) await screenshot(page, 'tier-decision-reason-missing');
      await page.getByLabel('Reason').fill('Police and housing are already involved');
      await page.getByRole('button', { name: 'Record tier decision' }).click();
      await page.getByText('it now waits for a locality manager’s confirmation').first().waitFor();
      await practitioner.context.close();

      const manager = await signedInPage(browser, baseUrl, mode, team.localityManager);
      await manager.page.goto(`${baseUrl}/cases/${caseId}/tier`);
      await manager.page
        .getByRole('heading', { level: 1, name: 'Confirm tier decision' })
        .waitFor();
      await manager.page.getByText('Police and housing are already involved').first().waitFor();
      await expectNoAxeViolations(manager.page, 'the confirmation page');
      if (shots) await screenshot(manager.page, 'tier-confirmation');
      await manager.page.getByLabel(/Yes, confirm/).check();
      await manager.page.getByRole('button', { name: 'Save decision' }).click();
      await manager.page.getByText('Tier confirmed').first().waitFor();
      await expectNoAxeViolations(manager.page, 'the case page after confirmation');
      expect(manager.problems).toEqual([]);
      await manager.context.close();
    });

    it('a save over someone else’s change shows who and when, keeps the answers typed, and saves only when chosen', async () => {
      const { context, page, problems } = await signedInPage(
        browser,
        baseUrl,
        mode,
        team.practitioner,
      );
      const caseId = await startCase(team.practitioner, `Stale${suffix}`);
      await page.goto(`${baseUrl}/cases/${caseId}/assessment`);
      const current = await t
        .http()
        .get(`/api/v1/cases/${caseId}`)
        .auth(team.localityManager.token, { type: 'bearer' })
        .expect(200);
      await t
        .http()
        .put(`/api/v1/cases/${caseId}/assessment`)
        .auth(team.localityManager.token, { type: 'bearer' })
        .send({
          elements: [{ code: 'aspirations', level: 1 }],
          version: current.body.assessment.version,
        })
        .expect(200);
      await level(page, 'General health', '1 – Additional need').check();
      await page.getByLabel('Notes on general health').fill('Typed while someone else saved');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Someone else has changed this record').first().waitFor();
      await expect(page.getByLabel('Notes on general health').inputValue()).resolves.toBe(
        'Typed while someone else saved',
      );
      await expectNoAxeViolations(page, 'the CAF form with a stale version');
      if (shots) await screenshot(page, 'caf-stale-version');
      const unchanged = await t
        .http()
        .get(`/api/v1/cases/${caseId}`)
        .auth(team.practitioner.token, { type: 'bearer' })
        .expect(200);
      expect(unchanged.body.assessment.elements).toEqual([{ code: 'aspirations', level: 1 }]);
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
