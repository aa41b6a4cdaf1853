import { JwtService } from '@nestjs/jwt';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response, Test } from 'supertest';
import { JWT_ALGORITHM } from '../../src/modules/auth/access-tokens';
import { CALLER_ORDER, type Caller, type RouteKey } from './access-table';
import { createAgency, createLocality, createUser, TestUser } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_PASSWORD, TestApp } from './test-app';

/**
 * The people and records the access matrix (test/access-matrix.e2e-spec.ts) calls with: every
 * kind of caller, "worlds" (a child with a case and its TAC, meetings, action plan, referrals
 * and assessments, built through the API as the workflow would) and, for each route, how to
 * make a valid call on a world.
 */

type Method = 'get' | 'post' | 'put' | 'patch';

export function send(
  t: TestApp,
  token: string | null,
  method: Method,
  url: string,
  body?: object | string,
  requestId?: string,
): Test {
  const agent = t.http() as unknown as Record<Method, (url: string) => Test>;
  let call = agent[method](url);
  if (token) call = call.auth(token, { type: 'bearer' });
  if (requestId) call = call.set('X-Request-Id', requestId);
  if (typeof body === 'string') return call.set('Content-Type', 'text/csv').send(body);
  return body === undefined ? call : call.send(body);
}

/** A set-up call that must succeed; the error names the call and the API's message only. */
async function ok(
  t: TestApp,
  token: string,
  method: Method,
  url: string,
  body?: object,
): Promise<Record<string, unknown>> {
  const response: Response = await send(t, token, method, url, body);
  if (response.status >= 300) {
    throw new Error(
      `set-up call ${method.toUpperCase()} ${url} answered ${response.status}: ${String(
        (response.body as { message?: unknown }).message,
      )}`,
    );
  }
  return response.body as Record<string, unknown>;
}

export interface Cast {
  east: string;
  west: string;
  /** A children's centre area of West. */
  area: string;
  agency: string;
  /** The bearer token each caller sends (null: none). */
  tokens: Record<Caller, string | null>;
  /** Whose name audit rows of each caller carry. */
  userIds: Record<Caller, string | null>;
  /** An account per caller for the login route (the login throttle counts per email). */
  loginEmails: Record<Caller, string>;
  lead: TestUser;
  member: TestUser;
  managerHere: TestUser;
  socialCare: TestUser;
  /** A user only the admin routes read and change. */
  probe: TestUser;
}

let unique = 0;
/** Letters only, so that a name search finds exactly this child. */
function uniqueName(prefix: string): string {
  let n = ++unique + process.pid * 1000;
  let letters = '';
  while (n > 0) {
    letters += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return `${prefix}${letters}`;
}

async function signToken(t: TestApp, userId: string, expiresInSeconds: number): Promise<string> {
  const tokenVersion = (
    await t.sql.query<{ tv: number }>('SELECT token_version AS tv FROM users WHERE id = $1', [
      userId,
    ])
  ).rows[0].tv;
  const now = Math.floor(Date.now() / 1000);
  // The claims and algorithm AuthService signs with (sub, tv), with an expiry of our choosing.
  return new JwtService({ secret: t.settings.jwtSecret }).signAsync(
    { sub: userId, tv: tokenVersion, iat: now - 7200, exp: now + expiresInSeconds },
    { algorithm: JWT_ALGORITHM },
  );
}

export async function createCast(t: TestApp): Promise<Cast> {
  const east = (await createLocality(t, uniqueName('East'))).id;
  const west = (await createLocality(t, uniqueName('West'))).id;
  const agency = (await createAgency(t)).id;
  const user = (role: TestUser['role'], localityIds: string[]) =>
    createUser(t, role, { agencyId: agency, localityIds });
  const adminToken = await t.adminToken();
  const area = (
    await ok(t, adminToken, 'post', `/api/v1/localities/${west}/areas`, {
      name: uniqueName('Area'),
      code: uniqueName('A').slice(-20),
      postcodeSectors: ['ZZ1 1'],
    })
  ).id as string;
  const adminId = (
    await t.sql.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [ADMIN_EMAIL])
  ).rows[0].id;

  const performance = await user('performance_manager', []);
  const managerHere = await user('locality_manager', [east]);
  const managerElsewhere = await user('locality_manager', [west]);
  const lead = await user('practitioner', [east]);
  const member = await user('practitioner', [east]);
  const unlinked = await user('practitioner', [east]);
  const socialCare = await user('social_care', [east]);
  const probe = await user('practitioner', [west]);

  // A deactivated user's token, signed with their current token version, so that the only
  // reason to refuse it is the deactivation; and an expired token of an active user.
  const deactivated = await user('locality_manager', [east]);
  await ok(t, await signToken(t, deactivated.id, 3600), 'get', '/api/v1/localities');
  await ok(t, adminToken, 'patch', `/api/v1/users/${deactivated.id}`, {
    active: false,
    version: deactivated.version,
  });
  const deactivatedToken = await signToken(t, deactivated.id, 3600);
  await ok(t, await signToken(t, managerHere.id, 3600), 'get', '/api/v1/localities');
  const expiredToken = await signToken(t, managerHere.id, -3600);

  const loginEmails = {} as Record<Caller, string>;
  for (const caller of [
    'admin',
    'performance',
    'managerHere',
    'managerElsewhere',
    'lead',
    'member',
    'unlinked',
    'socialCare',
    'socialCareNotReferred',
    'deactivated',
    'expired',
    'anonymous',
  ] as const) {
    loginEmails[caller] = (await user('practitioner', [west])).email;
  }

  return {
    east,
    area,
    west,
    agency,
    tokens: {
      admin: adminToken,
      performance: performance.token,
      managerHere: managerHere.token,
      managerElsewhere: managerElsewhere.token,
      lead: lead.token,
      member: member.token,
      unlinked: unlinked.token,
      socialCare: socialCare.token,
      socialCareNotReferred: socialCare.token,
      deactivated: deactivatedToken,
      expired: expiredToken,
      anonymous: null,
    },
    userIds: {
      admin: adminId,
      performance: performance.id,
      managerHere: managerHere.id,
      managerElsewhere: managerElsewhere.id,
      lead: lead.id,
      member: member.id,
      unlinked: unlinked.id,
      socialCare: socialCare.id,
      socialCareNotReferred: socialCare.id,
      deactivated: null,
      expired: null,
      anonymous: null,
    },
    loginEmails,
    lead,
    member,
    managerHere,
    socialCare,
    probe,
  };
}

/**
 * How far a world's records have gone. Case stages: `child` (registered, no case), `case` (a
 * case in assessment with the TAC member), `consented`, `drafted` (CAF saved), `completed`
 * (CAF completed, tier 2 suggested), `pendingTier` (tier 3 decided, waiting for a manager),
 * `active` (tier 2, the creator as lead professional), `planned` (a meeting, an action item
 * and an external member), `closed`. Referral stages, on a case: `referred`, `decided`
 * (initial_assessment), `initial` (started), `initialDone` (outcome core_assessment), `core`;
 * under the single-assessment framework (a referral of 2014): `singleDecided`, `single` (its
 * single assessment started).
 */
export type Stage =
  | 'child'
  | 'case'
  | 'consented'
  | 'drafted'
  | 'completed'
  | 'pendingTier'
  | 'active'
  | 'planned'
  | 'closed'
  | 'referred'
  | 'decided'
  | 'initial'
  | 'initialDone'
  | 'core'
  | 'singleDecided'
  | 'single';

const REFERRAL_STAGES: readonly Stage[] = ['referred', 'decided', 'initial', 'initialDone', 'core'];
/** A referral of 2014, under the single-assessment framework the matrix runs with. */
const SINGLE_STAGES: readonly Stage[] = ['singleDecided', 'single'];

/** The framework file the matrix's application runs with: the single assessment from 2013-04-15. */
export const MATRIX_AUTHORITY_CONFIG_DIR = join(
  __dirname,
  '..',
  'fixtures',
  'working-together-2013',
);

/** A world's referrals may come before the family consents to information sharing. */
const SAFEGUARDING = {
  safeguarding: true,
  safeguardingReason: 'The child may be at risk of significant harm',
} as const;

/** Every world's child has these, and a family name of its own. */
const WORLD_CHILD = { givenName: 'Ottoline', dateOfBirth: '2009-09-09' } as const;

export interface World {
  child: string;
  familyName: string;
  case?: string;
  /** An earlier, closed case of the same child that only a locality manager may see. */
  earlierCase?: string;
  tacMember?: string;
  externalMember?: string;
  meeting?: string;
  item?: string;
  /** A note the lead professional wrote. */
  note?: string;
  referral?: string;
  referralVersion?: number;
  initial?: string;
  core?: string;
  coreVersion?: number;
  /** The single assessment of a 2014 referral (the read world's, or a `single` world's). */
  single?: string;
  /** Referrals and assessments of the read world beyond the first. */
  more: string[];
  notification?: string;
}

/** Every id of the world's records: none may appear where the child is hidden. */
export function idsOf(w: World): string[] {
  return [
    w.child,
    w.case,
    w.earlierCase,
    w.tacMember,
    w.externalMember,
    w.meeting,
    w.item,
    w.note,
    w.referral,
    w.initial,
    w.core,
    w.single,
    w.notification,
    ...w.more,
  ].filter((id): id is string => id !== undefined);
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`this world has no ${what}`);
  return value;
}

interface BuildOptions {
  /** A referral from the case, undecided (social care may then see the case). */
  referred?: boolean;
  /** The read world: an earlier case, three referrals in every state, a notification. */
  full?: boolean;
}

export async function buildWorld(
  t: TestApp,
  cast: Cast,
  stage: Stage,
  options: BuildOptions = {},
): Promise<World> {
  const lead = cast.lead.token;
  const social = cast.socialCare.token;
  const familyName = uniqueName('Matrix');
  const w: World = {
    familyName,
    more: [],
    child: (
      await ok(t, lead, 'post', '/api/v1/children', {
        ...WORLD_CHILD,
        familyName,
        gender: 'female',
        localityId: cast.east,
      })
    ).id as string,
  };
  if (stage === 'child') return w;

  if (options.full) {
    // Before this case: one the locality manager opened and closed, nobody else linked to it.
    const manager = cast.managerHere.token;
    w.earlierCase = (await ok(t, manager, 'post', '/api/v1/cases', { childId: w.child }))
      .id as string;
    await ok(t, manager, 'post', `/api/v1/cases/${w.earlierCase}/close`, {
      reason: 'no_longer_eligible',
    });
  }
  const caseId = (await ok(t, lead, 'post', '/api/v1/cases', { childId: w.child })).id as string;
  w.case = caseId;
  const url = `/api/v1/cases/${caseId}`;
  w.tacMember = (
    await ok(t, lead, 'post', `${url}/tac/members`, {
      userId: cast.member.id,
      role: 'Class teacher',
    })
  ).id as string;
  const refer = async (): Promise<Record<string, unknown>> =>
    ok(t, lead, 'post', '/api/v1/referrals', {
      childId: w.child,
      caseId,
      referredAt: '2011-04-21',
      source: 'early_help',
      reason: 'Concerns at school',
      ...SAFEGUARDING,
    });

  if (REFERRAL_STAGES.includes(stage)) {
    const referral = await refer();
    w.referral = referral.id as string;
    w.referralVersion = referral.version as number;
    if (stage === 'referred') return w;
    const decided = await ok(t, social, 'post', `/api/v1/referrals/${w.referral}/decision`, {
      outcome: 'initial_assessment',
      decidedAt: '2011-04-22',
    });
    w.referralVersion = decided.version as number;
    if (stage === 'decided') return w;
    w.initial = (
      await ok(t, social, 'post', `/api/v1/referrals/${w.referral}/initial-assessment`, {
        assignedToUserId: cast.socialCare.id,
      })
    ).id as string;
    if (stage === 'initial') return w;
    await ok(t, social, 'post', `/api/v1/initial-assessments/${w.initial}/complete`, {
      completedAt: '2011-05-05',
      outcome: 'core_assessment',
    });
    if (stage === 'initialDone') return w;
    const core = await ok(t, social, 'post', '/api/v1/core-assessments', {
      initialAssessmentId: w.initial,
      commencedAt: '2011-05-06',
      assignedToUserId: cast.socialCare.id,
    });
    w.core = core.id as string;
    w.coreVersion = core.version as number;
    return w;
  }

  if (SINGLE_STAGES.includes(stage)) {
    Object.assign(w, await buildSingleReferral(t, cast, w, stage === 'single'));
    return w;
  }

  if (options.referred) w.more.push((await refer()).id as string);
  if (stage === 'case') return w;
  await ok(t, lead, 'post', `${url}/consent`, {
    givenBy: 'Mum',
    relationship: 'parent',
    givenAt: '2011-04-21',
    scope: ['assessment', 'information_sharing'],
  });
  if (stage === 'consented') return w;
  await ok(t, lead, 'put', `${url}/assessment`, {
    elements: [{ code: 'aspirations', level: 1 }],
    version: 1,
  });
  if (stage === 'drafted') return w;
  await ok(t, lead, 'post', `${url}/assessment/complete`, {});
  if (stage === 'completed') return w;
  if (stage === 'pendingTier') {
    await ok(t, lead, 'post', `${url}/tier`, { tier: 3, reason: 'Needs across two domains' });
    return w;
  }
  await ok(t, lead, 'post', `${url}/tier`, { tier: 2 });
  await ok(t, lead, 'put', `${url}/lead-professional`, {
    userId: cast.lead.id,
    reason: 'Knows the family',
  });
  if (stage === 'active') return w;
  if (stage === 'closed') {
    await ok(t, lead, 'post', `${url}/close`, { reason: 'moved_out_of_area' });
    return w;
  }
  w.meeting = (
    await ok(t, lead, 'post', `${url}/tac/meetings`, {
      scheduledAt: '2031-05-10T14:00:00+01:00',
      location: 'School',
    })
  ).id as string;
  w.item = (
    await ok(t, lead, 'post', `${url}/action-items`, {
      need: 'aspirations',
      action: 'Mentoring',
      ownerUserId: cast.lead.id,
      dueDate: '2031-06-30',
    })
  ).id as string;
  w.note = (
    await ok(t, lead, 'post', `${url}/notes`, {
      kind: 'home_visit',
      occurredAt: '2011-05-02T10:00:00+01:00',
      text: 'Saw the family at home',
    })
  ).id as string;
  w.externalMember = (
    await ok(t, lead, 'post', `${url}/tac/members`, {
      externalName: 'Dr Patel',
      externalAgency: 'GP practice',
      role: 'GP',
    })
  ).id as string;

  if (options.full) {
    // Referrals in every state: one with a completed initial and an open core assessment,
    // one with an open initial assessment, one waiting for a decision.
    const first = await buildReferralChain(t, cast, w, 'core');
    Object.assign(w, first);
    const second = await buildReferralChain(t, cast, w, 'initial');
    w.more.push(second.referral, second.initial!);
    w.more.push((await refer()).id as string);
    // And one of 2014 under the single-assessment framework, its assessment open.
    const single = await buildSingleReferral(t, cast, w, true);
    w.single = single.single;
    w.more.push(single.referral);
  }
  w.notification = (
    await t.sql.query<{ id: string }>(
      `INSERT INTO notifications (recipient_user_id, type, subject_type, subject_id, child_id, stage, due_date)
       VALUES ($1, 'tac_first_meeting_overdue', 'case', $2, $3, 'overdue', '2031-05-01') RETURNING id`,
      [cast.lead.id, caseId, w.child],
    )
  ).rows[0].id;
  return w;
}

/** A referral of 2014 from the world's case, decided, and (if `started`) its single assessment. */
async function buildSingleReferral(
  t: TestApp,
  cast: Cast,
  w: World,
  started: boolean,
): Promise<{ referral: string; referralVersion: number; single?: string }> {
  const social = cast.socialCare.token;
  const referral = (
    await ok(t, cast.lead.token, 'post', '/api/v1/referrals', {
      childId: w.child,
      caseId: w.case,
      referredAt: '2014-02-03',
      source: 'early_help',
      reason: 'Concerns at school',
      ...SAFEGUARDING,
    })
  ).id as string;
  const decided = await ok(t, social, 'post', `/api/v1/referrals/${referral}/decision`, {
    outcome: 'initial_assessment',
    decidedAt: '2014-02-04',
  });
  if (!started) return { referral, referralVersion: decided.version as number };
  const single = (
    await ok(t, social, 'post', `/api/v1/referrals/${referral}/assessment`, {
      assignedToUserId: cast.socialCare.id,
    })
  ).id as string;
  return { referral, referralVersion: decided.version as number, single };
}

async function buildReferralChain(
  t: TestApp,
  cast: Cast,
  w: World,
  upTo: 'initial' | 'core',
): Promise<{
  referral: string;
  referralVersion: number;
  initial?: string;
  core?: string;
  coreVersion?: number;
}> {
  const social = cast.socialCare.token;
  const referral = (
    await ok(t, cast.lead.token, 'post', '/api/v1/referrals', {
      childId: w.child,
      caseId: w.case,
      referredAt: '2011-04-21',
      source: 'early_help',
      reason: 'Concerns at school',
      ...SAFEGUARDING,
    })
  ).id as string;
  const decided = await ok(t, social, 'post', `/api/v1/referrals/${referral}/decision`, {
    outcome: 'initial_assessment',
    decidedAt: '2011-04-22',
  });
  const initial = (
    await ok(t, social, 'post', `/api/v1/referrals/${referral}/initial-assessment`, {
      assignedToUserId: cast.socialCare.id,
    })
  ).id as string;
  if (upTo === 'initial') {
    return { referral, referralVersion: decided.version as number, initial };
  }
  await ok(t, social, 'post', `/api/v1/initial-assessments/${initial}/complete`, {
    completedAt: '2011-05-05',
    outcome: 'core_assessment',
  });
  const core = await ok(t, social, 'post', '/api/v1/core-assessments', {
    initialAssessmentId: initial,
    commencedAt: '2011-05-06',
    assignedToUserId: cast.socialCare.id,
  });
  return {
    referral,
    referralVersion: decided.version as number,
    initial,
    core: core.id as string,
    coreVersion: core.version as number,
  };
}

export interface CallContext {
  t: TestApp;
  cast: Cast;
  world: World;
  caller: Caller;
}

/** How to make a valid call of one route on a world. */
export interface Recipe {
  method: Method;
  /** A change to a child's records: each call expected to succeed gets a fresh world at this stage. */
  stage?: Stage;
  url(c: CallContext): string;
  /** A string is sent as text/csv. */
  body?(c: CallContext): object | string | Promise<object | string>;
  /** A successful answer names the world's child to a caller who may see it (and only then). */
  namesChildToViewers?: true;
  /** A successful call links the caller to the world's child (a referral makes it social care's). */
  linksCaller?: true;
  /** The child a successful call is about, when it is not the world's (a registration). */
  touched?(body: Record<string, unknown>): string;
  /**
   * A return to the Department for Education: it names every child of its year to the callers
   * it is for (performance managers and admins), who see no child's record otherwise.
   */
  returnsChildren?: true;
}

const PLAN_YAML = readFileSync(
  join(__dirname, '..', '..', 'config', 'plans', 'default.yaml'),
  'utf8',
);

async function planVersion(c: CallContext): Promise<number> {
  const plan = await ok(c.t, c.cast.tokens.admin!, 'get', '/api/v1/plans');
  return plan.version as number;
}

const caseUrl = (c: CallContext, tail = ''): string =>
  `/api/v1/cases/${need(c.world.case, 'case')}${tail}`;
const list = '?limit=200';

export const RECIPES: Record<RouteKey, Recipe> = {
  'POST /api/v1/auth/login': {
    method: 'post',
    url: () => '/api/v1/auth/login',
    body: (c) => ({ email: c.cast.loginEmails[c.caller], password: TEST_PASSWORD }),
  },
  'GET /api/v1/health': { method: 'get', url: () => '/api/v1/health' },

  'POST /api/v1/users': {
    method: 'post',
    url: () => '/api/v1/users',
    body: (c) => ({
      email: `${uniqueName('new')}@example.gov.uk`,
      displayName: 'New User',
      role: 'practitioner',
      agencyId: c.cast.agency,
      localityIds: [c.cast.west],
      password: ADMIN_PASSWORD,
    }),
  },
  'GET /api/v1/users': { method: 'get', url: () => `/api/v1/users${list}` },
  'GET /api/v1/users/{id}': { method: 'get', url: (c) => `/api/v1/users/${c.cast.probe.id}` },
  'PATCH /api/v1/users/{id}': {
    method: 'patch',
    url: (c) => `/api/v1/users/${c.cast.probe.id}`,
    body: async (c) => ({
      displayName: uniqueName('Renamed'),
      version: (
        await c.t.sql.query<{ version: number }>('SELECT version FROM users WHERE id = $1', [
          c.cast.probe.id,
        ])
      ).rows[0].version,
    }),
  },
  'POST /api/v1/agencies': {
    method: 'post',
    url: () => '/api/v1/agencies',
    body: () => ({ name: uniqueName('Agency'), type: 'voluntary' }),
  },
  'GET /api/v1/agencies': { method: 'get', url: () => `/api/v1/agencies${list}` },
  'GET /api/v1/agencies/{id}': { method: 'get', url: (c) => `/api/v1/agencies/${c.cast.agency}` },
  'POST /api/v1/localities': {
    method: 'post',
    url: () => '/api/v1/localities',
    body: () => {
      const name = uniqueName('Locality');
      return { name, code: name.slice(-20) };
    },
  },
  'GET /api/v1/localities': { method: 'get', url: () => `/api/v1/localities${list}` },
  'GET /api/v1/localities/{id}': {
    method: 'get',
    url: (c) => `/api/v1/localities/${c.cast.east}`,
  },
  'POST /api/v1/localities/{id}/areas': {
    method: 'post',
    url: (c) => `/api/v1/localities/${c.cast.east}/areas`,
    body: () => ({
      name: uniqueName('Area'),
      code: uniqueName('A').slice(-20),
      postcodeSectors: ['ZZ2 2'],
    }),
  },
  'GET /api/v1/localities/{id}/areas': {
    method: 'get',
    url: (c) => `/api/v1/localities/${c.cast.west}/areas`,
  },
  'PUT /api/v1/areas/{id}/population': {
    method: 'put',
    url: (c) => `/api/v1/areas/${c.cast.area}/population`,
    body: () => ({ year: 2011, bands: { '0-4': 300, '5-9': 300, '10-15': 300, '16-17': 100 } }),
  },
  'PUT /api/v1/localities/{id}/population': {
    method: 'put',
    url: (c) => `/api/v1/localities/${c.cast.west}/population`,
    body: () => ({ year: 2011, bands: { '0-4': 900, '5-9': 800, '10-15': 1000, '16-17': 300 } }),
  },
  'GET /api/v1/calendar/add-working-days': {
    method: 'get',
    url: () => '/api/v1/calendar/add-working-days?date=2011-04-21&days=7',
  },
  'GET /api/v1/calendar/working-days': {
    method: 'get',
    url: () => '/api/v1/calendar/working-days?from=2011-04-21&to=2011-05-06',
  },
  'POST /api/v1/calendar/closures': {
    method: 'post',
    url: () => '/api/v1/calendar/closures',
    body: (c) => ({ date: '2012-01-03', localityId: c.cast.west, reason: 'Office move' }),
  },
  'GET /api/v1/calendar/closures': { method: 'get', url: () => `/api/v1/calendar/closures${list}` },

  // The world's child again (same names, date of birth and locality): a possible duplicate,
  // which may name the existing child only to a caller who may see it.
  'POST /api/v1/children': {
    method: 'post',
    namesChildToViewers: true,
    url: () => '/api/v1/children',
    body: (c) => ({
      givenName: WORLD_CHILD.givenName,
      familyName: c.world.familyName,
      dateOfBirth: WORLD_CHILD.dateOfBirth,
      gender: 'female',
      localityId: c.cast.east,
    }),
    touched: (body) => body.id as string,
  },
  'GET /api/v1/children': {
    method: 'get',
    url: (c) => `/api/v1/children?q=${c.world.familyName}&limit=200`,
  },
  'GET /api/v1/children/{id}': { method: 'get', url: (c) => `/api/v1/children/${c.world.child}` },
  'GET /api/v1/children/{id}/history': {
    method: 'get',
    url: (c) => `/api/v1/children/${c.world.child}/history${list}`,
  },
  'GET /api/v1/children/{id}/chronology': {
    method: 'get',
    url: (c) => `/api/v1/children/${c.world.child}/chronology${list}`,
  },
  'GET /api/v1/children/{id}/household': {
    method: 'get',
    url: (c) => `/api/v1/children/${c.world.child}/household`,
  },

  'POST /api/v1/cases': {
    method: 'post',
    stage: 'child',
    url: () => '/api/v1/cases',
    body: (c) => ({ childId: c.world.child }),
  },
  'GET /api/v1/cases': { method: 'get', url: () => `/api/v1/cases${list}` },
  'GET /api/v1/cases/mine': { method: 'get', url: () => `/api/v1/cases/mine${list}` },
  'GET /api/v1/cases/{id}': { method: 'get', url: (c) => caseUrl(c) },
  'PUT /api/v1/cases/{id}/pre-assessment': {
    method: 'put',
    stage: 'case',
    url: (c) => caseUrl(c, '/pre-assessment'),
    body: () => ({ concernDomains: ['parents_and_carers'], cafNeeded: true }),
  },
  'PUT /api/v1/cases/{id}/assessment': {
    method: 'put',
    stage: 'case',
    url: (c) => caseUrl(c, '/assessment'),
    body: () => ({ elements: [{ code: 'aspirations', level: 1 }], version: 1 }),
  },
  'GET /api/v1/cases/{id}/assessment/versions': {
    method: 'get',
    url: (c) => caseUrl(c, '/assessment/versions'),
  },
  'GET /api/v1/cases/{id}/progress': {
    method: 'get',
    url: (c) => caseUrl(c, '/progress'),
  },
  'POST /api/v1/cases/{id}/consent': {
    method: 'post',
    stage: 'case',
    url: (c) => caseUrl(c, '/consent'),
    body: () => ({
      givenBy: 'Mum',
      relationship: 'parent',
      givenAt: '2011-04-21',
      scope: ['assessment'],
    }),
  },
  'POST /api/v1/cases/{id}/consent/withdraw': {
    method: 'post',
    stage: 'consented',
    url: (c) => caseUrl(c, '/consent/withdraw'),
    body: () => ({}),
  },
  'POST /api/v1/cases/{id}/assessment/complete': {
    method: 'post',
    stage: 'drafted',
    url: (c) => caseUrl(c, '/assessment/complete'),
    body: () => ({}),
  },
  'POST /api/v1/cases/{id}/tier': {
    method: 'post',
    stage: 'completed',
    url: (c) => caseUrl(c, '/tier'),
    body: () => ({ tier: 2 }),
  },
  'POST /api/v1/cases/{id}/tier/review': {
    method: 'post',
    stage: 'pendingTier',
    url: (c) => caseUrl(c, '/tier/review'),
    body: () => ({ confirm: true }),
  },
  'POST /api/v1/cases/{id}/close': {
    method: 'post',
    stage: 'active',
    url: (c) => caseUrl(c, '/close'),
    body: () => ({ reason: 'moved_out_of_area' }),
  },
  'POST /api/v1/cases/{id}/reopen': {
    method: 'post',
    stage: 'closed',
    url: (c) => caseUrl(c, '/reopen'),
    body: () => ({ reason: 'New concerns from school' }),
  },

  // An external member joins once the family consents to information sharing.
  'POST /api/v1/cases/{id}/tac/members': {
    method: 'post',
    stage: 'consented',
    url: (c) => caseUrl(c, '/tac/members'),
    body: () => ({ externalName: 'Ms Jones', externalAgency: 'Housing', role: 'Housing officer' }),
  },
  'POST /api/v1/cases/{id}/tac/members/{memberId}/leave': {
    method: 'post',
    stage: 'planned',
    url: (c) => caseUrl(c, `/tac/members/${need(c.world.externalMember, 'external member')}/leave`),
    body: () => ({ reason: 'Left the practice', version: 1 }),
  },
  'PUT /api/v1/cases/{id}/lead-professional': {
    method: 'put',
    stage: 'active',
    url: (c) => caseUrl(c, '/lead-professional'),
    body: (c) => ({ userId: c.cast.member.id, reason: 'Sees the child daily' }),
  },
  'POST /api/v1/cases/{id}/tac/meetings': {
    method: 'post',
    stage: 'active',
    url: (c) => caseUrl(c, '/tac/meetings'),
    body: () => ({ scheduledAt: '2031-06-10T10:00:00+01:00', location: 'Children’s centre' }),
  },
  'POST /api/v1/tac-meetings/{id}/record': {
    method: 'post',
    stage: 'planned',
    url: (c) => `/api/v1/tac-meetings/${need(c.world.meeting, 'meeting')}/record`,
    body: () => ({ heldAt: new Date().toISOString(), attendeeUserIds: [], familyAttended: true }),
  },
  'POST /api/v1/tac-meetings/{id}/cancel': {
    method: 'post',
    stage: 'planned',
    url: (c) => `/api/v1/tac-meetings/${need(c.world.meeting, 'meeting')}/cancel`,
    body: () => ({ reason: 'Illness' }),
  },
  'POST /api/v1/cases/{id}/action-items': {
    method: 'post',
    stage: 'active',
    url: (c) => caseUrl(c, '/action-items'),
    body: (c) => ({
      need: 'aspirations',
      action: 'Careers session',
      ownerUserId: c.cast.lead.id,
      dueDate: '2031-07-31',
    }),
  },
  'PATCH /api/v1/action-items/{id}': {
    method: 'patch',
    stage: 'planned',
    url: (c) => `/api/v1/action-items/${need(c.world.item, 'action item')}`,
    body: () => ({ status: 'in_progress', version: 1 }),
  },

  // On the read world (referred, so social care may see its case): a note adds, changes nothing read.
  'POST /api/v1/cases/{id}/notes': {
    method: 'post',
    url: (c) => caseUrl(c, '/notes'),
    body: () => ({ kind: 'note', occurredAt: '2011-05-03', text: 'Phoned school' }),
  },
  'GET /api/v1/cases/{id}/notes': { method: 'get', url: (c) => caseUrl(c, `/notes${list}`) },
  'PATCH /api/v1/notes/{id}': {
    method: 'patch',
    stage: 'planned',
    url: (c) => `/api/v1/notes/${need(c.world.note, 'note')}`,
    body: () => ({ text: 'Saw the family at home, with the baby', reason: 'Left out', version: 1 }),
  },
  'POST /api/v1/cases/{id}/panels': {
    method: 'post',
    stage: 'active',
    url: (c) => caseUrl(c, '/panels'),
    body: () => ({ panel: 'complex_care', heardOn: '2011-05-04', outcome: 'continue_early_help' }),
  },
  'GET /api/v1/cases/{id}/panels': { method: 'get', url: (c) => caseUrl(c, `/panels${list}`) },

  'POST /api/v1/referrals': {
    method: 'post',
    stage: 'case',
    linksCaller: true,
    url: () => '/api/v1/referrals',
    body: (c) => ({
      childId: c.world.child,
      caseId: c.world.case,
      referredAt: '2011-04-21',
      source: 'early_help',
      reason: 'Concerns at school',
      ...SAFEGUARDING,
    }),
  },
  'GET /api/v1/referrals': { method: 'get', url: () => `/api/v1/referrals${list}` },
  'GET /api/v1/referrals/queue': { method: 'get', url: () => `/api/v1/referrals/queue${list}` },
  'GET /api/v1/referrals/{id}': {
    method: 'get',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}`,
  },
  'PATCH /api/v1/referrals/{id}': {
    method: 'patch',
    stage: 'referred',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}`,
    body: (c) => ({ referredAt: '2011-04-20', version: c.world.referralVersion }),
  },
  'POST /api/v1/referrals/{id}/decision': {
    method: 'post',
    stage: 'referred',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}/decision`,
    body: () => ({ outcome: 'initial_assessment', decidedAt: '2011-04-22' }),
  },
  'POST /api/v1/referrals/{id}/decision/correction': {
    method: 'post',
    stage: 'decided',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}/decision/correction`,
    body: () => ({
      outcome: 'no_further_action',
      decidedAt: '2011-04-22',
      reason: 'Entered against the wrong referral',
    }),
  },
  'POST /api/v1/referrals/{id}/initial-assessment': {
    method: 'post',
    stage: 'decided',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}/initial-assessment`,
    body: (c) => ({ assignedToUserId: c.cast.socialCare.id }),
  },
  'GET /api/v1/initial-assessments': {
    method: 'get',
    url: () => `/api/v1/initial-assessments${list}`,
  },
  'GET /api/v1/initial-assessments/{id}': {
    method: 'get',
    url: (c) => `/api/v1/initial-assessments/${need(c.world.initial, 'initial assessment')}`,
  },
  'POST /api/v1/initial-assessments/{id}/complete': {
    method: 'post',
    stage: 'initial',
    url: (c) =>
      `/api/v1/initial-assessments/${need(c.world.initial, 'initial assessment')}/complete`,
    body: () => ({ completedAt: '2011-05-05', outcome: 'core_assessment' }),
  },
  'POST /api/v1/core-assessments': {
    method: 'post',
    stage: 'initialDone',
    url: () => '/api/v1/core-assessments',
    body: (c) => ({
      initialAssessmentId: need(c.world.initial, 'initial assessment'),
      commencedAt: '2011-05-06',
      assignedToUserId: c.cast.socialCare.id,
    }),
  },
  'GET /api/v1/core-assessments': { method: 'get', url: () => `/api/v1/core-assessments${list}` },
  'GET /api/v1/core-assessments/{id}': {
    method: 'get',
    url: (c) => `/api/v1/core-assessments/${need(c.world.core, 'core assessment')}`,
  },
  'PATCH /api/v1/core-assessments/{id}': {
    method: 'patch',
    stage: 'core',
    url: (c) => `/api/v1/core-assessments/${need(c.world.core, 'core assessment')}`,
    body: (c) => ({ commencedAt: '2011-05-09', version: c.world.coreVersion }),
  },
  'POST /api/v1/core-assessments/{id}/complete': {
    method: 'post',
    stage: 'core',
    url: (c) => `/api/v1/core-assessments/${need(c.world.core, 'core assessment')}/complete`,
    body: () => ({ completedAt: '2011-06-01' }),
  },

  'GET /api/v1/notifications': { method: 'get', url: () => `/api/v1/notifications${list}` },
  // Marking read twice answers the same: the recipient's calls can share one notification.
  'POST /api/v1/notifications/{id}/read': {
    method: 'post',
    url: (c) => `/api/v1/notifications/${need(c.world.notification, 'notification')}/read`,
  },

  'GET /api/v1/plans': { method: 'get', url: () => '/api/v1/plans' },
  'PUT /api/v1/plans/current': {
    method: 'put',
    url: () => '/api/v1/plans/current',
    body: async (c) => ({ yaml: PLAN_YAML, version: await planVersion(c) }),
  },
  'PATCH /api/v1/plans/current/indicators/{code}': {
    method: 'patch',
    url: () => '/api/v1/plans/current/indicators/referrals',
    body: async (c) => ({ targets: { 'FY2011-12': 120 }, version: await planVersion(c) }),
  },
  'PUT /api/v1/plans/current/indicators/{code}/values': {
    method: 'put',
    url: () => '/api/v1/plans/current/indicators/children_missing_from_home/values',
    // A period of its own per caller: a second value for the same period needs its version.
    body: (c) => ({
      period: `2011-${String(4 + CALLER_ORDER.indexOf(c.caller)).padStart(2, '0')}`,
      value: 7,
    }),
  },
  'PUT /api/v1/plans/current/indicators/{code}/commentary': {
    method: 'put',
    url: () => '/api/v1/plans/current/indicators/referrals/commentary',
    body: (c) => ({
      period: `2011-${String(4 + CALLER_ORDER.indexOf(c.caller)).padStart(2, '0')}`,
      text: 'As expected after the campaign.',
    }),
  },
  'POST /api/v1/plans/current/values': {
    method: 'post',
    url: () => '/api/v1/plans/current/values',
    body: () =>
      'period,indicator_code,locality_code,value\r\n2011-05,children_missing_from_school,ALL,4\r\n',
  },
  'GET /api/v1/kpis': { method: 'get', url: () => '/api/v1/kpis?period=2011-05' },
  'GET /api/v1/kpis/feed': { method: 'get', url: () => '/api/v1/kpis/feed?period=2011-05' },
  'POST /api/v1/kpis/snapshots': {
    method: 'post',
    url: () => '/api/v1/kpis/snapshots',
    body: () => ({ period: '2011-05' }),
  },
  'GET /api/v1/kpis/snapshots': {
    method: 'get',
    url: () => '/api/v1/kpis/snapshots?period=2011-05',
  },

  'GET /api/v1/audit': { method: 'get', url: (c) => `/api/v1/audit?childId=${c.world.child}` },

  'PUT /api/v1/referrals/{id}/closure': {
    method: 'put',
    stage: 'referred',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}/closure`,
    body: (c) => ({ primaryNeed: 'N4', version: c.world.referralVersion }),
  },
  'POST /api/v1/referrals/{id}/assessment': {
    method: 'post',
    stage: 'singleDecided',
    url: (c) => `/api/v1/referrals/${need(c.world.referral, 'referral')}/assessment`,
    body: (c) => ({ assignedToUserId: c.cast.socialCare.id }),
  },
  'GET /api/v1/assessments': { method: 'get', url: () => `/api/v1/assessments${list}` },
  'GET /api/v1/assessments/{id}': {
    method: 'get',
    url: (c) => `/api/v1/assessments/${need(c.world.single, 'single assessment')}`,
  },
  'PATCH /api/v1/assessments/{id}': {
    method: 'patch',
    stage: 'single',
    url: (c) => `/api/v1/assessments/${need(c.world.single, 'single assessment')}`,
    body: () => ({ startedAt: '2014-02-04', version: 1 }),
  },
  'POST /api/v1/assessments/{id}/complete': {
    method: 'post',
    stage: 'single',
    url: (c) => `/api/v1/assessments/${need(c.world.single, 'single assessment')}/complete`,
    // Started today (the application's clock is not moved here), so completed today.
    body: () => ({
      completedAt: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
        new Date(),
      ),
      outcome: 'services_provided',
      factors: ['3A'],
      primaryNeed: 'N4',
    }),
  },

  // Collection year 2012 (April 2011 – March 2012): the worlds' referrals of 2011-04-21.
  'GET /api/v1/returns/cin-census': {
    method: 'get',
    url: () => '/api/v1/returns/cin-census?collectionYear=2012',
    returnsChildren: true,
  },
  'GET /api/v1/returns/cin-census/errors': {
    method: 'get',
    url: () => '/api/v1/returns/cin-census/errors?collectionYear=2012',
    returnsChildren: true,
  },
};
