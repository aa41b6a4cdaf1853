import type { Browser } from 'playwright-core';
import { buildWorld, Cast, createCast, World } from '../support/access-world';
import { createUser, TestUser } from '../support/fixtures';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  startTestApp,
  TEST_PASSWORD,
  TestApp,
} from '../support/test-app';
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

jest.setTimeout(6 * BROWSER_TIMEOUT);

describe('the web app’s shell in Chromium: sign in, My work for each role, notifications, sign out', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let cast: Cast;
  let active: World;
  let pending: World;
  let referred: World;
  let assessing: World;
  let performance: TestUser;
  const notificationIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    cast = await createCast(t);
    active = await buildWorld(t, cast, 'active');
    pending = await buildWorld(t, cast, 'pendingTier');
    referred = await buildWorld(t, cast, 'referred');
    assessing = await buildWorld(t, cast, 'initial');
    performance = await createUser(t, 'performance_manager', { localityIds: [] });
    // Reminders come from the queue worker, which these tests do not run: two, as it would write them.
    for (const [stage, type] of [
      ['review-js-on', 'tac_review_overdue'],
      ['review-js-off', 'tac_review_overdue'],
    ]) {
      const row = await t.sql.query<{ id: string }>(
        `INSERT INTO notifications (recipient_user_id, type, subject_type, subject_id, child_id, stage, due_date)
         VALUES ($1, $2, 'case', $3, $4, $5, '2026-11-30') RETURNING id`,
        [cast.lead.id, type, active.case, active.child, stage],
      );
      notificationIds.push(row.rows[0].id);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    const shots = mode.javaScriptEnabled; // the README's pictures are of the enhanced pages

    it('a practitioner signs in, sees their open cases and unread notifications, marks one read and signs out', async () => {
      const { context, page, problems } = await openPage(browser, mode);
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(`${baseUrl}/sign-in`, { waitUntil: 'domcontentloaded' });
      await expect(page.title()).resolves.toBe('Sign in – Continuum');
      await expectNoAxeViolations(page, 'the sign-in page');
      if (shots) await screenshot(page, 'sign-in');

      await signIn(page, cast.lead.email, 'not the password');
      await page.getByText('Enter a correct email address and password').first().waitFor();
      await expect(page.title()).resolves.toBe('Error: Sign in – Continuum');
      await expectNoAxeViolations(page, 'the sign-in page with an error');
      if (shots) await screenshot(page, 'sign-in-error');

      await signIn(page, cast.lead.email, TEST_PASSWORD);
      await page.waitForURL(`${baseUrl}/`, { waitUntil: 'domcontentloaded' });
      await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
      const row = page.locator(`tr[data-case="${active.case}"]`);
      await expect(row.locator('td').first().textContent()).resolves.toContain(active.familyName);
      await expect(row.textContent()).resolves.toContain('Lead professional');
      // Two unread to begin with; the run with JavaScript on (first) marks its one read. (The
      // case's row names them too, as what is due on the case.)
      const unread = mode.javaScriptEnabled ? 2 : 1;
      const notifications = page.locator('h2:text-is("Unread notifications") + ul');
      await expect(
        notifications.getByRole('link', { name: 'TAC review overdue' }).count(),
      ).resolves.toBe(unread);
      await expectNoAxeViolations(page, 'a practitioner’s My work');
      if (shots) await screenshot(page, 'my-work-practitioner');

      await page.setViewportSize({ width: 320, height: 800 });
      await expect(scrollsSideways(page)).resolves.toBe(false);
      await expectNoAxeViolations(page, 'a practitioner’s My work at 320 px');
      if (shots) await screenshot(page, 'my-work-practitioner-320');
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByRole('link', { name: 'All notifications' }).click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await expectNoAxeViolations(page, 'the notifications page');
      const mine = notificationIds[mode.javaScriptEnabled ? 0 : 1];
      await page
        .locator(`[data-notification="${mine}"]`)
        .getByRole('button', { name: /^Mark as read/ })
        .click();
      await page.getByText('Marked as read: TAC review overdue').waitFor();
      await expect(
        page.locator(`[data-notification="${mine}"]`).getByRole('button').count(),
      ).resolves.toBe(0);
      await expectNoAxeViolations(page, 'the notifications page after marking one read');
      if (shots) await screenshot(page, 'notifications');
      const read = await t.sql.query('SELECT read_at FROM notifications WHERE id = $1', [mine]);
      expect(read.rows[0].read_at).not.toBeNull();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${baseUrl}/sign-in`, { waitUntil: 'domcontentloaded' });
      await page.goto(`${baseUrl}/notifications`);
      await page.waitForURL(`${baseUrl}/sign-in`, { waitUntil: 'domcontentloaded' });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows a locality manager the tier decisions awaiting them, and social care their referrals and assessments', async () => {
      const manager = await openPage(browser, mode);
      await manager.page.goto(`${baseUrl}/sign-in`);
      await signIn(manager.page, cast.managerHere.email, TEST_PASSWORD);
      await manager.page
        .getByRole('heading', { name: 'Tier decisions awaiting your confirmation' })
        .waitFor();
      await expect(
        manager.page.locator(`[data-case="${pending.case}"]`).first().textContent(),
      ).resolves.toContain(pending.familyName);
      await manager.page
        .getByRole('heading', { name: 'Tier 3 cases without a lead professional' })
        .waitFor();
      await expectNoAxeViolations(manager.page, 'a locality manager’s My work');
      if (shots) await screenshot(manager.page, 'my-work-locality-manager');
      expect(manager.problems).toEqual([]);
      await manager.context.close();

      const social = await openPage(browser, mode);
      await social.page.goto(`${baseUrl}/sign-in`);
      await signIn(social.page, cast.socialCare.email, TEST_PASSWORD);
      await social.page.getByRole('heading', { name: 'Referrals awaiting a decision' }).waitFor();
      await social.page.locator(`[data-referral="${referred.referral}"]`).waitFor();
      await social.page.locator(`[data-assessment="${assessing.initial}"]`).waitFor();
      await expectNoAxeViolations(social.page, 'a social care worker’s My work');
      if (shots) await screenshot(social.page, 'my-work-social-care');
      expect(social.problems).toEqual([]);
      await social.context.close();
    });

    it('gives a performance manager the dashboard and an admin the admin pages, and an unknown page the 404 page', async () => {
      for (const [email, password, link, name] of [
        [performance.email, TEST_PASSWORD, 'Plan indicators', 'performance-manager'],
        [ADMIN_EMAIL, ADMIN_PASSWORD, 'Users', 'admin'],
      ]) {
        const { context, page, problems } = await openPage(browser, mode);
        await page.goto(`${baseUrl}/sign-in`);
        await signIn(page, email, password);
        await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
        await page.getByRole('main').getByRole('link', { name: link }).waitFor();
        await expectNoAxeViolations(page, `${name}’s My work`);
        if (shots) await screenshot(page, `my-work-${name}`);

        const missing = await page.goto(`${baseUrl}/no-such-page`);
        expect(missing?.status()).toBe(404);
        await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
        await expectNoAxeViolations(page, 'the Page not found page');
        if (shots && name === 'admin') await screenshot(page, 'page-not-found');
        expect(problems).toEqual([]);
        await context.close();
      }
    });
  });
});
