import type { Browser } from 'playwright-core';
import { createTeam, Team, TestUser } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import {
  BROWSER_TIMEOUT,
  expectNoAxeViolations,
  JS_MODES,
  launchChromium,
  listen,
  screenshot,
  signedInPage,
} from './support';

jest.setTimeout(8 * BROWSER_TIMEOUT);

describe('the locality manager’s page and the admin pages in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let team: Team;

  /** A case whose CAF suggested tier 2 and whose practitioner proposed tier 3 (through the API). */
  async function caseAwaitingConfirmation(familyName: string): Promise<string> {
    const auth = { type: 'bearer' as const };
    const token = team.practitioner.token;
    const child = await t
      .http()
      .post('/api/v1/children')
      .auth(token, auth)
      .send({
        givenName: 'Nia',
        familyName,
        dateOfBirth: '2015-03-02',
        gender: 'female',
        localityId: team.localityId,
      })
      .expect(201);
    const created = await t
      .http()
      .post('/api/v1/cases')
      .auth(token, auth)
      .send({ childId: child.body.id })
      .expect(201);
    const caseId = created.body.id as string;
    const current = await t.http().get(`/api/v1/cases/${caseId}`).auth(token, auth).expect(200);
    await t
      .http()
      .put(`/api/v1/cases/${caseId}/assessment`)
      .auth(token, auth)
      .send({
        elements: [{ code: 'general_health', level: 1 }],
        version: current.body.assessment?.version ?? current.body.version,
      })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/cases/${caseId}/consent`)
      .auth(token, auth)
      .send({
        givenBy: 'Ada Lowe',
        relationship: 'parent',
        givenAt: '2026-11-02',
        scope: ['assessment'],
      })
      .expect(201);
    await t.http().post(`/api/v1/cases/${caseId}/assessment/complete`).auth(token, auth).send({});
    await t
      .http()
      .post(`/api/v1/cases/${caseId}/tier`)
      .auth(token, auth)
      .send({ tier: 3, reason: 'Police and housing are already involved' });
    return caseId;
  }

  /** An open initial assessment in the team's locality (through the API). */
  async function openInitialAssessment(referredAt: string): Promise<void> {
    const as = (path: string, body: object) =>
      t.http().post(path).auth(team.socialCare.token, { type: 'bearer' }).send(body);
    const child = await as('/api/v1/children', {
      givenName: 'Ola',
      familyName: `Reed${Math.random().toString(36).slice(2, 7)}`,
      dateOfBirth: '2014-06-01',
      gender: 'male',
      localityId: team.localityId,
    }).expect(201);
    const referral = await as('/api/v1/referrals', {
      childId: child.body.id,
      referredAt,
      source: 'police',
      reason: 'Concern raised by the police',
      safeguarding: true,
      safeguardingReason: 'Risk of significant harm',
    }).expect(201);
    await as(`/api/v1/referrals/${referral.body.id}/decision`, {
      outcome: 'initial_assessment',
      decidedAt: referredAt,
    });
    await as(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
      assignedToUserId: team.socialCare.id,
    }).expect(201);
  }

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    team = await createTeam(t, { locality: 'Admin East', otherLocality: 'Admin West' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    const shots = mode.javaScriptEnabled;
    const suffix = mode.javaScriptEnabled ? 'On' : 'Off';

    it('the locality manager confirms a differing tier from /locality', async () => {
      const caseId = await caseAwaitingConfirmation(`Locality${suffix}`);
      const manager: TestUser = team.localityManager;
      const { context, page, problems } = await signedInPage(browser, baseUrl, mode, manager);
      await page.getByRole('link', { name: 'Locality', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Your localities' }).waitFor();
      await expectNoAxeViolations(page, 'the locality page with a decision awaiting confirmation');
      if (shots) await screenshot(page, 'locality');

      await page.locator(`[data-case="${caseId}"] a[href="/cases/${caseId}/tier"]`).click();
      await page.getByRole('heading', { level: 1, name: 'Confirm tier decision' }).waitFor();
      await expectNoAxeViolations(page, 'the confirmation page from /locality');
      await page.getByLabel(/Yes, confirm/).check();
      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.getByText('Tier confirmed').first().waitFor();
      await expectNoAxeViolations(page, 'the case after confirmation');

      await page.goto(`${baseUrl}/locality`);
      await page.getByRole('heading', { level: 1, name: 'Your localities' }).waitFor();
      await expect(page.locator(`a[href="/cases/${caseId}/tier"]`).count()).resolves.toBe(0);
      await expect(
        page.locator(`#without-lead ~ table [data-case="${caseId}"]`).count(),
      ).resolves.toBe(1);
      await page.getByRole('link', { name: /Active, Tier 3/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Active cases, tier 3' }).waitFor();
      await expectNoAxeViolations(page, 'the list of a count');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('an admin adds a user, who signs in; the admin deactivates them and their open session ends', async () => {
      const admin = await signedInPage(browser, baseUrl, mode, team.admin);
      const { page } = admin;
      await page.getByRole('link', { name: 'Users', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
      await expectNoAxeViolations(page, 'the users list');
      if (shots) await screenshot(page, 'admin-users');

      await page.getByRole('link', { name: 'Add a user' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add a user' }).waitFor();
      await expectNoAxeViolations(page, 'the empty add-a-user form');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, 'the add-a-user form with errors');

      const email = `lee.${suffix.toLowerCase()}@example.gov.uk`;
      const password = 'a-long-password-1';
      await page.getByLabel('Name', { exact: true }).fill(`Lee Holt ${suffix}`);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Practitioner').check();
      await page.getByLabel('Agency').selectOption({ index: 1 });
      await page.getByLabel('Admin East').check();
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByText('User added').first().waitFor();
      await page.getByRole('heading', { level: 1, name: `Lee Holt ${suffix}` }).waitFor();
      await expectNoAxeViolations(page, 'the new user’s page');

      const lee = await signedInPage(browser, baseUrl, mode, { email }, password);
      await lee.page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();

      await page.getByRole('link', { name: `Deactivate Lee Holt ${suffix}` }).click();
      await page
        .getByRole('heading', { level: 1, name: `Deactivate Lee Holt ${suffix}?` })
        .waitFor();
      await expectNoAxeViolations(page, 'the deactivation confirmation');
      await page.getByRole('button', { name: 'Deactivate user' }).click();
      await page.getByText(`Lee Holt ${suffix} is deactivated and signed out`).first().waitFor();
      await expectNoAxeViolations(page, 'the deactivated user’s page');

      await lee.page.goto(`${baseUrl}/notifications`);
      await lee.page.waitForURL(`${baseUrl}/sign-in`);
      await lee.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(admin.problems).toEqual([]);
      expect(lee.problems).toEqual([]);
      await lee.context.close();
      await admin.context.close();
    });

    it('an admin adds a closure day after seeing which due dates it moves', async () => {
      await openInitialAssessment('2026-11-23');
      const day = mode.javaScriptEnabled ? '25' : '26';
      const { context, page, problems } = await signedInPage(browser, baseUrl, mode, team.admin);
      await page.getByRole('link', { name: 'Closure days', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Closure days' }).waitFor();
      await expectNoAxeViolations(page, 'the closure days page');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, 'the closure form with errors');

      const date = page.getByRole('group', { name: 'Date' });
      await date.getByLabel('Day').fill(day);
      await date.getByLabel('Month').fill('11');
      await date.getByLabel('Year').fill('2026');
      await page.getByLabel('Where are the offices closed?').selectOption({ label: 'Admin East' });
      await page.getByLabel('Reason').fill('Office move');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Check the closure day' }).waitFor();
      await page.getByText(/Adding this day moves the due dates of \d+ open assessment/).waitFor();
      await expectNoAxeViolations(page, 'the check page with the due dates it moves');
      if (shots) await screenshot(page, 'admin-closures');
      await page.getByRole('button', { name: 'Add closure day' }).click();
      await page.getByText('Closure day added').first().waitFor();
      await page.locator(`[data-closure="2026-11-${day}"]`).waitFor();
      await expectNoAxeViolations(page, 'the closure days page after adding one');

      // A day no open assessment's window holds: the check page says so, and offers the button.
      await date.getByLabel('Day').fill(mode.javaScriptEnabled ? '13' : '14');
      await date.getByLabel('Month').fill('11');
      await date.getByLabel('Year').fill('2030');
      await page.getByLabel('Where are the offices closed?').selectOption({ label: 'Admin East' });
      await page.getByLabel('Reason').fill('Staff training');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Check the closure day' }).waitFor();
      await page.getByText('No open assessment’s due date moves.').waitFor();
      await page.getByRole('button', { name: 'Add closure day' }).waitFor();
      await expectNoAxeViolations(page, 'the check page when no due date moves');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('an admin adds an agency, and takes a snapshot then recomputes it after a confirmation', async () => {
      const { context, page, problems } = await signedInPage(browser, baseUrl, mode, team.admin);
      await page.getByRole('link', { name: 'Agencies', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
      await expectNoAxeViolations(page, 'the agencies page');
      await page.getByRole('button', { name: 'Add agency' }).click();
      await page.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(page, 'the agency form with errors');
      await page.getByLabel('Name', { exact: true }).fill(`Brook Lane Surgery ${suffix}`);
      await page.getByLabel('Kind of agency').selectOption({ label: 'Health' });
      await page.getByRole('button', { name: 'Add agency' }).click();
      await page.getByText(`Brook Lane Surgery ${suffix} added`).first().waitFor();
      await expectNoAxeViolations(page, 'the agencies page after adding one');

      await page.getByRole('link', { name: 'Plan', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
      await expectNoAxeViolations(page, 'the plan page');
      const quarter = mode.javaScriptEnabled ? 1 : 2;
      await page.getByLabel('Quarter').selectOption({ index: quarter });
      await page.getByRole('button', { name: 'Show snapshots' }).click();
      await page.getByRole('link', { name: /^Take a snapshot of / }).click();
      await page.getByRole('button', { name: 'Take snapshot' }).click();
      await page
        .getByText(/Snapshot taken of/)
        .first()
        .waitFor();
      await page.getByRole('link', { name: /^Recompute / }).click();
      await page.getByRole('heading', { level: 1, name: /^Recompute .*\?$/ }).waitFor();
      await expectNoAxeViolations(page, 'the recompute confirmation');
      await page.getByRole('button', { name: 'Recompute' }).click();
      await page
        .getByText(/^Recomputed /)
        .first()
        .waitFor();
      await expectNoAxeViolations(page, 'the plan page after recomputing');
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
