import { TestApp, startTestApp } from './support/test-app';
import { createTeam, TestUser } from './support/fixtures';

type Operation = { tags?: string[]; 'x-roles'?: string[] };

/**
 * docs/domain.md#access on every route of referrals and assessments, from the OpenAPI document: callers
 * who may not see the referral get 404 (lists without it), roles without access 403.
 */
describe('access to referrals and assessments on every route', () => {
  let t: TestApp;
  const ids = { child: '', case: '', referral: '', initial: '', core: '' };
  const callers: Record<string, TestUser> = {};
  let social: TestUser;

  const bodies: Record<string, () => object> = {
    'post /api/v1/referrals': () => ({
      childId: ids.child,
      caseId: ids.case,
      referredAt: '2011-04-21',
      source: 'early_help',
      reason: 'x',
      // The case has no information-sharing consent: sharing on safeguarding grounds.
      safeguarding: true,
      safeguardingReason: 'Risk of significant harm',
    }),
    'patch /api/v1/referrals/{id}': () => ({ referredAt: '2011-04-20', version: 1 }),
    'post /api/v1/referrals/{id}/decision': () => ({
      outcome: 'initial_assessment',
      decidedAt: '2011-04-22',
    }),
    'post /api/v1/referrals/{id}/decision/correction': () => ({
      outcome: 'initial_assessment',
      decidedAt: '2011-04-22',
      reason: 'x',
    }),
    'post /api/v1/referrals/{id}/initial-assessment': () => ({ assignedToUserId: social.id }),
    'post /api/v1/initial-assessments/{id}/complete': () => ({
      completedAt: '2011-05-05',
      outcome: 'core_assessment',
    }),
    'post /api/v1/core-assessments': () => ({
      initialAssessmentId: ids.initial,
      commencedAt: '2011-05-06',
      assignedToUserId: social.id,
    }),
    'patch /api/v1/core-assessments/{id}': () => ({ commencedAt: '2011-05-06', version: 1 }),
    'post /api/v1/core-assessments/{id}/complete': () => ({ completedAt: '2011-06-01' }),
    'put /api/v1/referrals/{id}/closure': () => ({ primaryNeed: 'N1', version: 1 }),
    'post /api/v1/referrals/{id}/assessment': () => ({ assignedToUserId: social.id }),
    'patch /api/v1/assessments/{id}': () => ({ startedAt: '2014-02-04', version: 1 }),
    'post /api/v1/assessments/{id}/complete': () => ({
      completedAt: '2014-03-20',
      outcome: 'services_provided',
    }),
  };
  const listRoutes = new Set([
    'get /api/v1/referrals',
    'get /api/v1/referrals/queue',
    'get /api/v1/initial-assessments',
    'get /api/v1/core-assessments',
    'get /api/v1/assessments',
  ]);

  beforeAll(async () => {
    t = await startTestApp();
    const team = await createTeam(t, { locality: 'East', otherLocality: 'West' });
    const east = team.localityId;
    const west = team.otherLocalityId;
    const owner = team.practitioner;
    social = team.socialCare;
    callers['an unlinked practitioner'] = await team.add('practitioner');
    callers['another locality’s practitioner'] = await team.add('practitioner', {
      localityIds: [west],
    });
    callers['another locality’s manager'] = await team.add('locality_manager', {
      localityIds: [west],
    });
    callers['a performance manager'] = team.performanceManager;
    callers['an admin'] = team.admin;

    const as = (user: TestUser, method: 'post' | 'put', url: string, body: object) =>
      t.http()[method](url).auth(user.token, { type: 'bearer' }).send(body);
    ids.child = (
      await as(owner, 'post', '/api/v1/children', {
        givenName: 'Hidden',
        familyName: 'Referral',
        dateOfBirth: '2009-09-09',
        gender: 'female',
        localityId: east,
      }).expect(201)
    ).body.id;
    ids.case = (
      await as(owner, 'post', '/api/v1/cases', { childId: ids.child }).expect(201)
    ).body.id;
    ids.referral = (
      await as(owner, 'post', '/api/v1/referrals', bodies['post /api/v1/referrals']()).expect(201)
    ).body.id;
    await as(social, 'post', `/api/v1/referrals/${ids.referral}/decision`, {
      outcome: 'initial_assessment',
      decidedAt: '2011-04-22',
    }).expect(200);
    ids.initial = (
      await as(social, 'post', `/api/v1/referrals/${ids.referral}/initial-assessment`, {
        assignedToUserId: social.id,
      }).expect(201)
    ).body.id;
    await as(social, 'post', `/api/v1/initial-assessments/${ids.initial}/complete`, {
      completedAt: '2011-05-05',
      outcome: 'core_assessment',
    }).expect(200);
    ids.core = (
      await as(social, 'post', '/api/v1/core-assessments', {
        initialAssessmentId: ids.initial,
        commencedAt: '2011-05-06',
        assignedToUserId: social.id,
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  function idFor(path: string): string {
    if (path.startsWith('/api/v1/referrals/')) return ids.referral;
    if (path.startsWith('/api/v1/initial-assessments/')) return ids.initial;
    if (path.startsWith('/api/v1/core-assessments/')) return ids.core;
    // No single assessment under the default framework: none to see, whoever asks.
    if (path.startsWith('/api/v1/assessments/')) return ids.core;
    throw new Error(`no id for ${path}`);
  }

  it('answers each caller as docs/domain.md#access says, on every route', async () => {
    const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => op.tags?.includes('referrals and assessments'))
        .map(([method, op]) => ({ method, path, roles: op['x-roles'] ?? [] })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(15);
    let checks = 0;
    for (const { method, path, roles } of routes) {
      const key = `${method} ${path}`;
      const url = path.includes('{id}') ? path.replace('{id}', idFor(path)) : path;
      for (const [who, user] of Object.entries(callers)) {
        const call = t
          .http()
          [method as 'get' | 'post' | 'patch' | 'put'](url)
          .auth(user.token, { type: 'bearer' });
        if (method !== 'get') {
          const body = bodies[key];
          if (!body) throw new Error(`add a valid body for ${key} to this test`);
          call.send(body());
        }
        const response = await call;
        const expected = !roles.includes(user.role) ? 403 : listRoutes.has(key) ? 200 : 404;
        expect({ route: key, who, status: response.status }).toEqual({
          route: key,
          who,
          status: expected,
        });
        if (expected === 200) {
          for (const id of Object.values(ids))
            expect(JSON.stringify(response.body)).not.toContain(id);
        }
        checks++;
      }
    }
    process.stderr.write(
      `referral access: ${routes.length} routes × ${Object.keys(callers).length} callers = ${checks} checks\n`,
    );
  });
});
