import { TestApp, startTestApp } from './support/test-app';
import { createTeam, TestUser } from './support/fixtures';

type Operation = { tags?: string[]; 'x-roles'?: string[] };

/**
 * docs/domain.md#access on every route of the CAF workflow, generated from the application's own
 * OpenAPI document so that a new route cannot be missed: an unlinked practitioner and a
 * practitioner of another locality get 404 on anything about a child they cannot see (and
 * lists without it), a performance manager and an admin get 403 (no case content).
 */
describe('access to children and cases on every route', () => {
  let t: TestApp;
  let east: string;
  const ids = { child: '', case: '', meeting: '', item: '', member: '' };
  const callers: Record<string, TestUser> = {};
  let owner: TestUser;

  // A valid body for each route, so that a refusal can only come from access rules.
  const bodies: Record<string, () => object> = {
    'post /api/v1/children': () => ({
      givenName: 'Other',
      familyName: 'Child',
      dateOfBirth: '2010-01-01',
      gender: 'male',
      localityId: east,
    }),
    'post /api/v1/cases': () => ({ childId: ids.child }),
    'put /api/v1/cases/{id}/pre-assessment': () => ({
      concernDomains: ['parents_and_carers'],
      cafNeeded: true,
    }),
    'put /api/v1/cases/{id}/assessment': () => ({
      elements: [{ code: 'aspirations', level: 1 }],
      version: 1,
    }),
    'post /api/v1/cases/{id}/consent': () => ({
      givenBy: 'Mum',
      relationship: 'parent',
      givenAt: '2011-04-21',
      scope: ['assessment'],
    }),
    'post /api/v1/cases/{id}/consent/withdraw': () => ({}),
    'post /api/v1/cases/{id}/assessment/complete': () => ({}),
    'post /api/v1/cases/{id}/tier': () => ({ tier: 2 }),
    'post /api/v1/cases/{id}/tier/review': () => ({ confirm: true }),
    'post /api/v1/cases/{id}/close': () => ({ reason: 'needs_met' }),
    'post /api/v1/cases/{id}/reopen': () => ({ reason: 'New concerns' }),
    'post /api/v1/cases/{id}/tac/members': () => ({
      externalName: 'Dr Who',
      externalAgency: 'GP',
      role: 'GP',
    }),
    'post /api/v1/cases/{id}/tac/members/{memberId}/leave': () => ({
      reason: 'Moved job',
      version: 1,
    }),
    'put /api/v1/cases/{id}/lead-professional': () => ({
      userId: owner.id,
      reason: 'Knows the family',
    }),
    'post /api/v1/cases/{id}/tac/meetings': () => ({
      scheduledAt: '2031-05-10T14:00:00+01:00',
      location: 'School',
    }),
    'post /api/v1/tac-meetings/{id}/record': () => ({
      heldAt: new Date().toISOString(),
      attendeeUserIds: [],
      familyAttended: true,
    }),
    'post /api/v1/tac-meetings/{id}/cancel': () => ({ reason: 'Illness' }),
    'post /api/v1/cases/{id}/action-items': () => ({
      need: 'aspirations',
      action: 'Mentoring',
      ownerUserId: owner.id,
      dueDate: '2031-06-30',
    }),
    'patch /api/v1/action-items/{id}': () => ({ status: 'in_progress', version: 1 }),
  };
  const listRoutes = new Set([
    'get /api/v1/cases',
    'get /api/v1/children',
    'get /api/v1/cases/mine',
  ]);

  beforeAll(async () => {
    t = await startTestApp();
    const team = await createTeam(t, { locality: 'East', otherLocality: 'West' });
    east = team.localityId;
    const west = team.otherLocalityId;
    owner = team.practitioner;
    callers['an unlinked practitioner'] = await team.add('practitioner');
    callers['another locality’s practitioner'] = await team.add('practitioner', {
      localityIds: [west],
    });
    callers['another locality’s manager'] = await team.add('locality_manager', {
      localityIds: [west],
    });
    callers['a performance manager'] = team.performanceManager;
    callers['an admin'] = team.admin;

    const http = (method: 'post' | 'put', url: string, body: object) =>
      t.http()[method](url).auth(owner.token, { type: 'bearer' }).send(body);
    ids.child = (
      await http('post', '/api/v1/children', {
        givenName: 'Hidden',
        familyName: 'Child',
        dateOfBirth: '2009-09-09',
        gender: 'female',
        localityId: east,
      }).expect(201)
    ).body.id;
    ids.case = (await http('post', '/api/v1/cases', { childId: ids.child }).expect(201)).body.id;
    await http('post', `/api/v1/cases/${ids.case}/consent`, {
      givenBy: 'Mum',
      relationship: 'parent',
      givenAt: '2011-04-21',
      scope: ['assessment'],
    }).expect(201);
    await http('put', `/api/v1/cases/${ids.case}/assessment`, {
      elements: [{ code: 'aspirations', level: 1 }],
      version: 1,
    }).expect(200);
    await http('post', `/api/v1/cases/${ids.case}/assessment/complete`, {}).expect(200);
    await http('post', `/api/v1/cases/${ids.case}/tier`, { tier: 2 }).expect(200);
    // The owner is on the TAC from the start, as the assessing practitioner.
    ids.member = (
      await t
        .http()
        .get(`/api/v1/cases/${ids.case}`)
        .auth(owner.token, { type: 'bearer' })
        .expect(200)
    ).body.members.find((m: { userId: string }) => m.userId === owner.id).id;
    ids.meeting = (
      await http('post', `/api/v1/cases/${ids.case}/tac/meetings`, {
        scheduledAt: '2031-05-10T14:00:00+01:00',
        location: 'School',
      }).expect(201)
    ).body.id;
    ids.item = (
      await http('post', `/api/v1/cases/${ids.case}/action-items`, {
        need: 'aspirations',
        action: 'Mentoring',
        ownerUserId: owner.id,
        dueDate: '2031-06-30',
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  function idFor(path: string): string {
    if (path.startsWith('/api/v1/cases/')) return ids.case;
    if (path.startsWith('/api/v1/children/')) return ids.child;
    if (path.startsWith('/api/v1/tac-meetings/')) return ids.meeting;
    if (path.startsWith('/api/v1/action-items/')) return ids.item;
    throw new Error(`no id for ${path}`);
  }

  it('answers each caller as docs/domain.md#access says, on every route of the workflow', async () => {
    const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, op]) =>
          op.tags?.some((tag) => ['children', 'cases', 'team around the child'].includes(tag)),
        )
        .map(([method, op]) => ({ method, path, roles: op['x-roles'] ?? [] })),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const checked: string[] = [];

    for (const { method, path, roles } of routes) {
      const key = `${method} ${path}`;
      const url = path
        .replace('{id}', path.includes('{id}') ? idFor(path) : '')
        .replace('{memberId}', ids.member);
      for (const [who, user] of Object.entries(callers)) {
        const call = t
          .http()
          [method as 'get' | 'post' | 'put' | 'patch'](url)
          .auth(user.token, { type: 'bearer' });
        if (method !== 'get') {
          const body = bodies[key];
          if (!body) throw new Error(`add a valid body for ${key} to this test`);
          call.send(body());
        }
        const response = await call;
        let expected: number;
        if (!roles.includes(user.role)) expected = 403;
        else if (listRoutes.has(key)) expected = 200;
        else if (key === 'post /api/v1/children')
          expected = user.localityIds.includes(east) ? 201 : 403;
        else expected = 404;
        expect({ route: key, who, status: response.status }).toEqual({
          route: key,
          who,
          status: expected,
        });
        if (expected === 200) {
          expect(JSON.stringify(response.body)).not.toContain(ids.child);
          expect(JSON.stringify(response.body)).not.toContain(ids.case);
        }
        checked.push(`${key} × ${who}`);
      }
    }
    process.stderr.write(
      `case access: ${routes.length} routes × ${Object.keys(callers).length} callers = ${checked.length} checks\n`,
    );
  });
});
