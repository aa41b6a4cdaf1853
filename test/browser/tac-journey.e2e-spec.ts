import type { Browser, Page } from 'playwright-core';
import {
  activeCase as createActiveCase,
  api,
  createTeam,
  Team,
  TestUser,
} from '../support/fixtures';
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

jest.setTimeout(10 * BROWSER_TIMEOUT);

/** Today in London, as the date boxes take it. */
function todayParts(): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date())
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

async function fillDate(page: Page, legend: string, date = todayParts()): Promise<void> {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(date.day);
  await group.getByLabel('Month').fill(date.month);
  await group.getByLabel('Year').fill(date.year);
}

describe('the Team Around the Child in Chromium: the lead professional runs a case to its close; a locality manager records a panel and reopens', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let team: Team;
  /** The practitioner who starts each case (its assessing practitioner) and its first lead professional. */
  let assessor: TestUser;
  let assessorName: string;

  /** Gives the user a person's name (the screenshots' people), answering it. */
  async function named(user: TestUser, displayName: string): Promise<string> {
    const current = await api(t, team.admin).get(`/users/${user.id}`).expect(200);
    await api(t, team.admin)
      .patch(`/users/${user.id}`, { displayName, version: current.body.version })
      .expect(200);
    return displayName;
  }

  /**
   * An active case (through the API: the CAF pages are another journey's): consent to the
   * assessment only, the assessor its lead professional, and `colleague` (same agency) on the team.
   */
  const activeCase = (familyName: string, colleague?: TestUser) =>
    createActiveCase(t, team, {
      owner: assessor,
      child: { givenName: 'Leo', familyName, dateOfBirth: '2015-07-08', gender: 'male' },
      elements: [
        { code: 'general_health', level: 2 },
        { code: 'wider_family', level: 2 },
      ],
      consent: { givenBy: `Sam ${familyName}` },
      members: colleague ? [{ user: colleague, role: 'Family support worker' }] : [],
    });

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    team = await createTeam(t, { locality: 'TAC journey East', otherLocality: 'TAC journey West' });
    assessor = team.practitioner;
    assessorName = await named(assessor, 'Amara Okoye');
    await named(team.localityManager, 'Chloe Mensah');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe.each(JS_MODES)('%s', (mode) => {
    const shots = mode.javaScriptEnabled;
    // Each mode's children have their own names; the rest is per case, so may repeat.
    const family = mode.javaScriptEnabled ? 'Walker' : 'Turner';
    const panelFamily = mode.javaScriptEnabled ? 'Hughes' : 'Price';

    it('a lead professional widens consent to add an external member, records a meeting, keeps the plan, corrects a note, hands over, and the new lead professional closes the case as needs met; each change is in the chronology', async () => {
      const successor = await team.add('practitioner');
      const successorName = await named(successor, 'Ben Carter');
      const { caseId } = await activeCase(family, successor);
      const external = 'Dr Priya Shah';

      const first = await signedInPage(browser, baseUrl, mode, assessor);
      const { page } = first;
      await page.goto(`${baseUrl}/cases/${caseId}`);
      await page.getByRole('heading', { level: 1, name: `CAF for Leo ${family}` }).waitFor();
      await expectNoAxeViolations(page, 'the case page of an active case');

      // An external member: refused while consent covers the assessment only.
      await page
        .getByRole('link', { name: /^Members, adding and leaving, lead professional/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Team around the child' }).waitFor();
      await expectNoAxeViolations(page, 'the team page without information-sharing consent');
      const externalForm = page.locator(`form[action="/cases/${caseId}/team/external"]`);
      await externalForm.getByLabel('Name', { exact: true }).fill(external);
      await externalForm.getByLabel('Agency or organisation').fill('Eastfield Surgery');
      await externalForm.getByLabel('Contact (optional)').fill('01632 960 001');
      await externalForm.getByLabel('Their role on the team').fill('GP');
      await page.getByRole('button', { name: 'Add external member' }).click();
      await page.getByText('There is a problem').waitFor();
      await page
        .locator('.govuk-error-summary')
        .getByText(/has not consented to sharing information with other agencies/)
        .waitFor();
      await expect(externalForm.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe(
        external,
      );
      await expectNoAxeViolations(page, 'the team page refusing an external member');

      // The page links to recording consent: the family's consent now covers sharing.
      await page.getByRole('link', { name: 'Record consent', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Record consent' }).waitFor();
      await expectNoAxeViolations(page, 'the consent form');
      await page.getByLabel('Given by').fill(`Sam ${family}`);
      await page.getByLabel('Parent', { exact: true }).check();
      await fillDate(page, 'Given on');
      await page.getByLabel('The assessment').check();
      await page.getByLabel('Sharing information with other agencies').check();
      await page.getByRole('button', { name: 'Record consent' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      await page.getByText('Consent recorded').first().waitFor();

      await page.goto(`${baseUrl}/cases/${caseId}/team`);
      await expect(
        page.getByText('has not consented to sharing information').count(),
      ).resolves.toBe(0);
      await externalForm.getByLabel('Name', { exact: true }).fill(external);
      await externalForm.getByLabel('Agency or organisation').fill('Eastfield Surgery');
      await externalForm.getByLabel('Contact (optional)').fill('01632 960 001');
      await externalForm.getByLabel('Their role on the team').fill('GP');
      await page.getByRole('button', { name: 'Add external member' }).click();
      await page.getByText('Member added to the team').first().waitFor();
      await page
        .locator('[data-testid="tac-members"]')
        .getByRole('cell', { name: external, exact: true })
        .waitFor();
      await expectNoAxeViolations(page, 'the team page with an external member');
      if (shots) await screenshot(page, 'case-team');

      // A meeting scheduled, then recorded with the assessing practitioner attending.
      await page.getByRole('link', { name: 'Back to the case' }).click();
      await page.getByRole('button', { name: 'Schedule a meeting' }).click();
      await page.getByRole('heading', { level: 1, name: /Schedule/ }).waitFor();
      await expectNoAxeViolations(page, 'the schedule form');
      await fillDate(page, 'Date of the meeting');
      await page.getByLabel('Time', { exact: true }).fill('9:30am');
      await page.getByLabel('Where').fill('Meeting room 2, Eastfield Children’s Centre');
      await page.getByRole('button', { name: 'Schedule meeting' }).click();
      await page.getByText('TAC meeting scheduled').first().waitFor();
      await page.getByRole('link', { name: /^Record this meeting/ }).click();
      await page.getByRole('heading', { level: 1, name: /Record/ }).waitFor();
      await fillDate(page, 'Held on');
      await page.getByLabel('Time it started').fill('9:30am');
      await page
        .getByRole('group', { name: 'Who attended from the team' })
        .getByLabel(assessorName)
        .check();
      await page
        .getByRole('group', { name: 'Who attended from the team' })
        .getByLabel(external)
        .check();
      await page.getByRole('group', { name: 'Did the family attend?' }).getByLabel('Yes').check();
      await page
        .getByLabel('Decisions (optional)')
        .fill('Referral to the asthma nurse; review in 6 weeks');
      await expectNoAxeViolations(page, 'the meeting record form, filled in');
      if (shots) {
        await page.getByRole('heading', { level: 1 }).click();
        await screenshot(page, 'tac-meeting-record');
      }
      await page.getByRole('button', { name: 'Record meeting' }).click();
      await page.getByText('TAC meeting recorded').first().waitFor();
      await page.locator('[data-testid="case-meetings"]').getByText(`Attended:`).waitFor();
      await expect(page.locator('[data-testid="case-meetings"]').textContent()).resolves.toContain(
        assessorName,
      );
      await expectNoAxeViolations(page, 'the case page with a meeting held');

      // Two actions; one implemented.
      await page.getByRole('link', { name: 'View the action plan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Action plan' }).waitFor();
      await expectNoAxeViolations(page, 'the empty action plan');
      const actions = [
        {
          need: 'General health',
          action: 'Asthma review with the practice nurse',
          owner: `${external} (Eastfield Surgery)`,
        },
        { need: 'Wider family', action: 'Family group conference', owner: assessorName },
      ];
      for (const a of actions) {
        await page.getByLabel('Need it addresses').selectOption({ label: a.need });
        await page.getByLabel('Action', { exact: true }).fill(a.action);
        await page.getByLabel('Owner').selectOption({ label: a.owner });
        await fillDate(page, 'Due date', {
          day: '31',
          month: '3',
          year: String(Number(todayParts().year) + 1),
        });
        await page.getByRole('button', { name: 'Add action' }).click();
        await page.getByText('Action added').first().waitFor();
        await page.getByRole('cell', { name: a.action, exact: true }).waitFor();
      }
      await page.getByRole('link', { name: `Change ${actions[0].action}` }).click();
      await page.getByRole('heading', { level: 1, name: 'Change action' }).waitFor();
      await expectNoAxeViolations(page, 'the change-action form');
      await page.getByLabel('Implemented', { exact: true }).check();
      await page.getByRole('button', { name: 'Save action' }).click();
      await page.getByText('Action updated').first().waitFor();
      await page
        .getByRole('row', { name: new RegExp(actions[0].action) })
        .getByText('Implemented')
        .waitFor();
      // Still owned by the external member it was given to.
      await page
        .getByRole('row', { name: new RegExp(actions[0].action) })
        .getByRole('cell', { name: actions[0].owner, exact: true })
        .waitFor();
      // The needs stay in the CAF's order, whichever item changed last.
      await expect(page.locator('main h2.govuk-heading-m').allTextContents()).resolves.toEqual([
        'General health',
        'Wider family',
        'Add an action',
      ]);
      await expectNoAxeViolations(page, 'the action plan with an item implemented');
      if (shots) await screenshot(page, 'action-plan');

      // A note, written and then corrected by its author.
      await page.getByRole('link', { name: 'Back to the case' }).click();
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add note' }).waitFor();
      await page.getByLabel('Home visit').check();
      await fillDate(page, 'When did it happen?');
      await page
        .getByLabel('Note', { exact: true })
        .fill('Visited the family on Monday; Leo was at school.');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByText('Note added').first().waitFor();
      await page.getByRole('link', { name: 'All notes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Notes' }).waitFor();
      await expectNoAxeViolations(page, 'the notes list');
      await page.getByRole('link', { name: /^Correct this note/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Correct note' }).waitFor();
      await page.getByLabel('Why are you correcting it?').fill('');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByText('There is a problem').waitFor();
      await page.getByText('Enter why the note is corrected').first().waitFor();
      await expectNoAxeViolations(page, 'the correction form without a reason');
      await page
        .getByLabel('Corrected note')
        .fill('Visited the family on Tuesday; Leo was at school.');
      await page
        .getByLabel('Why are you correcting it?')
        .fill('The visit was on Tuesday, not Monday');
      await page.getByRole('button', { name: 'Save correction' }).click();
      await page.getByText('Note corrected').first().waitFor();
      await page.getByText('Visited the family on Tuesday; Leo was at school.').waitFor();
      await page.getByText(/Corrected 1 time/).click();
      await page
        .getByText('Text before: Visited the family on Monday; Leo was at school.')
        .waitFor();
      await expectNoAxeViolations(page, 'the notes list with a corrected note');
      if (shots) {
        // (The summary clicked keeps the focus style: moved off it for the picture.)
        await page.getByRole('heading', { level: 1, name: 'Notes' }).click();
        await screenshot(page, 'case-notes');
      }
      // At 320 px the notes, corrections open, do not scroll sideways.
      await page.setViewportSize({ width: 320, height: 800 });
      await expect(scrollsSideways(page)).resolves.toBe(false);
      await expectNoAxeViolations(page, 'the notes list at 320 px');
      await page.setViewportSize({ width: 1280, height: 900 });

      // The lead professional hands the case over, with a reason.
      await page.goto(`${baseUrl}/cases/${caseId}/team`);
      await page.getByRole('button', { name: 'Change lead professional' }).click();
      await page.getByRole('heading', { level: 1, name: 'Change lead professional' }).waitFor();
      await expectNoAxeViolations(page, 'the change-lead-professional form');
      await page.getByLabel(successorName).check();
      await page.getByLabel('Reason for the change').fill('Moving to another locality');
      await page.getByRole('button', { name: 'Change lead professional' }).click();
      await page.getByText('Lead professional changed').first().waitFor();
      await page.getByText(`${successorName}, since`).waitFor();
      expect(first.problems).toEqual([]);
      await first.context.close();

      // The new lead professional closes it: refused while an action is open, which it names.
      const second = await signedInPage(browser, baseUrl, mode, successor);
      const p2 = second.page;
      await p2.goto(`${baseUrl}/cases/${caseId}`);
      await p2.getByRole('button', { name: 'Close the case' }).click();
      await p2.getByRole('heading', { level: 1, name: 'Close the case' }).waitFor();
      await p2.getByLabel('The needs are met').check();
      await p2.getByRole('button', { name: 'Close the case' }).click();
      await p2.getByText('There is a problem').waitFor();
      await p2.locator('[data-testid="open-items"]').getByText(actions[1].action).waitFor();
      await expect(p2.locator('[data-testid="open-items"]').textContent()).resolves.not.toContain(
        actions[0].action,
      );
      await expectNoAxeViolations(p2, 'the close form refusing needs met with an action open');
      if (shots) await screenshot(p2, 'case-close');
      await p2.getByRole('link', { name: 'Go to the action plan' }).click();
      await p2.getByRole('link', { name: `Change ${actions[1].action}` }).click();
      await p2.getByLabel('Implemented', { exact: true }).check();
      await p2.getByRole('button', { name: 'Save action' }).click();
      await p2.getByText('Action updated').first().waitFor();
      await p2.goto(`${baseUrl}/cases/${caseId}/close`);
      await expect(p2.locator('[data-testid="open-items"]').count()).resolves.toBe(0);
      await p2.getByLabel('The needs are met').check();
      await p2.getByRole('button', { name: 'Close the case' }).click();
      await p2.waitForURL(`${baseUrl}/cases/${caseId}`);
      await p2.getByText('Case closed').first().waitFor();
      await p2.locator('.govuk-summary-list').getByText('Closed', { exact: true }).waitFor();
      await expectNoAxeViolations(p2, 'the closed case');
      const closed = await api(t, successor).get(`/cases/${caseId}`).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', closureReason: 'needs_met' });

      // Every change is in the child's chronology.
      await p2.getByRole('link', { name: 'The child’s chronology' }).click();
      await p2.getByRole('heading', { level: 1, name: 'Chronology' }).waitFor();
      await expectNoAxeViolations(p2, 'the chronology of the closed case');
      const entries = p2.locator('[data-testid="chronology"] .moj-timeline__item');
      const entry = (kind: string) =>
        p2.locator(`[data-testid="chronology"] [data-kind="${kind}"] .moj-timeline__title`);
      await expect(entry('consent_given').allTextContents()).resolves.toContainEqual(
        expect.stringMatching(/the assessment and information sharing/i),
      );
      await expect(entry('tac_member_joined').allTextContents()).resolves.toContainEqual(
        expect.stringContaining(`${external}`),
      );
      await expect(entry('lead_professional_appointed').allTextContents()).resolves.toContainEqual(
        `${successorName} appointed lead professional`,
      );
      await expect(entry('meeting_held').allTextContents()).resolves.toEqual([
        'TAC meeting held; the family attended',
      ]);
      await expect(entry('action_item_status_changed').allTextContents()).resolves.toEqual(
        expect.arrayContaining([
          expect.stringMatching(/general health now implemented/i),
          expect.stringMatching(/wider family now implemented/i),
        ]),
      );
      await expect(entry('home_visit').allTextContents()).resolves.toEqual([
        'Home visit: Visited the family on Tuesday; Leo was at school.',
      ]);
      await expect(entry('case_closed').allTextContents()).resolves.toEqual([
        expect.stringMatching(/^Case closed: needs met/i),
      ]);
      expect(await entries.count()).toBeGreaterThanOrEqual(10);
      expect(second.problems).toEqual([]);
      await second.context.close();
    });

    it('a locality manager records a panel hearing on a case, and reopens it once closed', async () => {
      const { caseId, childId } = await activeCase(panelFamily);
      const { context, page, problems } = await signedInPage(
        browser,
        baseUrl,
        mode,
        team.localityManager,
      );
      await page.goto(`${baseUrl}/cases/${caseId}`);
      await page.getByRole('heading', { level: 2, name: 'Panels' }).waitFor();
      await page.getByText('No panel has heard this case.').waitFor();
      await page.getByRole('button', { name: 'Record panel hearing' }).click();
      await page.getByRole('heading', { level: 1, name: 'Record panel hearing' }).waitFor();
      await expectNoAxeViolations(page, 'the empty panel hearing form');
      await page.getByRole('button', { name: 'Record panel hearing' }).click();
      await page.getByText('There is a problem').waitFor();
      await page.locator('.govuk-error-summary').getByText('Select the panel').waitFor();
      await expectNoAxeViolations(page, 'the panel hearing form with errors');
      await page.getByLabel('Complex Care Panel').check();
      await fillDate(page, 'When did the panel hear it?');
      await page.getByLabel('Continue with early help').check();
      await page
        .getByLabel('Notes (optional)')
        .fill('The panel agreed the plan; review in 3 months');
      await page.getByRole('button', { name: 'Record panel hearing' }).click();
      await page.getByText('Panel hearing recorded').first().waitFor();
      const hearings = page.locator('[data-testid="panel-hearings"]');
      await hearings.getByText('Complex Care Panel').waitFor();
      await hearings.getByText('Continue with early help').waitFor();
      await expectNoAxeViolations(page, 'the case page with a panel hearing');

      // Closed by its lead professional (the API), then reopened by the manager.
      await api(t, assessor).post(`/cases/${caseId}/close`, { reason: 'needs_met' }).expect(200);
      await page.goto(`${baseUrl}/cases/${caseId}`);
      await page.getByRole('button', { name: 'Reopen the case' }).click();
      await page.getByRole('heading', { level: 1, name: 'Reopen the case' }).waitFor();
      await expectNoAxeViolations(page, 'the reopen form');
      await page.getByLabel('Why is the case reopened?').fill('The school has new concerns');
      await page.getByRole('button', { name: 'Reopen the case' }).click();
      await page.waitForURL(`${baseUrl}/cases/${caseId}`);
      await page.getByText('Case reopened').first().waitFor();
      await page.locator('.govuk-summary-list').getByText('Active', { exact: true }).waitFor();
      await expectNoAxeViolations(page, 'the reopened case');

      await page.goto(`${baseUrl}/children/${childId}/chronology`);
      await page
        .locator('[data-kind="panel_heard"] .moj-timeline__title')
        .getByText(/^Heard by the Complex Care Panel: continue early help/)
        .waitFor();
      await page.locator('[data-kind="case_reopened"]').waitFor();
      await page.locator('[data-kind="case_closed"]').waitFor();
      await expectNoAxeViolations(page, 'the chronology with the panel and the reopening');
      const reopened = await api(t, team.localityManager).get(`/cases/${caseId}`).expect(200);
      expect(reopened.body.status).toBe('active');
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});
