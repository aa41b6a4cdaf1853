import { createTeam, Team } from './support/fixtures';
import { startTestApp, TEST_PASSWORD, TestApp } from './support/test-app';
import { signedIn, WebClient, hiddenFields } from './support/web-session';

/** A referral form's hidden fields also carry the child and the case it is for. */
const referralFields = (html: string) =>
  hiddenFields(html, undefined, ['_csrf', '_idempotencyKey', 'version', 'childId', 'caseId']);

function dateFields(prefix: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-');
  return {
    [`${prefix}-day`]: String(Number(day)),
    [`${prefix}-month`]: String(Number(month)),
    [`${prefix}-year`]: year,
  };
}

async function submit(
  client: WebClient,
  formPath: string,
  postPath: string,
  answers: Record<string, string>,
) {
  const page = await client.agent.get(formPath).expect(200);
  return client.agent
    .post(postPath)
    .type('form')
    .send({ ...referralFields(page.text), ...answers });
}

describe('the social care pages: referrals, decisions and assessments', () => {
  let t: TestApp;
  let team: Team;
  let practitioner: WebClient;
  let other: WebClient;
  let socialCare: WebClient;
  let scManager: WebClient;
  let manager: WebClient;
  let today: string;

  async function newCase(withConsent: boolean): Promise<{ caseId: string; childId: string }> {
    const child = await t
      .http()
      .post('/api/v1/children')
      .auth(team.practitioner.token, { type: 'bearer' })
      .send({
        givenName: 'Noah',
        familyName: `Referred${Math.random().toString(36).slice(2, 7)}`,
        dateOfBirth: '2015-02-03',
        gender: 'male',
        localityId: team.localityId,
      })
      .expect(201);
    const created = await t
      .http()
      .post('/api/v1/cases')
      .auth(team.practitioner.token, { type: 'bearer' })
      .send({ childId: child.body.id })
      .expect(201);
    if (withConsent) {
      await t
        .http()
        .post(`/api/v1/cases/${created.body.id}/consent`)
        .auth(team.practitioner.token, { type: 'bearer' })
        .send({
          givenBy: 'Parent',
          relationship: 'parent',
          givenAt: today,
          scope: ['assessment', 'information_sharing'],
        })
        .expect(201);
    }
    return { caseId: created.body.id, childId: child.body.id };
  }

  async function refer(
    ids: { caseId: string; childId: string },
    extra: Record<string, string> = {},
  ) {
    return submit(
      practitioner,
      `/referrals/new?childId=${ids.childId}&caseId=${ids.caseId}`,
      '/referrals/new',
      { ...dateFields('referredAt', today), source: 'school', reason: 'Bruising seen', ...extra },
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t, {
      locality: 'Web referrals East',
      otherLocality: 'Web referrals West',
    });
    practitioner = await signedIn(t, team.practitioner.email, TEST_PASSWORD);
    other = await signedIn(t, (await team.add('practitioner')).email, TEST_PASSWORD);
    socialCare = await signedIn(t, team.socialCare.email, TEST_PASSWORD);
    scManager = await signedIn(t, team.socialCareManager.email, TEST_PASSWORD);
    manager = await signedIn(t, team.localityManager.email, TEST_PASSWORD);
    today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the case page and the child page link to "Refer to children’s social care"', async () => {
    const ids = await newCase(true);
    const casePage = await practitioner.agent.get(`/cases/${ids.caseId}`).expect(200);
    expect(casePage.text).toContain(
      `href="/referrals/new?childId=${ids.childId}&amp;caseId=${ids.caseId}"`,
    );
    const childPage = await practitioner.agent.get(`/children/${ids.childId}`).expect(200);
    expect(childPage.text).toContain(
      `/referrals/new?childId=${ids.childId}&amp;caseId=${ids.caseId}`,
    );
    const form = await practitioner.agent
      .get(`/referrals/new?childId=${ids.childId}&caseId=${ids.caseId}`)
      .expect(200);
    expect(form.text).toContain('<h1 class="govuk-heading-l">Refer to children’s social care</h1>');
    expect(form.text).not.toContain('safeguardingReason');
  });

  it('refuses an empty form with each message beside its field, keeping the answers', async () => {
    const ids = await newCase(true);
    const response = await refer(ids, {
      source: '',
      reason: '',
      'referredAt-day': '31',
      'referredAt-month': '2',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Referral date must be a real date');
    expect(response.text).toContain('Select who the referral comes from');
    expect(response.text).toContain('Enter the reason for the referral');
    expect(response.text).toContain('value="31"');
  });

  it('without information-sharing consent asks for the safeguarding reason, then refers; a second referral is a re-referral linking the first', async () => {
    const ids = await newCase(false);
    const form = await practitioner.agent
      .get(`/referrals/new?childId=${ids.childId}&caseId=${ids.caseId}`)
      .expect(200);
    expect(form.text).toContain('The family has not given consent to share information');
    const refused = await refer(ids);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Enter why you are sharing without the family’s consent');

    const first = await refer(ids, { safeguardingReason: 'Risk of significant harm' });
    expect(first.status).toBe(303);
    const firstId = /\/referrals\/([0-9a-f-]{36})$/.exec(first.headers.location)![1];
    const firstPage = await practitioner.agent.get(first.headers.location).expect(200);
    expect(firstPage.text).toContain('Referral sent to children’s social care');
    expect(firstPage.text).toContain('This is not a re-referral');
    expect(firstPage.text).toContain('Yes, on safeguarding grounds: Risk of significant harm');

    const second = await refer(ids, { safeguardingReason: 'Still at risk' });
    expect(second.status).toBe(303);
    const secondPage = await practitioner.agent.get(second.headers.location).expect(200);
    expect(secondPage.text).toContain(
      'This is a re-referral: the child was referred within the 12 months',
    );
    expect(secondPage.text).toContain(
      `<a class="govuk-link" href="/referrals/${firstId}">referral of`,
    );

    // Another practitioner, not linked to the case, gets the 404 page; so does a bad id.
    await other.agent.get(`/referrals/${firstId}`).expect(404);
    await other.agent.get(`/referrals/new?childId=${ids.childId}&caseId=${ids.caseId}`).expect(404);
    await practitioner.agent.get('/referrals/new?childId=not-an-id').expect(404);
    // A practitioner has no queue or assessments page.
    await practitioner.agent.get('/referrals').expect(403);
    await practitioner.agent.get('/assessments').expect(403);
  });

  it('social care: the queue oldest first, the decision, the initial assessment with its outcome, the core assessment with a new commencement date confirmed, and a stale version', async () => {
    const ids = await newCase(true);
    const created = await refer(ids);
    expect(created.status).toBe(303);
    const referralPath = created.headers.location;
    const referralId = referralPath.split('/').pop()!;

    const queue = await socialCare.agent.get('/referrals').expect(200);
    expect(queue.text).toContain('<h1 class="govuk-heading-l">Referrals awaiting a decision</h1>');
    expect(queue.text).toContain(`data-referral="${referralId}"`);
    expect(queue.text).toContain('0 working days');
    const lmQueue = await manager.agent.get('/referrals').expect(200);
    expect(lmQueue.text).toContain(`data-referral="${referralId}"`);

    // The decision: refused without an outcome, then recorded.
    const refused = await submit(socialCare, referralPath, `${referralPath}/decision`, {
      ...dateFields('decidedAt', today),
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Select the decision');
    const decided = await submit(socialCare, referralPath, `${referralPath}/decision`, {
      outcome: 'initial_assessment',
      ...dateFields('decidedAt', today),
    });
    expect(decided.status).toBe(303);
    const page = await socialCare.agent.get(referralPath).expect(200);
    expect(page.text).toContain('Accept for initial assessment, decided');
    expect(page.text).toContain('Start initial assessment');
    // A practitioner sees the referral, without social care's forms.
    const seen = await practitioner.agent.get(referralPath).expect(200);
    expect(seen.text).not.toContain('Start initial assessment');

    const started = await submit(socialCare, referralPath, `${referralPath}/assessment`, {
      assignedToUserId: team.socialCare.id,
    });
    expect(started.status).toBe(303);
    const iaPath = started.headers.location;
    expect(iaPath).toMatch(/^\/assessments\/initial\//);
    const list = await socialCare.agent.get('/assessments').expect(200);
    expect(list.text).toContain('<h1 class="govuk-heading-l">Assessments</h1>');
    expect(list.text).toContain('7 working days left');
    // The manager of the team sees it under their team's filter; a worker has no filter.
    expect(list.text).not.toContain('My team’s assessments');
    const teamList = await scManager.agent.get('/assessments?whose=team').expect(200);
    expect(teamList.text).toContain('My team’s assessments');
    expect(teamList.text).toContain(`href="${iaPath}"`);

    const completed = await submit(socialCare, iaPath, `${iaPath}/complete`, {
      outcome: 'core_assessment',
      ...dateFields('completedAt', today),
    });
    expect(completed.status).toBe(303);
    const ia = await socialCare.agent.get(iaPath).expect(200);
    expect(ia.text).toContain('It was completed in time');
    expect(ia.text).toContain('Core assessment needed');

    const core = await submit(socialCare, iaPath, `${iaPath}/core`, {
      ...dateFields('commencedAt', today),
      assignedToUserId: team.socialCare.id,
    });
    expect(core.status).toBe(303);
    const corePath = core.headers.location;

    // Change the commencement date: the new due date is shown, then saved with the version.
    const form = await socialCare.agent.get(`${corePath}/commenced`).expect(200);
    const version = referralFields(form.text).version;
    const preview = await socialCare.agent
      .post(`${corePath}/commenced`)
      .type('form')
      .send({ ...referralFields(form.text), ...dateFields('commencedAt', today) })
      .expect(200);
    expect(preview.text).toContain('Check the new due date');
    const saved = await socialCare.agent
      .post(`${corePath}/commenced`)
      .type('form')
      .send({
        ...referralFields(preview.text),
        ...dateFields('commencedAt', today),
        confirm: 'yes',
      });
    expect(saved.status).toBe(303);
    const stale = await socialCare.agent
      .post(`${corePath}/commenced`)
      .type('form')
      .send({
        _csrf: referralFields(form.text)._csrf,
        version,
        ...dateFields('commencedAt', today),
        confirm: 'yes',
      });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else has changed this record');

    const done = await submit(socialCare, corePath, `${corePath}/complete`, {
      ...dateFields('completedAt', today),
    });
    expect(done.status).toBe(303);
    const after = await socialCare.agent.get(corePath).expect(200);
    expect(after.text).toContain('Completed in time');
  });
});
