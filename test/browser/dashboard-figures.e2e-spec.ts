// The dashboard with figures in it. The real app serves the page, signs in and lists
// localities, while the browser answers GET /api/v1/plans and GET /api/v1/kpis itself with
// made-up figures, so that the page meets what the empty test database cannot give it:
// targets in every RAG state, suppressed values, and a locality whose figures answer 403.
// (dashboard.e2e-spec.ts drives the same page on the real API.)
import type { Browser, Page, Route } from 'playwright-core';
import { createLocality, createUser, TestUser } from '../support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import {
  BROWSER_TIMEOUT,
  CHART_ANIMATIONS,
  chartsStopAnimating,
  launchChromium,
  listen,
  openPage,
  planIndicators,
  RAG_LABELS,
  readCards,
  screenshot,
  signIn,
  waitForIndicators,
} from './dashboard-page';

type Unit = 'count' | 'percent' | 'rate' | 'median' | 'number';
type Polarity = 'higher_is_better' | 'lower_is_better';
interface StubIndicator {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  level: number;
  target: number | null;
}

const ind = (
  code: string,
  title: string,
  unit: Unit,
  polarity: Polarity,
  level: number,
  target: number | null,
): StubIndicator => ({ code, title, unit, polarity, level, target });

const PRIORITIES = [
  {
    theme: ['EH', 'Early help'],
    code: 'EH1',
    title: 'Identify additional needs early with the CAF',
    indicators: [
      ind('caf_initiated', 'CAFs started', 'count', 'higher_is_better', 120, 130),
      ind('caf_completed', 'CAF assessments completed', 'count', 'higher_is_better', 100, 100),
      ind(
        'caf_to_first_tac_median_working_days',
        'Working days from CAF to the first TAC meeting (median)',
        'median',
        'lower_is_better',
        17,
        15,
      ),
    ],
  },
  {
    theme: ['EH', 'Early help'],
    code: 'EH2',
    title: 'Coordinated support through the Team Around the Child',
    indicators: [
      ind(
        'tier3_with_lead_professional_pct',
        'Tier 3 cases with a lead professional',
        'percent',
        'higher_is_better',
        91,
        95,
      ),
      ind(
        'caf_action_plans_implemented_pct',
        'Action plans fully implemented at closure',
        'percent',
        'higher_is_better',
        74,
        70,
      ),
      ind('tier_3_4_children', 'Children at tier 3 or 4', 'count', 'lower_is_better', 420, null),
      ind('step_ups', 'Step-ups to social care', 'count', 'lower_is_better', 9, null),
      ind('step_downs', 'Step-downs to early help', 'count', 'higher_is_better', 6, null),
    ],
  },
  {
    theme: ['SG', 'Safeguarding'],
    code: 'SG1',
    title: 'The right referrals at the right time',
    indicators: [
      ind(
        'referrals',
        'Referrals to children’s social care',
        'count',
        'lower_is_better',
        600,
        null,
      ),
      ind(
        'referrals_per_10000',
        'Referrals per 10,000 children',
        'rate',
        'lower_is_better',
        118,
        110,
      ),
      ind(
        'referrals_0_4_per_1000',
        'Referrals of under-5s per 1,000 children aged 0–4',
        'rate',
        'lower_is_better',
        2.6,
        2.5,
      ),
      ind(
        'localities_0_4_referrals_below_10_per_1000',
        'Localities with under-5 referrals below 10 per 1,000',
        'number',
        'higher_is_better',
        2,
        3,
      ),
      ind('re_referral_pct', 'Re-referrals within 12 months', 'percent', 'lower_is_better', 21, 20),
      ind(
        'nfa_pct',
        'Referrals leading to no further action',
        'percent',
        'lower_is_better',
        28,
        25,
      ),
      ind(
        'referrals_to_initial_assessment_pct',
        'Referrals going on to initial assessment (NI68)',
        'percent',
        'higher_is_better',
        63,
        65,
      ),
    ],
  },
  {
    theme: ['SG', 'Safeguarding'],
    code: 'SG2',
    title: 'Timely assessment',
    indicators: [
      ind(
        'initial_assessments_in_7_days_pct',
        'Initial assessments within 7 working days (NI59)',
        'percent',
        'higher_is_better',
        81,
        80,
      ),
      ind(
        'core_assessments_in_35_days_pct',
        'Core assessments within 35 working days (NI60)',
        'percent',
        'higher_is_better',
        69,
        80,
      ),
    ],
  },
];

const STUB_INDICATORS = PRIORITIES.flatMap((p) => p.indicators);

function stubPlan() {
  const themes: { code: string; title: string; priorities: unknown[] }[] = [];
  for (const priority of PRIORITIES) {
    let theme = themes.find((t) => t.code === priority.theme[0]);
    if (!theme) {
      theme = { code: priority.theme[0], title: priority.theme[1], priorities: [] };
      themes.push(theme);
    }
    theme.priorities.push({
      code: priority.code,
      title: priority.title,
      indicators: priority.indicators.map((i) => ({
        code: i.code,
        title: i.title,
        metric: i.code,
        frequency: 'quarterly',
        polarity: i.polarity,
        unit: i.unit,
        targets:
          i.target === null
            ? {}
            : {
                'FY2010-11': i.target * (i.polarity === 'higher_is_better' ? 0.97 : 1.03),
                'FY2011-12': i.target,
              },
      })),
    });
  }
  return { id: 'stub', name: 'Children and Young People’s Plan 2011–14 (stub figures)', themes };
}

/** A repeatable pseudo-random number in [0, 1) for a key. */
function noise(key: string): number {
  let h = 2166136261;
  for (const c of key) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function rag(i: StubIndicator, value: number | null, target: number | null) {
  if (value === null || target === null) return null;
  const better = i.polarity === 'higher_is_better' ? value >= target : value <= target;
  if (better) return 'green';
  const gap = Math.abs(value - target) / Math.abs(target);
  return gap <= 0.05 ? 'amber' : 'red';
}

function stubKpis(period: string, localityId: string | null, localityIndex: number) {
  const fy = period.slice(0, 9);
  const q = Number(period.slice(-1));
  const trend = (Number(period.slice(2, 6)) - 2010) * 4 + q; // 1 … 8 over the window
  const share = localityId === null ? 1 : [0.45, 0.35, 0.2][localityIndex % 3];
  const items = STUB_INDICATORS.map((i) => {
    const wobble = 0.9 + noise(`${i.code}${period}${localityId}`) * 0.2 + trend * 0.008;
    const target = i.target === null ? null : fy === 'FY2011-12' ? i.target : i.target * 0.97;
    let numerator: number | null = null;
    let denominator: number | null = null;
    let value: number | null;
    if (i.unit === 'percent') {
      denominator = Math.round(60 * share * wobble);
      if (i.code === 'caf_action_plans_implemented_pct' && localityIndex === 2) denominator = 3;
      value = Math.min(100, Math.round(i.level * wobble * 10) / 10);
      numerator = Math.round((value * denominator) / 100);
      value = denominator === 0 ? null : Math.round((1000 * numerator) / denominator) / 10;
    } else if (i.unit === 'count') {
      value = Math.round(i.level * share * wobble);
      numerator = value;
    } else if (i.unit === 'number') {
      value = localityId === null ? Math.min(3, Math.round(i.level * wobble)) : null;
    } else {
      value = Math.round(i.level * wobble * 10) / 10;
    }
    const suppressed =
      (numerator !== null && numerator >= 1 && numerator <= 4 && i.unit === 'count') ||
      (denominator !== null && denominator >= 1 && denominator <= 4);
    return {
      code: i.code,
      metric: i.code,
      title: i.title,
      numerator: suppressed ? null : numerator,
      denominator: suppressed ? null : denominator,
      value: suppressed ? null : value,
      target,
      rag: suppressed ? null : rag(i, value, target),
      suppressed,
    };
  });
  return { period, from: '', to: '', localityId, items };
}

async function stubIndicatorApi(page: Page, localityIds: string[], hidden: string[] = []) {
  await page.route(
    (url) => url.pathname === '/api/v1/plans',
    (route: Route) => route.fulfill({ json: stubPlan() }),
  );
  await page.route(
    (url) => url.pathname === '/api/v1/kpis',
    (route: Route) => {
      const url = new URL(route.request().url());
      const localityId = url.searchParams.get('localityId');
      if (localityId && hidden.includes(localityId)) {
        return route.fulfill({
          status: 403,
          json: { statusCode: 403, error: 'Forbidden', message: 'Not your locality' },
        });
      }
      const period = url.searchParams.get('period') ?? '';
      return route.fulfill({
        json: stubKpis(period, localityId, localityId ? localityIds.indexOf(localityId) : 0),
      });
    },
  );
}

jest.setTimeout(4 * BROWSER_TIMEOUT);

describe('the managers’ dashboard with figures (indicator answers stubbed in the browser)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let manager: TestUser;
  const localityIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    for (const name of ['East', 'West', 'Central'])
      localityIds.push((await createLocality(t, name)).id);
    manager = await createUser(t, 'performance_manager', { localityIds: [] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows every indicator with one RAG label, green, amber and red among them, and an 8-quarter chart each', async () => {
    const { page, problems } = await openPage(browser);
    await stubIndicatorApi(page, localityIds);
    await page.goto(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await signIn(page, manager.email, TEST_PASSWORD);
    await waitForIndicators(page);
    const cards = await readCards(page);
    expect(cards.map((c) => c.code)).toEqual(
      planIndicators(stubPlan() as never).map((i) => i.code),
    );
    for (const card of cards) {
      expect(RAG_LABELS.filter((label) => card.rag.includes(label))).toHaveLength(1);
      expect(card).toMatchObject({ canvases: 1, chartLabels: 8, tableRows: 8 });
      expect(card.width).toBeGreaterThan(200);
    }
    const shown = cards.map((card) => card.rag);
    for (const rag of ['Green', 'Amber', 'Red']) {
      expect(shown.some((label) => label.includes(rag))).toBe(true);
    }
    // Central's action-plan figure rests on 3 cases: its table says so instead of a number.
    await expect(
      page
        .locator('[data-indicator="caf_action_plans_implemented_pct"] table')
        .textContent({ timeout: BROWSER_TIMEOUT }),
    ).resolves.toMatch(/Central.*Q1 2010-11[0-9.]+%suppressed/);
    await expect(page.evaluate<boolean[]>(CHART_ANIMATIONS)).resolves.toContain(true);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(chartsStopAnimating(page)).resolves.toBe(true);
    await screenshot(page, 'dashboard-figures.png');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('leaves out a locality whose figures answer 403 and charts the rest, without an alert', async () => {
    const { page, problems } = await openPage(browser);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await stubIndicatorApi(page, localityIds, [localityIds[1]]);
    await page.goto(`${baseUrl}/dashboard?to=FY2011-12-Q4`);
    await signIn(page, manager.email, TEST_PASSWORD);
    await waitForIndicators(page);
    const cards = await readCards(page);
    expect(cards[0].chartDatasets).toEqual(['Whole authority', 'Central', 'East', 'Target']);
    await expect(page.locator('#alert').textContent()).resolves.toBe('');
    expect(problems.filter((p) => !/403/.test(p))).toEqual([]);
    await page.close();
  });
});
