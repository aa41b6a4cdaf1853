import { buildWorld, createCast, need, type Cast, type World } from './support/access-world';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, WebClient, hiddenFields } from './support/web-session';
import { api } from './support/fixtures';

describe('the action plan pages', () => {
  let t: TestApp;
  let cast: Cast;
  let lead: WebClient;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    lead = await signedIn(t, cast.lead.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function activeCase(): Promise<World & { case: string; item: string }> {
    const w = await buildWorld(t, cast, 'planned');
    return { ...w, case: need(w.case, 'case'), item: need(w.item, 'item') };
  }

  async function itemRow(id: string) {
    return (
      await t.sql.query<{ status: string; action: string; version: number }>(
        'SELECT status, action, version FROM action_items WHERE id = $1',
        [id],
      )
    ).rows[0];
  }

  it('lists the items under the need’s name with owner, due date, status and service, and a practitioner not linked to the case gets the 404 page', async () => {
    const w = await activeCase();
    const page = await lead.agent.get(`/cases/${w.case}/action-plan`).expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Action plan</h1>');
    expect(page.text).toContain('<h2 class="govuk-heading-m">Aspirations</h2>');
    expect(page.text).not.toContain('>aspirations<');
    expect(page.text).toContain('Mentoring');
    expect(page.text).toMatch(/govuk-tag[^"]*">\s*Planned/);
    expect(page.text).toContain('name="serviceCode"');

    const unlinked = await signedIn(t, cast.loginEmails.unlinked, TEST_PASSWORD);
    const refused = await unlinked.agent.get(`/cases/${w.case}/action-plan`).expect(404);
    expect(refused.text).not.toContain('Mentoring');
    await unlinked.agent.get(`/cases/${w.case}/action-plan/${w.item}`).expect(404);
  });

  it('adds an action once when the form is submitted twice, and marks an overdue one in words', async () => {
    const w = await activeCase();
    // A case begun long ago, so that an item can be due in the past.
    await t.sql.query("UPDATE cases SET started_on = '2011-04-01' WHERE id = $1", [w.case]);
    const path = `/cases/${w.case}/action-plan`;
    const page = await lead.agent.get(path).expect(200);
    const owner = /<option value="([0-9a-f-]{36})">/.exec(page.text)?.[1];
    const answers = {
      ...hiddenFields(page.text),
      need: 'general_health',
      action: 'Book a dental check-up',
      owner: need(owner, 'owner option'),
      'dueDate-day': '1',
      'dueDate-month': '6',
      'dueDate-year': '2011',
    };
    const first = await lead.agent.post(path).type('form').send(answers);
    const second = await lead.agent.post(path).type('form').send(answers);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    const count = await t.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM action_items WHERE case_id = $1 AND action = 'Book a dental check-up'",
      [w.case],
    );
    expect(count.rows[0].n).toBe(1);
    const shown = await lead.agent.get(path).expect(200);
    expect(shown.text).toContain('<h2 class="govuk-heading-m">General health</h2>');
    expect(shown.text).toContain('Overdue');
    expect(shown.text).toMatch(/1 action is overdue/);
  });

  it('asks for the missing answers and a reason to cancel, keeping what was typed', async () => {
    const w = await activeCase();
    const path = `/cases/${w.case}/action-plan`;
    const page = await lead.agent.get(path).expect(200);
    const refused = await lead.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(page.text), action: 'Keep this text' })
      .expect(400);
    expect(refused.text).toContain('Select the need this action addresses');
    expect(refused.text).toContain('Select who owns the action');
    expect(refused.text).toContain('Keep this text');

    const edit = await lead.agent.get(`${path}/${w.item}`).expect(200);
    const cancel = await lead.agent
      .post(`${path}/${w.item}`)
      .type('form')
      .send({
        ...hiddenFields(edit.text),
        action: 'Mentoring',
        'dueDate-day': '30',
        'dueDate-month': '6',
        'dueDate-year': '2031',
        status: 'cancelled',
      })
      .expect(400);
    expect(cancel.text).toContain('Enter why the action is cancelled');
    expect((await itemRow(w.item)).status).toBe('planned');
  });

  it('a stale version says who changed the item and when, keeps what was typed and saves nothing until the user chooses', async () => {
    const w = await activeCase();
    const path = `/cases/${w.case}/action-plan/${w.item}`;
    const edit = await lead.agent.get(path).expect(200);
    // Someone else changes it first.
    await api(t, cast.lead)
      .patch(`/action-items/${w.item}`, { status: 'in_progress', version: 1 })
      .expect(200);
    const mine = {
      action: 'Mentoring with the school’s mentor',
      'dueDate-day': '30',
      'dueDate-month': '6',
      'dueDate-year': '2031',
      status: 'implemented',
    };
    const stale = await lead.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(edit.text), ...mine })
      .expect(409);
    expect(stale.text).toContain('data-testid="stale-version"');
    expect(stale.text).toContain('after you opened this page');
    expect(stale.text).toContain('Mentoring with the school’s mentor');
    expect(stale.text).toContain('Save my changes');
    expect(await itemRow(w.item)).toMatchObject({ status: 'in_progress', action: 'Mentoring' });

    // Choosing to save theirs over it.
    await lead.agent
      .post(path)
      .type('form')
      .send({ ...hiddenFields(stale.text), ...mine })
      .expect(303);
    expect(await itemRow(w.item)).toMatchObject({
      status: 'implemented',
      action: 'Mentoring with the school’s mentor',
    });
  });
});

describe('closing and reopening a case', () => {
  let t: TestApp;
  let cast: Cast;
  let lead: WebClient;
  let manager: WebClient;

  beforeAll(async () => {
    t = await startTestApp();
    cast = await createCast(t);
    lead = await signedIn(t, cast.lead.email, TEST_PASSWORD);
    manager = await signedIn(t, cast.managerHere.email, TEST_PASSWORD);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses "needs met" while actions are open and lists them, then closes once they are implemented; a locality manager reopens it', async () => {
    const w = await buildWorld(t, cast, 'planned');
    const caseId = need(w.case, 'case');
    const itemId = need(w.item, 'item');
    const page = await lead.agent.get(`/cases/${caseId}/close`).expect(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Close the case</h1>');
    expect(page.text).toContain('The needs are met');
    expect(page.text).not.toContain('needs_met<');
    expect(page.text).toContain('Mentoring');
    const refused = await lead.agent
      .post(`/cases/${caseId}/close`)
      .type('form')
      .send({ ...hiddenFields(page.text), reason: 'needs_met' })
      .expect(400);
    expect(refused.text).toContain('cannot close as needs met while actions are still open');
    expect(refused.text).toMatch(/data-testid="open-items"[\s\S]*Mentoring/);
    const status = async () =>
      (await t.sql.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [caseId]))
        .rows[0].status;
    expect(await status()).toBe('active');

    await api(t, cast.lead)
      .patch(`/action-items/${itemId}`, { status: 'implemented', version: 1 })
      .expect(200);
    const again = await lead.agent.get(`/cases/${caseId}/close`).expect(200);
    expect(again.text).not.toContain('data-testid="open-items"');
    const closeAnswers = { ...hiddenFields(again.text), reason: 'needs_met' };
    await lead.agent.post(`/cases/${caseId}/close`).type('form').send(closeAnswers).expect(303);
    await lead.agent.post(`/cases/${caseId}/close`).type('form').send(closeAnswers).expect(303);
    expect(await status()).toBe('closed');

    const reopen = await manager.agent.get(`/cases/${caseId}/reopen`).expect(200);
    expect(reopen.text).toContain('The needs are met');
    const blank = await manager.agent
      .post(`/cases/${caseId}/reopen`)
      .type('form')
      .send({ ...hiddenFields(reopen.text), reason: '' })
      .expect(400);
    expect(blank.text).toContain('Enter why the case is reopened');
    await manager.agent
      .post(`/cases/${caseId}/reopen`)
      .type('form')
      .send({ ...hiddenFields(reopen.text), reason: 'New concerns from school' })
      .expect(303);
    expect(await status()).toBe('active');
  });
});
