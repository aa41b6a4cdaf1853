import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { Clock } from '../../src/common/clock/clock';
import { createAgency, createLocality, createUser, TestUser } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { xmllintErrors } from '../support/xmllint';
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

jest.setTimeout(4 * BROWSER_TIMEOUT);

describe('the Children in Need census page in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let performance: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2025-06-02T10:00:00Z'));
    baseUrl = await listen(t);
    const east = (await createLocality(t, 'Census Browser East')).id;
    const care = (await createAgency(t, 'social_care')).id;
    const social = await createUser(t, 'social_care', { agencyId: care, localityIds: [east] });
    performance = await createUser(t, 'performance_manager', { localityIds: [] });
    const post = (url: string, body: object) =>
      t.http().post(url).auth(social.token, { type: 'bearer' }).send(body);
    const child = await post('/api/v1/children', {
      givenName: 'Census',
      familyName: 'Browser',
      dateOfBirth: '2016-02-01',
      gender: 'male',
      localityId: east,
      ethnicity: 'NOBT',
    }).expect(201);
    await post('/api/v1/referrals', {
      childId: child.body.id,
      referredAt: '2024-09-02',
      source: 'school',
      reason: 'Concern raised',
    }).expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    it('a performance manager finds the census from My work, sees what it would query, and downloads the return', async () => {
      const { context, page, problems } = await openPage(browser, mode);
      await page.goto(`${baseUrl}/`);
      await signIn(page, performance.email, TEST_PASSWORD);
      await page.getByRole('heading', { name: 'My work' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Children in Need census' }).click();
      await page.getByRole('heading', { name: 'Children in Need census', level: 1 }).waitFor();
      await expect(page.getByLabel('Collection year').inputValue()).resolves.toBe('2025');
      await page.getByText('Warning', { exact: true }).first().waitFor();
      await expectNoAxeViolations(page, 'the census page');
      if (mode.javaScriptEnabled) await screenshot(page, 'cin-census');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the return (XML)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('cin-census-2025.xml');
      const xml = readFileSync(await download.path(), 'utf8');
      expect(xmllintErrors(xml)).toBe('');

      await page.getByLabel('Collection year').selectOption('2021');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByText('there is no return to make for it').waitFor();
      await expectNoAxeViolations(page, 'the census page for a year without a return');

      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto(`${baseUrl}/returns/cin-census`);
      await expect(scrollsSideways(page)).resolves.toBe(false);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
