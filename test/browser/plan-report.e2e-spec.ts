import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createAgency, createLocality, createUser, TestUser } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import {
  ARTIFACTS,
  BROWSER_TIMEOUT,
  launchChromium,
  listen,
  openPage,
  screenshot,
  signIn,
} from './dashboard-page';

jest.setTimeout(6 * BROWSER_TIMEOUT);

/** The quarter that ended last, in Europe/London: the dashboard and the report open on it. */
function lastClosedQuarter(): string {
  const [year, month] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  let start = month >= 4 ? year : year - 1;
  let q = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  if (q === 1) {
    start -= 1;
    q = 4;
  } else q -= 1;
  return `FY${start}-${String((start + 1) % 100).padStart(2, '0')}-Q${q}`;
}

/** A day in the middle of the quarter's second month. */
function dayIn(quarter: string): string {
  const [, start, , q] = /^FY(\d{4})-(\d{2})-Q(\d)$/.exec(quarter)!.map(Number);
  const month = q === 4 ? 2 : 2 + q * 3;
  return `${q === 4 ? start + 1 : start}-${String(month).padStart(2, '0')}-10`;
}

describe('the plan report in Chromium: on screen, on a phone and printed on A4', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let performance: TestUser;
  const quarter = lastClosedQuarter();

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    const east = (await createLocality(t, 'East')).id;
    await createLocality(t, 'West');
    performance = await createUser(t, 'performance_manager', { localityIds: [] });
    const social = await createUser(t, 'social_care', {
      agencyId: (await createAgency(t, 'social_care')).id,
      localityIds: [east],
    });
    const manager = await createUser(t, 'locality_manager', { localityIds: [east] });
    const as = (user: TestUser) => ({
      post: (url: string, body: object) =>
        t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
      put: (url: string, body: object) =>
        t.http().put(url).auth(user.token, { type: 'bearer' }).send(body),
    });
    // Three referrals in the quarter: each ethnic group of them is a small number.
    for (const [n, ethnicity] of ['WBRI', 'WBRI', 'BAFR'].entries()) {
      const child = await as(manager)
        .post('/api/v1/children', {
          givenName: 'Report',
          familyName: `Browser${n}`,
          dateOfBirth: '2015-03-03',
          gender: 'female',
          localityId: east,
          ethnicity,
        })
        .expect(201);
      await as(social)
        .post('/api/v1/referrals', {
          childId: child.body.id,
          referredAt: dayIn(quarter),
          source: 'school',
          reason: 'Concern',
        })
        .expect(201);
    }
    await as(performance)
      .put('/api/v1/plans/current/indicators/children_missing_from_home/values', {
        period: quarter,
        numerator: 14,
        value: 14,
      })
      .expect(200);
    await as(performance)
      .put('/api/v1/plans/current/indicators/referrals/commentary', {
        period: quarter,
        text: 'Referrals from schools rose before the summer, as in earlier years.',
      })
      .expect(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openReport(width: number): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPage(browser, { width, height: 900 });
    await opened.page.goto(`${baseUrl}/dashboard`);
    await signIn(opened.page, performance.email, TEST_PASSWORD);
    await opened.page
      .locator('#status', { hasText: /^Showing \d+ indicators/ })
      .waitFor({ timeout: BROWSER_TIMEOUT });
    return opened;
  }

  const pageWidth = (page: Page) =>
    page.evaluate('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)');

  it('opens the dashboard on the last closed quarter, with a link to print the plan report', async () => {
    const { page, problems } = await openReport(1280);
    try {
      await expect(page.locator('#end-quarter').inputValue()).resolves.toBe(quarter);
      // Beside each indicator on the dashboard: who leads on it, and the commentary.
      const card = page.locator('article[data-indicator="referrals"]');
      await expect(card.locator('.card-lead').innerText()).resolves.toContain(
        "Lead: Head of Children's Social Care, Children's Social Care",
      );
      await expect(card.locator('.commentary').innerText()).resolves.toContain(
        'Referrals from schools rose before the summer',
      );
      await expect(
        page
          .locator('article[data-indicator="areas_0_4_referrals_below_10_per_1000"] .target')
          .innerText(),
      ).resolves.toContain('Baseline FY2008-09: 22');
      await page.getByRole('link', { name: 'Print the plan report' }).click();
      await page.locator('#status', { hasText: 'is ready' }).waitFor({ timeout: BROWSER_TIMEOUT });
      await expect(page.locator('#period').inputValue()).resolves.toBe(quarter);
      const referrals = page.locator('article[data-code="referrals"]');
      await expect(referrals.locator('[data-commentary]').innerText()).resolves.toContain(
        'Referrals from schools rose before the summer',
      );
      await expect(referrals.locator('[data-fact="lead-officer"] dd').innerText()).resolves.toBe(
        "Head of Children's Social Care",
      );
      await expect(referrals.locator('[data-fact="monitored-by"] dd').innerText()).resolves.toBe(
        "Children's Trust Board, quarterly",
      );
      // 3 referrals: every group a small number, shown as "suppressed", never blank.
      const cells = await referrals
        .locator('table[data-breakdown="ethnic_group"] tbody tr')
        .allInnerTexts();
      expect(cells.find((row) => row.startsWith('White'))).toContain('suppressed');
      expect(cells.find((row) => row.startsWith('Black'))).toContain('suppressed');
      expect(cells.find((row) => row.startsWith('Asian'))).toMatch(/Asian\s+0/);
      // The baseline of the areas indicator, and an entered figure.
      await expect(
        page
          .locator(
            'article[data-code="areas_0_4_referrals_below_10_per_1000"] [data-fact="baseline"] dd',
          )
          .innerText(),
      ).resolves.toBe('22 (FY2008-09)');
      await expect(
        page
          .locator('article[data-code="children_missing_from_home"] [data-fact="value"] dd')
          .innerText(),
      ).resolves.toBe('14');
      // Trends follow the frequency: 13 months, 8 quarters, 5 years.
      const rows = (code: string) =>
        page.locator(`article[data-code="${code}"] table.trend-table tbody tr`).count();
      await expect(rows('children_missing_from_home')).resolves.toBe(13);
      await expect(rows('referrals_per_10000')).resolves.toBe(8);
      await expect(rows('school_attendance_pct')).resolves.toBe(5);
      await screenshot(page, 'plan-report-desktop.png');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it.each([320, 390])(
    'fits a %i px phone: the dashboard and the report, no sideways scrolling',
    async (width) => {
      const { page, problems } = await openReport(width);
      try {
        const wide = await page.evaluate(
          // Wider than the screen, outside a table's own scrolling box.
          `Array.from(document.querySelectorAll('body *')).filter((e) => !e.closest('.table-scroll, .table-wrap') && e.getBoundingClientRect().right > ${width} + 0.5).map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 12)`,
        );
        expect(wide).toEqual([]);
        expect(await pageWidth(page)).toBeLessThanOrEqual(width);
        await screenshot(page, `dashboard-${width}px.png`);
        await page.goto(`${baseUrl}/dashboard/report`);
        await page
          .locator('#status', { hasText: 'is ready' })
          .waitFor({ timeout: BROWSER_TIMEOUT });
        expect(await pageWidth(page)).toBeLessThanOrEqual(width);
        await screenshot(page, `plan-report-${width}px.png`);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it('prints as an A4 board paper, one indicator per block', async () => {
    const { page } = await openReport(1280);
    try {
      await page.goto(`${baseUrl}/dashboard/report`);
      await page.locator('#status', { hasText: 'is ready' }).waitFor({ timeout: BROWSER_TIMEOUT });
      await page.emulateMedia({ media: 'print' });
      // Each chart redrawn within its block at the paper's width.
      await page.waitForFunction(
        "Array.from(document.querySelectorAll('.chart canvas')).every((c) => c.getBoundingClientRect().right <= c.parentElement.getBoundingClientRect().right + 1)",
        undefined,
        { timeout: BROWSER_TIMEOUT },
      );
      // Printed, the controls go and no block is split across pages.
      await expect(page.locator('#controls').isVisible()).resolves.toBe(false);
      const breaks = await page.evaluate(
        "getComputedStyle(document.querySelector('.indicator-block')).breakInside",
      );
      expect(breaks).toBe('avoid');
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, 'plan-report.pdf');
      await page.pdf({ path, format: 'A4', preferCSSPageSize: true, printBackground: true });
      const pdf = readFileSync(path).toString('latin1');
      const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(3);
      // A4 is 595 × 842 points.
      expect(pdf).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+84[12](\.\d+)?\s*\]/);
      if (existsSync('/usr/bin/pdftoppm')) {
        execFileSync('/usr/bin/pdftoppm', [
          '-png',
          '-r',
          '50',
          '-f',
          '1',
          '-l',
          '3',
          path,
          join(ARTIFACTS, 'plan-report-page'),
        ]);
      }
    } finally {
      await page.close();
    }
  });
});
