import {
  activeCase as createActiveCase,
  api,
  createTeam,
  Team,
  TestUser,
} from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, WebClient, hiddenFields } from './support/web-session';

describe('the notes list, correcting a note, and panel hearings', () => {
  let t: TestApp;
  let team: Team;
  let lead: TestUser;
  let leadClient: WebClient;
  let member: TestUser;
  let memberClient: WebClient;
  let managerClient: WebClient;

  /** An active case with `lead` its lead professional and `member` a TAC member (not the LP). */
  const activeCase = async (): Promise<string> =>
    (
      await createActiveCase(t, team, {
        owner: lead,
        child: {
          givenName: 'Noor',
          familyName: `Haddad${Math.random().toString(36).slice(2, 7)}`,
          dateOfBirth: '2014-09-12',
        },
        consent: { givenBy: 'Rania Haddad' },
        members: [{ user: member, role: 'Family support worker' }],
      })
    ).caseId;

  async function addNote(caseId: string, by: TestUser, text: string, occurredAt: string) {
    const note = await api(t, by)
      .post(`/cases/${caseId}/notes`, { kind: 'home_visit', occurredAt, text })
      .expect(201);
    return note.body.id as string;
  }

  async function noteRow(id: string) {
    return (
      await t.sql.query<{ text: string; version: number; corrections: number }>(
        `SELECT n.text, n.version,
                (SELECT count(*)::int FROM case_note_corrections k WHERE k.note_id = n.id) AS corrections
         FROM case_notes n WHERE n.id = $1`,
        [id],
      )
    ).rows[0];
  }

  async function hearingCount(caseId: string): Promise<number> {
    return (
      await t.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM panel_hearings WHERE case_id = $1',
        [caseId],
      )
    ).rows[0].n;
  }

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t, { locality: 'Notes East', otherLocality: 'Notes West' });
    lead = team.practitioner;
    member = await team.add('practitioner');
    leadClient = await signedIn(t, lead.email, TEST_PASSWORD);
    memberClient = await signedIn(t, member.email, TEST_PASSWORD);
    managerClient = await signedIn(t, team.localityManager.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the notes newest first with kind, date, author and the significant badge, 20 to a page, linked from the case page', async () => {
    const caseId = await activeCase();
    for (let day = 1; day <= 21; day += 1) {
      await addNote(caseId, lead, `Visit number ${day}`, `2026-10-${String(day).padStart(2, '0')}`);
    }
    await api(t, member)
      .post(`/cases/${caseId}/notes`, {
        kind: 'significant_event',
        occurredAt: '2026-10-30',
        text: 'Police called to the home',
      })
      .expect(201);

    const overview = await leadClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(overview.text).toContain(`href="/cases/${caseId}/notes">All notes</a>`);

    const page = await leadClient.agent.get(`/cases/${caseId}/notes`).expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Notes</h1>');
    expect(page.text).toContain(`href="/cases/${caseId}/notes/new"`);
    const headings = [...page.text.matchAll(/<h2 class="govuk-heading-s[^"]*">([^<]+)<\/h2>/g)].map(
      (m) => m[1],
    );
    expect(headings).toHaveLength(20);
    expect(headings[0]).toBe('Significant event, 30 October 2026');
    expect(headings[1]).toBe('Home visit, 21 October 2026');
    expect(headings[19]).toBe('Home visit, 3 October 2026');
    // The significant event is badged; a home visit is not.
    const first = page.text.split('data-note=')[1];
    expect(first).toContain('Significant');
    expect(page.text.split('data-note=')[2]).not.toContain('>Significant<');
    const memberName = (await api(t, team.admin).get(`/users/${member.id}`)).body
      .displayName as string;
    expect(first).toContain(`By ${memberName}`);
    // Only the author is offered the correction.
    expect(first).not.toContain('Correct this note');
    expect(page.text.split('data-note=')[2]).toContain('Correct this note');

    const next = /href="(\/cases\/[^"]+\/notes\?cursor=[^"]+)" rel="next"/.exec(page.text)?.[1];
    expect(next).toBeDefined();
    const older = await leadClient.agent.get(next!.replace(/&amp;/g, '&')).expect(200);
    expect(older.text).toContain('Home visit, 2 October 2026');
    expect(older.text).toContain('Home visit, 1 October 2026');
    expect(older.text).not.toContain('Home visit, 3 October 2026');
    expect(older.text).not.toContain('rel="next"');
    expect(older.text).toContain('Newest notes');
  });

  it('lets the author correct a note with a reason, and shows it as corrected with the earlier text, who and why', async () => {
    const caseId = await activeCase();
    const noteId = await addNote(caseId, lead, 'Visited on Tuesday', '2026-11-03');
    const path = `/cases/${caseId}/notes/${noteId}/correct`;
    const form = await leadClient.agent.get(path).expect(200);
    expect(form.text).toContain('<h1 class="govuk-heading-l">Correct note</h1>');
    expect(form.text).toContain('Visited on Tuesday');
    const answers = {
      ...hiddenFields(form.text, path),
      text: 'Visited on Wednesday',
      reason: 'The wrong day was written',
    };
    const saved = await leadClient.agent.post(path).type('form').send(answers);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${caseId}/notes`);
    // The same form sent again (a double click) corrects it once.
    const again = await leadClient.agent.post(path).type('form').send(answers);
    expect(again.status).toBe(303);
    expect(await noteRow(noteId)).toEqual({
      text: 'Visited on Wednesday',
      version: 2,
      corrections: 1,
    });

    const list = await leadClient.agent.get(`/cases/${caseId}/notes`).expect(200);
    expect(list.text).toContain('Note corrected');
    expect(list.text).toMatch(/govuk-tag[^"]*">\s*Corrected/);
    expect(list.text).toContain('Visited on Wednesday');
    expect(list.text).toContain('Text before: Visited on Tuesday');
    expect(list.text).toContain('Reason: The wrong day was written');
    // And the API says the same.
    const listed = await api(t, lead).get(`/cases/${caseId}/notes`).expect(200);
    expect(listed.body.items[0].corrections).toEqual([
      expect.objectContaining({
        previousText: 'Visited on Tuesday',
        reason: 'The wrong day was written',
        correctedBy: expect.objectContaining({ id: lead.id }),
      }),
    ]);
  });

  it('refuses the correction to anyone but the author, as the API does, and changes nothing', async () => {
    const caseId = await activeCase();
    const noteId = await addNote(caseId, lead, 'Written by the lead', '2026-11-03');
    const path = `/cases/${caseId}/notes/${noteId}/correct`;
    for (const client of [memberClient, managerClient]) {
      const page = await client.agent.get(path);
      expect(page.status).toBe(403);
      expect(page.text).toContain('Only the note’s author can correct it');
      expect(page.text).not.toContain('name="reason"');
      const csrf = await client.csrfFrom(`/cases/${caseId}/notes`);
      const posted = await client.agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, text: 'Changed by someone else', reason: 'Because', version: '1' });
      expect(posted.status).toBe(403);
      expect(posted.text).toContain('Only the note’s author can correct it');
    }
    const api403 = await api(t, member)
      .patch(`/notes/${noteId}`, { text: 'x', reason: 'y', version: 1 })
      .expect(403);
    expect(api403.body.message).toBe('Only the note’s author can correct it');
    expect(await noteRow(noteId)).toEqual({
      text: 'Written by the lead',
      version: 1,
      corrections: 0,
    });
  });

  it('asks for the text and the reason (400, error summary, answers kept), and a stale version says who changed the note', async () => {
    const caseId = await activeCase();
    const noteId = await addNote(caseId, lead, 'First words', '2026-11-03');
    const path = `/cases/${caseId}/notes/${noteId}/correct`;
    const form = await leadClient.agent.get(path).expect(200);
    const blank = await leadClient.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(form.text, path), text: 'Kept as typed', reason: '' })
      .expect(400);
    expect(blank.text).toContain('There is a problem');
    expect(blank.text).toContain('href="#reason"');
    expect(blank.text).toContain('Enter why the note is corrected');
    expect(blank.text).toContain('Kept as typed');
    const noText = await leadClient.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(form.text, path), text: '  ', reason: 'Typo' })
      .expect(400);
    expect(noText.text).toContain('Enter the corrected note');
    expect(noText.text).toContain('>Typo</textarea>');
    expect(await noteRow(noteId)).toMatchObject({ text: 'First words', version: 1 });

    // The author corrects it elsewhere (the API) after opening the form.
    await api(t, lead)
      .patch(`/notes/${noteId}`, { text: 'Second words', reason: 'Elsewhere', version: 1 })
      .expect(200);
    const stale = await leadClient.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(form.text, path), text: 'Third words', reason: 'Mine' })
      .expect(409);
    expect(stale.text).toContain('data-testid="stale-version"');
    expect(stale.text).toContain('Third words');
    expect(stale.text).toContain('Save my changes');
    expect(await noteRow(noteId)).toMatchObject({ text: 'Second words', version: 2 });
    await leadClient.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(stale.text, path), text: 'Third words', reason: 'Mine' })
      .expect(303);
    expect(await noteRow(noteId)).toEqual({ text: 'Third words', version: 3, corrections: 2 });
  });

  it('the lead professional records a panel hearing, shown on the case page with the panel’s name and the outcome in words; a double submit records one', async () => {
    const caseId = await activeCase();
    const overview = await leadClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(overview.text).toContain('<h2 class="govuk-heading-m" id="panels">Panels</h2>');
    expect(overview.text).toContain('No panel has heard this case.');
    expect(overview.text).toContain(`href="/cases/${caseId}/panels/new"`);

    const path = `/cases/${caseId}/panels/new`;
    const form = await leadClient.agent.get(path).expect(200);
    expect(form.text).toContain('<h1 class="govuk-heading-l">Record panel hearing</h1>');
    expect(form.text).toContain('Complex Care Panel');
    expect(form.text).toContain('Step up to children’s social care');
    const answers = {
      ...hiddenFields(form.text, path),
      panel: 'complex_care',
      'heardOn-day': '4',
      'heardOn-month': '11',
      'heardOn-year': '2026',
      outcome: 'continue_early_help',
      notes: 'Panel agreed the plan',
    };
    const first = await leadClient.agent.post(path).type('form').send(answers);
    const second = await leadClient.agent.post(path).type('form').send(answers);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(first.headers.location).toBe(`/cases/${caseId}#panels`);
    expect(await hearingCount(caseId)).toBe(1);

    const after = await leadClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(after.text).toContain('Panel hearing recorded');
    const table = after.text.split('data-testid="panel-hearings"')[1] ?? '';
    expect(table).toContain('Complex Care Panel');
    expect(table).toContain('4 November 2026');
    expect(table).toContain('Continue with early help');
    expect(table).toContain('Panel agreed the plan');
    const listed = await api(t, lead).get(`/cases/${caseId}/panels`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        panel: 'complex_care',
        heardOn: '2026-11-04',
        outcome: 'continue_early_help',
        recordedBy: lead.id,
      }),
    ]);
  });

  it('a locality manager records a panel hearing too', async () => {
    const caseId = await activeCase();
    const path = `/cases/${caseId}/panels/new`;
    const overview = await managerClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(overview.text).toContain(`href="${path}"`);
    const form = await managerClient.agent.get(path).expect(200);
    await managerClient.agent
      .post(path)
      .type('form')
      .send({
        ...hiddenFields(form.text, path),
        panel: 'step_up_step_down',
        'heardOn-day': '5',
        'heardOn-month': '11',
        'heardOn-year': '2026',
        outcome: 'step_up',
      })
      .expect(303);
    const after = await managerClient.agent.get(`/cases/${caseId}`).expect(200);
    const table = after.text.split('data-testid="panel-hearings"')[1] ?? '';
    expect(table).toContain('Step-up/step-down panel');
    expect(table).toContain('Step up to children’s social care');
    const listed = await api(t, team.localityManager).get(`/cases/${caseId}/panels`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ outcome: 'step_up', recordedBy: team.localityManager.id }),
    ]);
  });

  it('refuses a TAC member who is not the lead professional, without the button, as the API does', async () => {
    const caseId = await activeCase();
    const path = `/cases/${caseId}/panels/new`;
    const overview = await memberClient.agent.get(`/cases/${caseId}`).expect(200);
    expect(overview.text).toContain('>Panels</h2>');
    expect(overview.text).not.toContain(`href="${path}"`);
    const page = await memberClient.agent.get(path);
    expect(page.status).toBe(403);
    expect(page.text).toContain(
      'Only the lead professional or a locality manager records a panel hearing',
    );
    expect(page.text).not.toContain('name="outcome"');
    const csrf = await memberClient.csrfFrom(`/cases/${caseId}`);
    const posted = await memberClient.agent.post(path).type('form').send({
      _csrf: csrf,
      panel: 'complex_care',
      'heardOn-day': '4',
      'heardOn-month': '11',
      'heardOn-year': '2026',
      outcome: 'other',
    });
    expect(posted.status).toBe(403);
    expect(await hearingCount(caseId)).toBe(0);
    await api(t, member)
      .post(`/cases/${caseId}/panels`, {
        panel: 'complex_care',
        heardOn: '2026-11-04',
        outcome: 'other',
      })
      .expect(403);

    // A social care worker who may not record one is sent away by the page's role (403) too.
    const social = await signedIn(t, team.socialCare.email, TEST_PASSWORD);
    expect((await social.agent.get(path)).status).toBe(403);
  });

  it('asks for the panel, a real date not in the future and the outcome (400, error summary, answers kept)', async () => {
    const caseId = await activeCase();
    const path = `/cases/${caseId}/panels/new`;
    const form = await leadClient.agent.get(path).expect(200);
    const refused = await leadClient.agent
      .post(path)
      .type('form')
      .send({
        ...hiddenFields(form.text, path),
        'heardOn-day': '31',
        'heardOn-month': '2',
        'heardOn-year': '2026',
        notes: 'Notes kept as typed',
      })
      .expect(400);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain('Select the panel');
    expect(refused.text).toContain('Date the panel heard the case must be a real date');
    expect(refused.text).toContain('Select the outcome');
    expect(refused.text).toContain('Notes kept as typed');
    expect(refused.text).toContain('value="31"');

    const future = await leadClient.agent
      .post(path)
      .type('form')
      .send({
        ...hiddenFields(form.text, path),
        panel: 'complex_care',
        'heardOn-day': '1',
        'heardOn-month': '1',
        'heardOn-year': '2099',
        outcome: 'close',
      })
      .expect(400);
    expect(future.text).toContain('Date the panel heard the case must be today or in the past');
    expect(future.text).toMatch(/value="complex_care" checked/);
    expect(await hearingCount(caseId)).toBe(0);
  });

  it('changing the status of an action owned by an external member keeps its owner', async () => {
    const caseId = await activeCase();
    await api(t, lead)
      .post(`/cases/${caseId}/consent`, {
        givenBy: 'Rania Haddad',
        relationship: 'parent',
        givenAt: '2026-11-03',
        scope: ['assessment', 'information_sharing'],
      })
      .expect(201);
    const gp = await api(t, lead)
      .post(`/cases/${caseId}/tac/members`, {
        externalName: 'Dr Omar Reid',
        externalAgency: 'Eastfield Surgery',
        role: 'GP',
      })
      .expect(201);
    const item = await api(t, lead)
      .post(`/cases/${caseId}/action-items`, {
        need: 'general_health',
        action: 'Asthma review',
        ownerMemberId: gp.body.id,
        dueDate: '2031-03-31',
      })
      .expect(201);
    const path = `/cases/${caseId}/action-plan/${item.body.id}`;
    const form = await leadClient.agent.get(path).expect(200);
    const owner = /<select[^>]*name="owner"[^>]*>([\s\S]*?)<\/select>/.exec(form.text)?.[1] ?? '';
    expect(owner).toMatch(/<option value="" selected>Dr Omar Reid \(Eastfield Surgery\)<\/option>/);
    await leadClient.agent
      .post(path)
      .type('form')
      .send({
        ...hiddenFields(form.text, path),
        action: 'Asthma review',
        owner: '',
        'dueDate-day': '31',
        'dueDate-month': '3',
        'dueDate-year': '2031',
        status: 'implemented',
      })
      .expect(303);
    const row = await t.sql.query(
      'SELECT status, owner_user_id, owner_member_id FROM action_items WHERE id = $1',
      [item.body.id],
    );
    expect(row.rows[0]).toEqual({
      status: 'implemented',
      owner_user_id: null,
      owner_member_id: gp.body.id,
    });
  });

  it('answers the "Page not found" page to a practitioner who may not see the case, on every page here', async () => {
    const caseId = await activeCase();
    const noteId = await addNote(caseId, lead, 'Private to the team', '2026-11-03');
    const stranger = await team.add('practitioner');
    const client = await signedIn(t, stranger.email, TEST_PASSWORD);
    for (const path of [
      `/cases/${caseId}/notes`,
      `/cases/${caseId}/notes/${noteId}/correct`,
      `/cases/${caseId}/panels/new`,
    ]) {
      const page = await client.agent.get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(page.text).toContain('Page not found');
      expect(page.text).not.toContain('Haddad');
      expect(page.text).not.toContain('Private to the team');
    }
    const csrf = await client.csrfFrom('/');
    const posted = await client.agent.post(`/cases/${caseId}/panels/new`).type('form').send({
      _csrf: csrf,
      panel: 'complex_care',
      'heardOn-day': '4',
      'heardOn-month': '11',
      'heardOn-year': '2026',
      outcome: 'other',
    });
    expect(posted.status).toBe(404);
    expect(await hearingCount(caseId)).toBe(0);
    // A note of another case is not found under this one, even by its author.
    const otherCase = await activeCase();
    await leadClient.agent.get(`/cases/${otherCase}/notes/${noteId}/correct`).expect(404);
  });
});
