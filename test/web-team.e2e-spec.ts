import { activeCase, api, createAgency, createTeam, Team, TestUser } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, WebClient, hiddenFields } from './support/web-session';

/** Today in London, as the date boxes take it. */
function todayParts(): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(new Date())
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year };
}

describe('the Team Around the Child pages', () => {
  let t: TestApp;
  let team: Team;
  let lead: TestUser;
  let leadClient: WebClient;
  // Each case (activeCase): Mia Tanaka's, consent to the assessment only, its starter the lead professional.

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t, { locality: 'Web team East', otherLocality: 'Web team West' });
    lead = team.practitioner;
    leadClient = await signedIn(t, lead.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the "Page not found" page to a practitioner not linked to the case, on every TAC page', async () => {
    const { caseId } = await activeCase(t, team);
    const meeting = await api(t, lead)
      .post(`/cases/${caseId}/tac/meetings`, {
        scheduledAt: '2026-12-10T10:00:00Z',
        location: 'School',
      })
      .expect(201);
    const stranger = await team.add('practitioner');
    const client = await signedIn(t, stranger.email, TEST_PASSWORD);
    for (const path of [
      `/cases/${caseId}/team`,
      `/cases/${caseId}/team/lead-professional`,
      `/cases/${caseId}/meetings/new`,
      `/tac-meetings/${meeting.body.id}/record`,
      `/tac-meetings/${meeting.body.id}/cancel`,
    ]) {
      const page = await client.agent.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(page.text).toContain('Page not found');
      expect(page.text).not.toContain('Tanaka');
    }
    // A POST from someone unlinked changes nothing either.
    const csrf = await client.csrfFrom('/');
    const refused = await client.agent
      .post(`/cases/${caseId}/team/external`)
      .type('form')
      .send({ _csrf: csrf, externalName: 'X', externalAgency: 'Y', externalRole: 'Z' });
    expect(refused.status).toBe(404);
    const members = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(members.body.members).toHaveLength(1);
  });

  it('lists the members with role, agency and account or contact, and refuses an external member in words without information-sharing consent, linking to consent', async () => {
    const { caseId } = await activeCase(t, team);
    const page = await leadClient.agent.get(`/cases/${caseId}/team`).expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Team around the child</h1>');
    expect(page.text).toContain('Assessing practitioner');
    expect(page.text).toContain('Uses this service');
    expect(page.text).toContain('Lead professional');
    expect(page.text).toContain('has not consented to sharing information with other agencies');
    expect(page.text).toContain(`href="/cases/${caseId}/consent"`);

    const refused = await leadClient.agent
      .post(`/cases/${caseId}/team/external`)
      .type('form')
      .send({
        ...hiddenFields(page.text, `/cases/${caseId}/team/external`),
        externalName: 'Dr Priya Shah',
        externalAgency: 'Eastfield Surgery',
        contact: '01632 960 001',
        externalRole: 'GP',
      });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toMatch(
      /The family has not consented to sharing information with other agencies\. Until they do, only practitioners from Agency-[\w-]+ can join the team/,
    );
    // The answers are kept.
    expect(refused.text).toContain('value="Dr Priya Shah"');
    expect(refused.text).toContain('value="Eastfield Surgery"');

    // Consent widened: the same member is accepted.
    await api(t, lead)
      .post(`/cases/${caseId}/consent`, {
        givenBy: 'Yui Tanaka',
        relationship: 'parent',
        givenAt: '2026-11-03',
        scope: ['assessment', 'information_sharing'],
      })
      .expect(201);
    const again = await leadClient.agent.get(`/cases/${caseId}/team`).expect(200);
    expect(again.text).not.toContain('has not consented to sharing information');
    const added = await leadClient.agent
      .post(`/cases/${caseId}/team/external`)
      .type('form')
      .send({
        ...hiddenFields(again.text, `/cases/${caseId}/team/external`),
        externalName: 'Dr Priya Shah',
        externalAgency: 'Eastfield Surgery',
        contact: '01632 960 001',
        externalRole: 'GP',
      });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe(`/cases/${caseId}/team`);
    const after = await leadClient.agent.get(`/cases/${caseId}/team`).expect(200);
    expect(after.text).toContain('Member added to the team');
    expect(after.text).toContain('External practitioner: 01632 960 001');
    expect(after.text).toContain('Eastfield Surgery');
  });

  it('refuses a user of another agency without consent, and finds a colleague by name (a GET form) to add', async () => {
    const { caseId } = await activeCase(t, team);
    const otherAgency = await createAgency(t, 'health');
    const nurse = await team.add('practitioner', { agencyId: otherAgency.id });
    const colleague = await team.add('practitioner');
    const nurseName = (await api(t, team.admin).get(`/users/${nurse.id}`)).body
      .displayName as string;
    const colleagueName = (await api(t, team.admin).get(`/users/${colleague.id}`)).body
      .displayName as string;

    const search = await leadClient.agent
      .get(`/cases/${caseId}/team?name=${encodeURIComponent(nurseName)}`)
      .expect(200);
    expect(search.text).toContain(`value="${nurse.id}"`);
    const refused = await leadClient.agent
      .post(`/cases/${caseId}/team/members`)
      .type('form')
      .send({
        ...hiddenFields(search.text, `/cases/${caseId}/team/members`),
        name: nurseName,
        userId: nurse.id,
        userRole: 'School nurse',
      });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('The family has not consented to sharing information');
    expect(refused.text).toContain('value="School nurse"');

    // Nothing chosen, no role: the messages beside the fields.
    const empty = await leadClient.agent
      .post(`/cases/${caseId}/team/members`)
      .type('form')
      .send({ ...hiddenFields(search.text, `/cases/${caseId}/team/members`), name: nurseName });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Select who to add');
    expect(empty.text).toContain('Enter their role on the team');

    const found = await leadClient.agent
      .get(`/cases/${caseId}/team?name=${encodeURIComponent(colleagueName)}`)
      .expect(200);
    const added = await leadClient.agent
      .post(`/cases/${caseId}/team/members`)
      .type('form')
      .send({
        ...hiddenFields(found.text, `/cases/${caseId}/team/members`),
        name: colleagueName,
        userId: colleague.id,
        userRole: 'Family support worker',
      });
    expect(added.status).toBe(303);
    const members = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(members.body.members.map((m: { userId: string }) => m.userId)).toContain(colleague.id);
    // Once on the team, a search no longer offers them.
    const again = await leadClient.agent
      .get(`/cases/${caseId}/team?name=${encodeURIComponent(colleagueName)}`)
      .expect(200);
    expect(again.text).not.toContain(`value="${colleague.id}"`);
  });

  it('changes the lead professional with a reason, kept in the history, and lets a member leave', async () => {
    const { caseId } = await activeCase(t, team);
    const colleague = await team.add('practitioner');
    const member = await api(t, lead)
      .post(`/cases/${caseId}/tac/members`, { userId: colleague.id, role: 'Youth worker' })
      .expect(201);
    const form = await leadClient.agent.get(`/cases/${caseId}/team/lead-professional`).expect(200);
    expect(form.text).toContain('<h1 class="govuk-heading-l">Change lead professional</h1>');
    const noReason = await leadClient.agent
      .post(`/cases/${caseId}/team/lead-professional`)
      .type('form')
      .send({ ...hiddenFields(form.text), userId: colleague.id });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Enter the reason for the change');
    const changed = await leadClient.agent
      .post(`/cases/${caseId}/team/lead-professional`)
      .type('form')
      .send({ ...hiddenFields(form.text), userId: colleague.id, reason: 'Sees Mia every week' });
    expect(changed.status).toBe(303);
    const detail = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(detail.body.leadProfessionalId).toBe(colleague.id);
    const teamPage = await leadClient.agent.get(`/cases/${caseId}/team`).expect(200);
    expect(teamPage.text).toContain('Started the CAF');
    expect(teamPage.text).toContain('Lead professionals before');

    // The former lead may no longer change it: said on the form, not an error page.
    const again = await leadClient.agent.get(`/cases/${caseId}/team/lead-professional`);
    const refused = await leadClient.agent
      .post(`/cases/${caseId}/team/lead-professional`)
      .type('form')
      .send({ ...hiddenFields(again.text), userId: lead.id, reason: 'Back to me' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(
      'Only the lead professional or a locality manager can change the lead professional',
    );

    const leavePage = await leadClient.agent
      .get(`/cases/${caseId}/team/members/${member.body.id}/leave`)
      .expect(200);
    expect(leavePage.text).toContain('is the lead professional');
    const left = await leadClient.agent
      .post(`/cases/${caseId}/team/members/${member.body.id}/leave`)
      .type('form')
      .send({ ...hiddenFields(leavePage.text), reason: 'Moved to another school' });
    expect(left.status).toBe(303);
    const now = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(now.body.leadProfessionalId).toBeNull();
    expect(now.body.members.map((m: { id: string }) => m.id)).not.toContain(member.body.id);
  });

  it('schedules a meeting (GOV.UK date input), records it with attendees from the team, once however often it is sent, and cancels another with a reason', async () => {
    const { caseId } = await activeCase(t, team);
    const caseView = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    const overview = await leadClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(overview.text).toMatch(/First TAC meeting due by <strong>\d+ \w+ \d{4}<\/strong>/);
    expect(overview.text).toContain(`href="/cases/${caseId}/meetings/new"`);
    expect(overview.text).toContain('Schedule a meeting');

    const form = await leadClient.agent.get(`/cases/${caseId}/meetings/new`).expect(200);
    expect(form.text).toContain('name="scheduledAt-day"');
    const wrong = await leadClient.agent
      .post(`/cases/${caseId}/meetings/new`)
      .type('form')
      .send({
        ...hiddenFields(form.text),
        'scheduledAt-day': '31',
        'scheduledAt-month': '2',
        'scheduledAt-year': '2026',
        time: 'soon',
      });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Date of the meeting must be a real date');
    expect(wrong.text).toContain('Enter the time as hours and minutes');
    expect(wrong.text).toContain('Enter where the meeting is');
    const today = todayParts();
    const fields = {
      ...hiddenFields(form.text),
      'scheduledAt-day': today.day,
      'scheduledAt-month': today.month,
      'scheduledAt-year': today.year,
      time: '00:05',
      location: 'Eastfield Primary, room 4',
    };
    const [first, second] = [
      await leadClient.agent.post(`/cases/${caseId}/meetings/new`).type('form').send(fields),
      await leadClient.agent.post(`/cases/${caseId}/meetings/new`).type('form').send(fields),
    ];
    expect([first.status, second.status]).toEqual([303, 303]);
    const scheduled = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(scheduled.body.meetings).toHaveLength(1);
    const meetingId = scheduled.body.meetings[0].id as string;

    const record = await leadClient.agent.get(`/tac-meetings/${meetingId}/record`).expect(200);
    const assessing = caseView.body.members[0];
    expect(record.text).toContain(`name="attendees" type="checkbox" value="${assessing.id}"`);
    const noFamily = await leadClient.agent
      .post(`/tac-meetings/${meetingId}/record`)
      .type('form')
      .send({
        ...hiddenFields(record.text),
        'heldAt-day': today.day,
        'heldAt-month': today.month,
        'heldAt-year': today.year,
        time: '00:05',
        attendees: assessing.id,
      });
    expect(noFamily.status).toBe(400);
    expect(noFamily.text).toContain('Select whether the family attended');
    const recorded = await leadClient.agent
      .post(`/tac-meetings/${meetingId}/record`)
      .type('form')
      .send({
        ...hiddenFields(record.text),
        'heldAt-day': today.day,
        'heldAt-month': today.month,
        'heldAt-year': today.year,
        time: '00:05',
        attendees: assessing.id,
        familyAttended: 'yes',
        notes: 'Mum came with Mia',
        decisions: 'Referral to the school nurse',
      });
    expect(recorded.status).toBe(303);
    const held = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(held.body.meetings[0]).toMatchObject({
      status: 'held',
      attendeeUserIds: [lead.id],
      familyAttended: true,
      decisions: 'Referral to the school nurse',
    });
    const after = await leadClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(after.text).toContain('TAC meeting recorded');
    expect(after.text).toMatch(/TAC review meeting due by <strong>/);
    expect(after.text).toContain('Referral to the school nurse');

    const other = await api(t, lead)
      .post(`/cases/${caseId}/tac/meetings`, {
        scheduledAt: '2027-01-20T10:00:00Z',
        location: 'Library',
      })
      .expect(201);
    const cancelPage = await leadClient.agent
      .get(`/tac-meetings/${other.body.id}/cancel`)
      .expect(200);
    const noReason = await leadClient.agent
      .post(`/tac-meetings/${other.body.id}/cancel`)
      .type('form')
      .send({ ...hiddenFields(cancelPage.text) });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Enter why the meeting is cancelled');
    const cancelled = await leadClient.agent
      .post(`/tac-meetings/${other.body.id}/cancel`)
      .type('form')
      .send({ ...hiddenFields(cancelPage.text), reason: 'Mum is unwell' });
    expect(cancelled.status).toBe(303);
    const overviewNow = await leadClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(overviewNow.text).toContain('Cancelled: Mum is unwell');
  });

  it('answers 403 and changes nothing to a TAC form posted without its CSRF token', async () => {
    const { caseId } = await activeCase(t, team);
    const forged = await leadClient.agent.post(`/cases/${caseId}/meetings/new`).type('form').send({
      'scheduledAt-day': '10',
      'scheduledAt-month': '12',
      'scheduledAt-year': '2026',
      time: '10:00',
      location: 'Forged',
    });
    expect(forged.status).toBe(403);
    const detail = await api(t, lead).get(`/cases/${caseId}`).expect(200);
    expect(detail.body.meetings).toHaveLength(0);
  });

  it('shows a lead professional in My work what is due on each case, most overdue first, with the notifications about it', async () => {
    const owner = await team.add('practitioner');
    const ownerClient = await signedIn(t, owner.email, TEST_PASSWORD);
    const { caseId: later } = await activeCase(t, team, { owner });
    const { caseId: sooner } = await activeCase(t, team, { owner });
    // An overdue action item on `sooner` puts it first (the case began in October: set-up).
    await t.sql.query(`UPDATE cases SET started_on = '2026-10-01' WHERE id = $1`, [sooner]);
    await api(t, owner)
      .post(`/cases/${sooner}/action-items`, {
        need: 'general_health',
        action: 'See the GP',
        ownerUserId: owner.id,
        dueDate: '2026-11-03',
      })
      .expect(201);
    // A reminder delivered to the owner about `later`'s child (the worker's part: set-up).
    const laterCase = await api(t, owner).get(`/cases/${later}`).expect(200);
    await t.sql.query(
      `INSERT INTO notifications (recipient_user_id, type, subject_type, subject_id, child_id, stage, due_date)
       VALUES ($1, 'tac_meeting_not_recorded', 'case', $2, $3, 'test', '2026-11-20')`,
      [owner.id, later, laterCase.body.childId],
    );
    const page = await ownerClient.agent.get('/').expect(200);
    const rows = [...page.text.matchAll(/data-case="([^"]+)"/g)].map((m) => m[1]);
    expect(rows.indexOf(sooner)).toBeLessThan(rows.indexOf(later));
    const laterRow = page.text.slice(page.text.indexOf(`data-case="${later}"`));
    expect(laterRow.slice(0, laterRow.indexOf('</tr>'))).toContain('TAC meeting not recorded');
    expect(page.text).toContain('1 action-plan item overdue');
    expect(page.text).toMatch(
      /Schedule the first TAC meeting<\/a><span class="govuk-visually-hidden">, due<\/span> – \d+ \w+ \d{4}/,
    );
    expect(page.text).toContain(`href="/cases/${later}/meetings/new"`);
  });
});
