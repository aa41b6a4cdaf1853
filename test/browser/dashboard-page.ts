import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import type { TestApp } from '../support/test-app';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, 'artifacts');
export const BROWSER_TIMEOUT = 60_000;

/** Whether Chart.js animates each chart (off when the user prefers reduced motion). */
export const CHART_ANIMATIONS = `Array.from(document.querySelectorAll('canvas[data-quarters]'))
  .map((canvas) => window.Chart.getChart(canvas).options.animation !== false)`;

export const RAG_LABELS = [
  'Green – target met',
  'Amber – within 5% of target',
  'Red – off target',
  'Suppressed',
  'No target',
  'Not rated – no data',
];

export interface PlanIndicator {
  code: string;
  title: string;
}

export interface Plan {
  id: string;
  name: string;
  themes: { code: string; title: string; priorities: { indicators: PlanIndicator[] }[] }[];
}

export function planIndicators(plan: Plan): PlanIndicator[] {
  return plan.themes.flatMap((theme) => theme.priorities.flatMap((p) => p.indicators));
}

/** The app on a real port, for the browser (supertest's server is not listening). */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking'],
    timeout: BROWSER_TIMEOUT,
  });
}

/** A fresh page that fails the test on any script error or CSP violation. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(BROWSER_TIMEOUT);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// The page-side code below is plain JavaScript run by Chromium (the project's TypeScript has no
// DOM types, on purpose: nothing in src/ runs in a browser).

/** Waits until the page says it shows the indicators (every chart drawn). */
export async function waitForIndicators(page: Page): Promise<void> {
  await page
    .locator('#status', { hasText: /^Showing \d+ indicators/ })
    .waitFor({ timeout: BROWSER_TIMEOUT });
}

export interface CardState {
  code: string;
  rag: string;
  canvases: number;
  width: number;
  height: number;
  chartLabels: number;
  chartDatasets: string[];
  tableRows: number;
  ariaLabel: string;
}

const READ_CARDS = `Array.from(document.querySelectorAll('[data-indicator]')).map((card) => {
  const canvases = card.querySelectorAll('canvas[data-quarters="8"]');
  const canvas = canvases[0];
  const chart = canvas ? window.Chart.getChart(canvas) : undefined;
  const box = canvas ? canvas.getBoundingClientRect() : { width: 0, height: 0 };
  return {
    code: card.dataset.indicator,
    rag: (card.querySelector('.rag') || {}).textContent || '',
    canvases: canvases.length,
    width: box.width,
    height: box.height,
    chartLabels: chart ? chart.data.labels.length : 0,
    chartDatasets: chart ? chart.data.datasets.map((d) => d.label) : [],
    tableRows: card.querySelectorAll('table tbody tr').length,
    ariaLabel: canvas ? canvas.getAttribute('aria-label') : '',
  };
})`;

/** What each indicator card shows, read from the page (and from Chart.js's own instances). */
export function readCards(page: Page): Promise<CardState[]> {
  return page.evaluate<CardState[]>(READ_CARDS);
}

/** Whether every chart has stopped animating, waiting a little for the media change to land. */
export async function chartsStopAnimating(page: Page): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (!(await page.evaluate<boolean[]>(CHART_ANIMATIONS)).includes(true)) return true;
    await page.waitForTimeout(100);
  }
  return false;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.evaluate('window.scrollTo(0, 0)');
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
