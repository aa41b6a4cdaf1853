import type { Browser, Page } from 'playwright-core';
import { Clock } from '../../src/common/clock/clock';
import { createLocality, createTeam, Team } from '../support/fixtures';
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

jest.setTimeout(10 * BROWSER_TIMEOUT);

/** `iso` moved by `days` calendar days. */
function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The id at the end of the page's path (`/referrals/<id>`). */
function idIn(page: Page, prefix: string): string {
  const match = new RegExp(`${prefix}/([0-9a-f-]{36})$`).exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`Not on ${prefix}/<id>: ${page.url()}`);
  return match[1];
}

describe('the social care front door and the localities admin pages in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let team: Team;
  let today: string;

  const bearer = { type: 'bearer' as const };
  const api = (token: string, method: 'get' | 'post', path: string) =>
    t.http()[method](`/api/v1${path}`).auth(token, bearer);

  /** A child with a CAF case (information sharing consented) referred from it 40 days ago, decided. */
  async function childReferredBefore(
    familyName: string,
  ): Promise<{ childId: string; caseId: string; previousId: string }> {
    const token = team.practitioner.token;
    const child = await api(token, 'post', '/children')
      .send({
        givenName: 'Maya',
        familyName,
        dateOfBirth: '2016-09-14',
        gender: 'female',
        localityId: team.localityId,
      })
      .expect(201);
    const created = await api(token, 'post', '/cases').send({ childId: child.body.id }).expect(201);
    await api(token, 'post', `/cases/${created.body.id}/consent`)
      .send({
        givenBy: 'Sam Ortiz',
        relationship: 'parent',
        givenAt: today,
        scope: ['assessment', 'information_sharing'],
      })
      .expect(201);
    const before = addDays(today, -40);
    // Referred from the same case before: the practitioner may see that referral (a practitioner
    // sees the referrals of their cases), so the new one links it.
    const previous = await api(token, 'post', '/referrals')
      .send({
        childId: child.body.id,
        caseId: created.body.id,
        referredAt: before,
        source: 'health',
        reason: 'Missed appointments',
      })
      .expect(201);
    await api(team.socialCare.token, 'post', `/referrals/${previous.body.id}/decision`)
      .send({ outcome: 'no_further_action', decidedAt: before })
      .expect(200);
    return { childId: child.body.id, caseId: created.body.id, previousId: previous.body.id };
  }

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    today = t.app.get(Clock).today();
    team = await createTeam(t, { locality: 'Social Care East', otherLocality: 'Social Care West' });
    browser = await launchChromium();
    // Other work in the queue and on the worker's list, as on a real day: a referral waiting
    // since last week (overdue) and an open initial assessment.
    const sc = team.socialCare.token;
    for (const [familyName, referredAt, start] of [
      ['Okafor', addDays(today, -7), false],
      ['Brennan', addDays(today, -3), true],
    ] as const) {
      const child = await api(sc, 'post', '/children')
        .send({
          givenName: 'Leo',
          familyName,
          dateOfBirth: '2012-01-20',
          gender: 'male',
          localityId: team.localityId,
        })
        .expect(201);
      const referral = await api(sc, 'post', '/referrals')
        .send({
          childId: child.body.id,
          referredAt,
          source: 'police',
          reason: 'Domestic abuse notification',
        })
        .expect(201);
      if (start) {
        await api(sc, 'post', `/referrals/${referral.body.id}/decision`)
          .send({ outcome: 'initial_assessment', decidedAt: referredAt })
          .expect(200);
        await api(sc, 'post', `/referrals/${referral.body.id}/initial-assessment`)
          .send({ assignedToUserId: team.socialCare.id })
          .expect(201);
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    const shots = mode.javaScriptEnabled;
    const suffix = mode.javaScriptEnabled ? 'On' : 'Off';
    // Each run its own records, named as a user would name them (the screenshots show them).
    const names = mode.javaScriptEnabled
      ? {
          family: 'Hughes',
          locality: 'Hounslow Central',
          area: 'Bell Road Children’s Centre',
          code: 'BR',
        }
      : {
          family: 'Harper',
          locality: 'Feltham West',
          area: 'Cranford Children’s Centre',
          code: 'CR',
        };

    it('a practitioner re-refers a child; social care accepts it, completes the initial assessment and a core assessment', async () => {
      const { caseId, previousId } = await childReferredBefore(names.family);

      // The practitioner refers from the case page.
      const practitioner = await signedInPage(browser, baseUrl, mode, team.practitioner);
      const p = practitioner.page;
      await p.goto(`${baseUrl}/cases/${caseId}`);
      await p.getByRole('button', { name: 'Refer to children’s social care' }).click();
      await p.getByRole('heading', { level: 1, name: 'Refer to children’s social care' }).waitFor();
      await expectNoAxeViolations(p, 'the referral form');
      await p.getByRole('button', { name: 'Send referral' }).click();
      await p.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(p, 'the referral form with errors');
      await p.getByLabel('School').check();
      await p.getByLabel('Reason for the referral').fill('Disclosed being hit at home');
      await p.getByRole('button', { name: 'Send referral' }).click();
      await p.getByText('Referral sent to children’s social care').waitFor();
      await p.getByText('This is a re-referral').first().waitFor();
      await expectNoAxeViolations(p, 'the referral sent, a re-referral');
      const referralId = idIn(p, '/referrals');
      await expect(
        p.locator(`a[href="/referrals/${previousId}"]`).count(),
      ).resolves.toBeGreaterThan(0);
      await p.locator(`main a[href="/referrals/${previousId}"]`).first().click();
      await p.waitForURL(`${baseUrl}/referrals/${previousId}`);
      await expectNoAxeViolations(p, 'the previous referral');
      expect(practitioner.problems).toEqual([]);
      await practitioner.context.close();

      // Social care finds it in the queue and accepts it.
      const care = await signedInPage(browser, baseUrl, mode, team.socialCare);
      const c = care.page;
      await c.getByRole('link', { name: 'Referrals', exact: true }).first().click();
      await c.getByRole('heading', { level: 1, name: 'Referrals awaiting a decision' }).waitFor();
      await expectNoAxeViolations(c, 'the referrals awaiting a decision');
      if (shots) await screenshot(c, 'referrals');
      await c.locator(`[data-referral="${referralId}"] a`).click();
      await c
        .getByRole('heading', { level: 1, name: `Referral for Maya ${names.family}` })
        .waitFor();
      await c.getByText('This is a re-referral.').waitFor();
      await expectNoAxeViolations(c, 'the referral awaiting a decision');
      if (shots) await screenshot(c, 'referral');
      await c.getByLabel('Accept for initial assessment').check();
      await c.getByRole('button', { name: 'Record decision' }).click();
      await c.getByText('Decision recorded').first().waitFor();
      await expectNoAxeViolations(c, 'the referral decided');
      await c.getByLabel('Social care worker to assign').selectOption(team.socialCare.id);
      await c.getByRole('button', { name: 'Start initial assessment' }).click();
      await c.getByText('Initial assessment started').first().waitFor();
      await expectNoAxeViolations(c, 'the initial assessment started');
      const initialId = idIn(c, '/assessments/initial');

      // From the work list: complete the initial assessment.
      await c.getByRole('link', { name: 'Assessments', exact: true }).first().click();
      await c.getByRole('heading', { level: 1, name: 'Assessments' }).waitFor();
      await expectNoAxeViolations(c, 'the assessments work list');
      if (shots) await screenshot(c, 'assessments');
      await c.locator(`[data-assessment="${initialId}"] a`).click();
      await c.getByRole('heading', { level: 1, name: 'Initial assessment' }).waitFor();
      // Its start is the referral's date: changing it shows the due date first.
      await c.getByRole('link', { name: 'Change the referral date' }).click();
      await c.getByRole('heading', { level: 1, name: 'Change the referral date' }).waitFor();
      await expectNoAxeViolations(c, 'the referral date form');
      await c.getByRole('button', { name: 'Continue' }).click();
      await c.getByRole('heading', { level: 1, name: 'Check the new due date' }).waitFor();
      await expectNoAxeViolations(c, 'the referral date’s due date check');
      await c.getByRole('link', { name: 'Back to the assessment' }).click();
      await c.getByRole('heading', { level: 1, name: 'Initial assessment' }).waitFor();
      await c.getByLabel('Core assessment needed').check();
      await c.getByRole('button', { name: 'Complete initial assessment' }).click();
      await c.getByText('Initial assessment completed').first().waitFor();
      await c.getByText('It was completed in time, on or before its due date.').waitFor();
      await expectNoAxeViolations(c, 'the initial assessment completed');

      // The core assessment, with its commencement date, then completed.
      const commenced = today.split('-');
      const core = c.locator('form[action$="/core"]');
      await core.getByLabel('Day').fill(String(Number(commenced[2])));
      await core.getByLabel('Month').fill(String(Number(commenced[1])));
      await core.getByLabel('Year').fill(commenced[0]);
      await c.getByRole('button', { name: 'Start core assessment' }).click();
      await c.getByText('Core assessment started').first().waitFor();
      await c.getByRole('heading', { level: 1, name: 'Core assessment' }).waitFor();
      await expectNoAxeViolations(c, 'the core assessment started');
      const coreId = idIn(c, '/assessments/core');
      await c.getByRole('button', { name: 'Complete core assessment' }).click();
      await c.getByText('Core assessment completed').first().waitFor();
      await c.getByText('It was completed in time, on or before its due date.').waitFor();
      await expectNoAxeViolations(c, 'the core assessment completed');
      expect(care.problems).toEqual([]);
      await care.context.close();

      // What the API says now.
      const sc = team.socialCare.token;
      const referral = (await api(sc, 'get', `/referrals/${referralId}`).expect(200)).body;
      expect(referral).toMatchObject({
        isReReferral: true,
        previousReferralId: previousId,
        outcome: 'initial_assessment',
      });
      const initial = (await api(sc, 'get', `/initial-assessments/${initialId}`).expect(200)).body;
      expect(initial).toMatchObject({
        outcome: 'core_assessment',
        completedAt: today,
        inTime: true,
      });
      const coreAssessment = (await api(sc, 'get', `/core-assessments/${coreId}`).expect(200)).body;
      expect(coreAssessment).toMatchObject({
        initialAssessmentId: initialId,
        commencedAt: today,
        completedAt: today,
        inTime: true,
      });
    });

    it('an admin enters a value of an entered indicator and sets a target', async () => {
      const admin = await signedInPage(browser, baseUrl, mode, team.admin);
      const a = admin.page;
      await a.getByRole('link', { name: 'Plan', exact: true }).first().click();
      await a.getByRole('heading', { level: 1, name: 'Plan' }).waitFor();
      await expectNoAxeViolations(a, 'the plan page');
      await a
        .locator('#entered ~ ul a', { hasText: 'Children reported missing from home' })
        .click();
      await a
        .getByRole('heading', { level: 1, name: 'Children reported missing from home' })
        .waitFor();
      await expectNoAxeViolations(a, 'an entered indicator without values');
      const period = mode.javaScriptEnabled ? '2026-08' : '2026-07';
      await a.getByLabel('Period', { exact: true }).fill(period);
      await a.getByRole('button', { name: 'Save value' }).click();
      await a.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(a, 'the value form with errors');
      await a.getByLabel('Value', { exact: true }).fill('23');
      await a.getByRole('button', { name: 'Save value' }).click();
      await a.getByText(`Value entered for ${period}: 23`).first().waitFor();
      await expectNoAxeViolations(a, 'the value entered');
      await a.getByLabel('Financial year').selectOption('FY2026-27');
      await a.getByLabel('Target').fill(mode.javaScriptEnabled ? '20' : '18');
      await a.getByRole('button', { name: 'Save target' }).click();
      await a.getByText('Target for FY2026-27 set to').first().waitFor();
      await expectNoAxeViolations(a, 'the target set');
      if (shots) await screenshot(a, 'admin-plan-indicator');
      expect(admin.problems).toEqual([]);
      await admin.context.close();
    });

    it('an admin sets a locality’s population and adds a children’s centre area', async () => {
      const name = names.locality;
      const localityId = (await createLocality(t, name)).id;
      const admin = await signedInPage(browser, baseUrl, mode, team.admin);
      const a = admin.page;
      await a.getByRole('link', { name: 'Localities and areas' }).click();
      await a.getByRole('heading', { level: 1, name: 'Localities' }).waitFor();
      await expectNoAxeViolations(a, 'the localities list');
      await a.getByRole('link', { name, exact: true }).click();
      await a.getByRole('heading', { level: 1, name }).waitFor();
      await expectNoAxeViolations(a, 'a locality without populations or areas');

      await a.getByLabel('Year of the estimate').fill('2025');
      await a.getByLabel('Aged 0 to 4').fill('5,120');
      await a.getByRole('button', { name: 'Save population' }).click();
      await a.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(a, 'the population form with errors');
      await a.getByLabel('Aged 5 to 9').fill('5310');
      await a.getByLabel('Aged 10 to 15').fill('6080');
      await a.getByLabel('Aged 16 or 17').fill('1990');
      await a.getByRole('button', { name: 'Save population' }).click();
      await a.getByText('Population for 2025 saved').first().waitFor();
      await expectNoAxeViolations(a, 'the population saved');

      const sector = suffix === 'On' ? 'TW3 1' : 'TW3 2';
      await a.getByLabel('Name of the area').fill(names.area);
      await a.getByLabel('Code', { exact: true }).fill(names.code);
      await a.getByLabel('Postcode sectors').fill(`${sector}, tw4 ${suffix === 'On' ? 5 : 6}`);
      await a.getByRole('button', { name: 'Add area' }).click();
      await a.getByText(`${names.area} added with 2 postcode sectors`).first().waitFor();
      await expectNoAxeViolations(a, 'the area added');
      if (shots) await screenshot(a, 'admin-localities');
      await a.getByRole('link', { name: names.area }).click();
      await a.getByRole('heading', { level: 1, name: names.area }).waitFor();
      await expectNoAxeViolations(a, 'the area’s page');
      await a.getByLabel('Year of the estimate').fill('2025');
      await a.getByLabel('Aged 0 to 4').fill('many');
      await a.getByRole('button', { name: 'Save population' }).click();
      await a.getByText('There is a problem').waitFor();
      await expectNoAxeViolations(a, 'the area’s population form with errors');
      await a.getByLabel('Aged 0 to 4').fill('410');
      await a.getByLabel('Aged 5 to 9').fill('420');
      await a.getByLabel('Aged 10 to 15').fill('505');
      await a.getByLabel('Aged 16 or 17').fill('160');
      await a.getByRole('button', { name: 'Save population' }).click();
      await a.getByText('Population for 2025 saved').first().waitFor();
      await a.getByRole('heading', { level: 1, name: names.area }).waitFor();
      await expectNoAxeViolations(a, 'the area’s population saved');
      expect(admin.problems).toEqual([]);
      await admin.context.close();

      const token = await t.adminToken();
      const locality = (await api(token, 'get', `/localities/${localityId}`).expect(200)).body;
      expect(locality.populations).toEqual([
        { year: 2025, bands: { '0-4': 5120, '5-9': 5310, '10-15': 6080, '16-17': 1990 } },
      ]);
      const areas = (await api(token, 'get', `/localities/${localityId}/areas`).expect(200)).body;
      expect(areas.items).toMatchObject([
        { code: names.code, postcodeSectors: [sector, `TW4 ${suffix === 'On' ? 5 : 6}`] },
      ]);
      expect(areas.items[0].populations).toEqual([
        { year: 2025, bands: { '0-4': 410, '5-9': 420, '10-15': 505, '16-17': 160 } },
      ]);
    });
  });
});
