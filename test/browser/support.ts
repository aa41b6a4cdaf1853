import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TEST_PASSWORD, type TestApp } from '../support/test-app';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BROWSER_TIMEOUT = 60_000;
/** Where the screenshots the README shows are written. */
export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Headless, and quiet: no updates, sync or background requests from the browser itself. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** WCAG 2.2 AA: the rule tags axe-core runs. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    timeout: BROWSER_TIMEOUT,
  });
}

/** The app on a real port, for the browser (supertest's server is not listening). */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Every journey runs twice: scripts only enhance, so each must work without them. */
export const JS_MODES = [
  { name: 'with JavaScript on', javaScriptEnabled: true },
  { name: 'with JavaScript off', javaScriptEnabled: false },
] as const;
export type JsMode = (typeof JS_MODES)[number];

/** Which pages were opened with JavaScript off (axe-core needs it on for its run: see below). */
const scriptsOff = new WeakSet<Page>();

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Script errors, console errors and CSP violations seen so far: a test expects none. */
  problems: string[];
}

/** A fresh context (its own cookies) and page, JavaScript on or off, at a width. */
export async function openPage(
  browser: Browser,
  mode: JsMode,
  viewport = { width: 1280, height: 900 },
): Promise<OpenPage> {
  const context = await browser.newContext({
    javaScriptEnabled: mode.javaScriptEnabled,
    viewport,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  if (!mode.javaScriptEnabled) scriptsOff.add(page);
  page.setDefaultTimeout(BROWSER_TIMEOUT);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A page answered 401/404 (a refused sign-in, Page not found) is reported by Chromium as a
    // failed load; it is the page's status, checked by the tests. Files are checked below.
    if (
      message.type() === 'error' &&
      !/^Failed to load resource: the server responded/.test(message.text())
    ) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      problems.push(`${response.status()} for ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // A navigation that replaces the page cancels what it was still loading: not a fault.
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${reason}`);
  });
  return { context, page, problems };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A fresh page signed in as the user, on "My work" (the page sign-in goes to). */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  mode: JsMode,
  user: { email: string },
  password: string = TEST_PASSWORD,
  viewport?: { width: number; height: number },
): Promise<OpenPage> {
  const open = await openPage(browser, mode, viewport);
  await open.page.goto(`${baseUrl}/sign-in`);
  await signIn(open.page, user.email, password);
  await open.page.waitForURL(`${baseUrl}/`);
  return open;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it is now (injected through the DevTools protocol, which the
 * page's CSP does not govern, and which works with the page's own JavaScript off) with the
 * WCAG 2.2 AA tags, and fails listing each violation and the elements it is on.
 */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  if (!scriptsOff.has(page)) return runAxe(page, state);
  // With the page's JavaScript off, Chromium runs no timers, and axe-core waits on them. So the
  // page as this user has it (its HTML now, without its scripts, with the same stylesheets) is
  // checked in a page of its own with scripts on: axe sees what a user without JavaScript sees,
  // and nothing is requested from the server again (a POST's answer cannot be).
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const base = `<base href="${new URL(page.url()).origin}/">`;
  const browser = page.context().browser();
  if (!browser) throw new Error('axe: the page has no browser');
  const copy = await browser.newPage({ viewport: page.viewportSize() ?? undefined });
  try {
    copy.setDefaultTimeout(BROWSER_TIMEOUT);
    await copy.setContent(html.replace(/<head([^>]*)>/i, `<head$1>${base}`));
    await runAxe(copy, `${state} (JavaScript off)`);
  } finally {
    await copy.close();
  }
}

async function runAxe(page: Page, state: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  // Plain JavaScript run by Chromium (the project's TypeScript has no DOM types, on purpose).
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} } })
      .then((result) => result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })))`);
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact ?? 'no impact'}): ${v.help} – ${v.helpUrl}`,
    ...v.nodes.map(
      (n) =>
        `    at ${n.target.join(' ')}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`,
    ),
  ]);
  throw new Error(
    `axe-core found ${violations.length} violation(s) on ${state} (${page.url()}):\n${lines.join('\n')}`,
  );
}

/** A full-page screenshot for docs/screenshots/ (the README's pictures). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Whether the page is wider than its viewport (something does not fit at this width). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  );
}
