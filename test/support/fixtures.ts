import type { Test } from 'supertest';
import type { Role } from '../../src/common/domain/roles';
import { TEST_PASSWORD, TestApp } from './test-app';

let counter = 0;
const unique = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;

export async function createAgency(
  t: TestApp,
  type = 'school',
): Promise<{ id: string; name: string }> {
  const response = await t
    .http()
    .post('/api/v1/agencies')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({ name: unique('Agency'), type })
    .expect(201);
  return response.body;
}

export async function createLocality(
  t: TestApp,
  name = unique('Locality'),
): Promise<{ id: string; version: number }> {
  const response = await t
    .http()
    .post('/api/v1/localities')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({
      name,
      code: unique('L')
        .replace(/[^A-Za-z0-9-]/g, '')
        .slice(-20),
    })
    .expect(201);
  return response.body;
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  localityIds: string[];
  version: number;
  token: string;
}

/** A user of the role through the admin API, signed in. */
export async function createUser(
  t: TestApp,
  role: Role,
  options: { agencyId?: string; localityIds?: string[]; managerUserId?: string } = {},
): Promise<TestUser> {
  const agencyId = options.agencyId ?? (await createAgency(t)).id;
  const localityIds = options.localityIds ?? [(await createLocality(t)).id];
  const email = `${unique(role)}@example.gov.uk`;
  const response = await t
    .http()
    .post('/api/v1/users')
    .auth(await t.adminToken(), { type: 'bearer' })
    .send({
      email,
      displayName: unique('User'),
      role,
      agencyId,
      localityIds,
      password: TEST_PASSWORD,
      ...(options.managerUserId ? { managerUserId: options.managerUserId } : {}),
    })
    .expect(201);
  return {
    id: response.body.id,
    email,
    role,
    localityIds,
    version: response.body.version,
    token: await t.login(email, TEST_PASSWORD),
  };
}

/** A locality's team: one user of each role, and the means to add more. */
export interface Team {
  localityId: string;
  /** A second locality, for callers "from elsewhere". */
  otherLocalityId: string;
  /** The agency of the team's practitioners and managers. */
  agencyId: string;
  /** The agency of its social care users. */
  socialCareAgencyId: string;
  practitioner: TestUser;
  localityManager: TestUser;
  /** A social care worker whose manager (managerUserId) is `socialCareManager`. */
  socialCare: TestUser;
  socialCareManager: TestUser;
  performanceManager: TestUser;
  admin: TestUser;
  /**
   * One more user: by default in the team's locality (none for performance managers and
   * admins) and agency (the social care agency for social care users).
   */
  add(
    role: Role,
    options?: { agencyId?: string; localityIds?: string[]; managerUserId?: string },
  ): Promise<TestUser>;
}

/**
 * The usual set-up of a test file: a locality (and another), an agency and a social care
 * agency, and one signed-in user of each role. `locality`/`otherLocality` name them (names
 * are unique per database: give them only once per test app).
 */
export async function createTeam(
  t: TestApp,
  options: { locality?: string; otherLocality?: string; agencyType?: string } = {},
): Promise<Team> {
  const localityId = (await createLocality(t, options.locality)).id;
  const otherLocalityId = (await createLocality(t, options.otherLocality)).id;
  const agencyId = (await createAgency(t, options.agencyType ?? 'school')).id;
  const socialCareAgencyId = (await createAgency(t, 'social_care')).id;
  const add: Team['add'] = (role, extra = {}) =>
    createUser(t, role, {
      agencyId: extra.agencyId ?? (role === 'social_care' ? socialCareAgencyId : agencyId),
      localityIds:
        extra.localityIds ??
        (role === 'performance_manager' || role === 'admin' ? [] : [localityId]),
      ...(extra.managerUserId ? { managerUserId: extra.managerUserId } : {}),
    });
  const socialCareManager = await add('social_care');
  return {
    localityId,
    otherLocalityId,
    agencyId,
    socialCareAgencyId,
    practitioner: await add('practitioner'),
    localityManager: await add('locality_manager'),
    socialCare: await add('social_care', { managerUserId: socialCareManager.id }),
    socialCareManager,
    performanceManager: await add('performance_manager'),
    admin: await add('admin'),
    add,
  };
}

/** Requests to `/api/v1${path}` with the user's bearer token (a user, or a token itself). */
export function api(t: TestApp, user: { token: string } | string) {
  const token = typeof user === 'string' ? user : user.token;
  const as = (request: Test): Test => request.auth(token, { type: 'bearer' });
  return {
    get: (path: string) => as(t.http().get(`/api/v1${path}`)),
    post: (path: string, body: object = {}) => as(t.http().post(`/api/v1${path}`)).send(body),
    put: (path: string, body: object) => as(t.http().put(`/api/v1${path}`)).send(body),
    patch: (path: string, body: object) => as(t.http().patch(`/api/v1${path}`)).send(body),
    delete: (path: string) => as(t.http().delete(`/api/v1${path}`)),
  };
}

export interface ActiveCaseOptions {
  /** Who starts the case and takes each step: the team's practitioner by default. */
  owner?: TestUser;
  /** Whether `owner` is then appointed lead professional (by default, yes). */
  lead?: boolean;
  /** The child, in the team's locality: Mia Tanaka (a random ending), born 3 February 2015. */
  child?: { givenName?: string; familyName?: string; dateOfBirth?: string; gender?: string };
  /** The CAF's assessed elements: general health at level 1 by default. */
  elements?: { code: string; level: number }[];
  /** The parent's consent, to the assessment only by default. */
  consent?: { givenBy?: string; givenAt?: string; scope?: string[] };
  /** TAC members `owner` adds once the case is active. */
  members?: { user: TestUser; role: string }[];
}

/**
 * An active case through the API: a child registered, the case started, consent recorded,
 * the CAF completed and the suggested tier decided, `owner` its lead professional.
 */
export async function activeCase(
  t: TestApp,
  team: Team,
  options: ActiveCaseOptions = {},
): Promise<{ caseId: string; childId: string }> {
  const owner = options.owner ?? team.practitioner;
  const as = api(t, owner);
  const child = await as
    .post('/children', {
      givenName: 'Mia',
      familyName: `Tanaka${Math.random().toString(36).slice(2, 7)}`,
      dateOfBirth: '2015-02-03',
      gender: 'female',
      ...options.child,
      localityId: team.localityId,
    })
    .expect(201);
  const childId = child.body.id as string;
  const created = await as.post('/cases', { childId }).expect(201);
  const caseId = created.body.id as string;
  await as
    .post(`/cases/${caseId}/consent`, {
      givenBy: 'Yui Tanaka',
      relationship: 'parent',
      givenAt: '2026-11-02',
      scope: ['assessment'],
      ...options.consent,
    })
    .expect(201);
  await as
    .put(`/cases/${caseId}/assessment`, {
      elements: options.elements ?? [{ code: 'general_health', level: 1 }],
      version: 1,
    })
    .expect(200);
  const done = await as.post(`/cases/${caseId}/assessment/complete`).expect(200);
  await as
    .post(`/cases/${caseId}/tier`, { tier: done.body.suggestedTier })
    .expect(200, /"status":"active"/);
  if (options.lead ?? true) {
    await as
      .put(`/cases/${caseId}/lead-professional`, { userId: owner.id, reason: 'Started the CAF' })
      .expect(200);
  }
  for (const member of options.members ?? []) {
    await as
      .post(`/cases/${caseId}/tac/members`, { userId: member.user.id, role: member.role })
      .expect(201);
  }
  return { caseId, childId };
}
