/**
 * Who may call which route, and what each caller gets (docs/domain.md#access): the expected answer of every
 * route of the application to every kind of caller, checked by test/access-matrix.e2e-spec.ts
 * and rendered as docs/access.md. A route added to the application without a row here, or a
 * row for a route that no longer exists, fails that test.
 */

/** The callers, in column order. Each acts on a child it has the stated link to. */
export const CALLERS = {
  admin: { short: 'admin', long: 'an admin' },
  performance: { short: 'perf. mgr', long: 'a performance manager' },
  managerHere: {
    short: 'loc. mgr (child’s)',
    long: 'a locality manager of the child’s locality',
  },
  managerElsewhere: {
    short: 'loc. mgr (other)',
    long: 'a locality manager of another locality',
  },
  lead: {
    short: 'pract. creator+LP',
    long: 'the practitioner who created the case and is its lead professional',
  },
  member: {
    short: 'pract. TAC member',
    long: 'a practitioner who is a member of the case’s TAC (neither creator nor lead professional)',
  },
  unlinked: {
    short: 'pract. not linked',
    long: 'a practitioner of the same locality not linked to the case',
  },
  socialCare: {
    short: 'social care (referred)',
    long: 'a social care worker, about a child referred to social care from the case',
  },
  socialCareNotReferred: {
    short: 'social care (not referred)',
    long: 'a social care worker, about a child never referred',
  },
  deactivated: {
    short: 'deactivated',
    long: 'a deactivated user (a locality manager of the child’s locality) with a token that is otherwise valid',
  },
  expired: {
    short: 'expired token',
    long: 'an expired token (HS256, the app’s secret and claims, `exp` in the past) of a locality manager of the child’s locality',
  },
  anonymous: { short: 'no token', long: 'no bearer token' },
} as const;

export type Caller = keyof typeof CALLERS;
export const CALLER_ORDER = Object.keys(CALLERS) as Caller[];

/** 2xx, and the list shows the child (its id is in the body). */
export const SHOWN = '200 shown';
/** 2xx, and the list does not show the child (no id of the child's records in the body). */
export const HIDDEN = '200 hidden';
/** No such call exists: a social care worker has no referral or assessment of a child never referred. */
export const NA = 'n/a';

export type Expected = 200 | 201 | 401 | 403 | 404 | typeof SHOWN | typeof HIDDEN | typeof NA;
type Row = readonly [E, E, E, E, E, E, E, E, E, E, E, E];
type E = Expected;

const S = SHOWN;
const H = HIDDEN;

/*
 * Columns: admin, performance manager, locality manager here / elsewhere, practitioner
 * creator+LP / TAC member / not linked, social care referred / not referred, deactivated,
 * expired token, no token. 400, 409 and 422 never appear: every call carries a valid body,
 * so a refusal can only come from the access rules.
 */
// prettier-ignore
const ROWS = {
  //                                                          adm  perf mgrH mgrE lead memb unln sc   scNR deac exp  anon
  'POST /api/v1/auth/login':                                 [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
  'GET /api/v1/health':                                      [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],

  'POST /api/v1/users':                                      [201, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/users':                                       [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/users/{id}':                                  [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'PATCH /api/v1/users/{id}':                                [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/v1/agencies':                                   [201, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/agencies':                                    [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/v1/agencies/{id}':                               [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'POST /api/v1/localities':                                 [201, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/localities':                                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/v1/localities/{id}':                             [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'PUT /api/v1/localities/{id}/population':                  [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/v1/localities/{id}/areas':                      [201, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/localities/{id}/areas':                       [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'PUT /api/v1/areas/{id}/population':                       [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/calendar/add-working-days':                   [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'GET /api/v1/calendar/working-days':                       [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],
  'POST /api/v1/calendar/closures':                          [201, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/calendar/closures':                           [200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 401, 401],

  'POST /api/v1/children':                                   [403, 403, 201, 403, 201, 201, 201, 201, 201, 401, 401, 401],
  'GET /api/v1/children':                                    [403, 403,  S,   H,   S,   S,   H,   S,   H,  401, 401, 401],
  'GET /api/v1/children/{id}':                               [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'GET /api/v1/children/{id}/history':                       [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'GET /api/v1/children/{id}/chronology':                    [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'GET /api/v1/children/{id}/household':                     [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],

  'POST /api/v1/cases':                                      [403, 403, 201, 404, 201, 404, 404, 403, 403, 401, 401, 401],
  'GET /api/v1/cases':                                       [403, 403,  S,   H,   S,   S,   H,   S,   H,  401, 401, 401],
  'GET /api/v1/cases/mine':                                  [403, 403,  H,   H,   S,   H,   H,  403, 403, 401, 401, 401],
  'GET /api/v1/cases/{id}':                                  [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'PUT /api/v1/cases/{id}/pre-assessment':                   [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'PUT /api/v1/cases/{id}/assessment':                       [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'GET /api/v1/cases/{id}/assessment/versions':              [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'GET /api/v1/cases/{id}/progress':                         [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'POST /api/v1/cases/{id}/consent':                         [403, 403, 201, 404, 201, 201, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/consent/withdraw':                [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/assessment/complete':             [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/tier':                            [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/tier/review':                     [403, 403, 200, 404, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/close':                           [403, 403, 200, 404, 200, 403, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/reopen':                          [403, 403, 200, 404, 200, 403, 404, 403, 403, 401, 401, 401],

  'POST /api/v1/cases/{id}/tac/members':                     [403, 403, 201, 404, 201, 201, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/tac/members/{memberId}/leave':    [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'PUT /api/v1/cases/{id}/lead-professional':                [403, 403, 200, 404, 200, 403, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/tac/meetings':                    [403, 403, 201, 404, 201, 201, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/tac-meetings/{id}/record':                   [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/tac-meetings/{id}/cancel':                   [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],
  'POST /api/v1/cases/{id}/action-items':                    [403, 403, 201, 404, 201, 201, 404, 403, 403, 401, 401, 401],
  'PATCH /api/v1/action-items/{id}':                         [403, 403, 200, 404, 200, 200, 404, 403, 403, 401, 401, 401],

  'POST /api/v1/cases/{id}/notes':                           [403, 403, 201, 404, 201, 201, 404, 201, 404, 401, 401, 401],
  'GET /api/v1/cases/{id}/notes':                            [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],
  'PATCH /api/v1/notes/{id}':                                [403, 403, 403, 404, 200, 403, 404, 403, 404, 401, 401, 401],
  'POST /api/v1/cases/{id}/panels':                          [403, 403, 201, 404, 201, 403, 404, 403, 403, 401, 401, 401],
  'GET /api/v1/cases/{id}/panels':                           [403, 403, 200, 404, 200, 200, 404, 200, 404, 401, 401, 401],

  'POST /api/v1/referrals':                                  [403, 403, 201, 404, 201, 201, 404, 201, 201, 401, 401, 401],
  'GET /api/v1/referrals':                                   [403, 403,  S,   H,   S,   S,   H,   S,   H,  401, 401, 401],
  'GET /api/v1/referrals/queue':                             [403, 403,  S,   H,  403, 403, 403,  S,   H,  401, 401, 401],
  'GET /api/v1/referrals/{id}':                              [403, 403, 200, 404, 200, 200, 404, 200, NA,  401, 401, 401],
  'PATCH /api/v1/referrals/{id}':                            [403, 403, 200, 404, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/referrals/{id}/decision':                    [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/referrals/{id}/decision/correction':         [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/referrals/{id}/initial-assessment':          [403, 403, 403, 403, 403, 403, 403, 201, NA,  401, 401, 401],
  'GET /api/v1/initial-assessments':                         [403, 403,  S,   H,  403, 403, 403,  S,   H,  401, 401, 401],
  'GET /api/v1/initial-assessments/{id}':                    [403, 403, 200, 404, 200, 200, 404, 200, NA,  401, 401, 401],
  'POST /api/v1/initial-assessments/{id}/complete':          [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/core-assessments':                           [403, 403, 403, 403, 403, 403, 403, 201, NA,  401, 401, 401],
  'GET /api/v1/core-assessments':                            [403, 403,  S,   H,  403, 403, 403,  S,   H,  401, 401, 401],
  'GET /api/v1/core-assessments/{id}':                       [403, 403, 200, 404, 200, 200, 404, 200, NA,  401, 401, 401],
  'PATCH /api/v1/core-assessments/{id}':                     [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/core-assessments/{id}/complete':             [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'PUT /api/v1/referrals/{id}/closure':                       [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/referrals/{id}/assessment':                  [403, 403, 403, 403, 403, 403, 403, 201, NA,  401, 401, 401],
  'GET /api/v1/assessments':                                 [403, 403,  S,   H,  403, 403, 403,  S,   H,  401, 401, 401],
  'GET /api/v1/assessments/{id}':                            [403, 403, 200, 404, 200, 200, 404, 200, NA,  401, 401, 401],
  'PATCH /api/v1/assessments/{id}':                          [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],
  'POST /api/v1/assessments/{id}/complete':                  [403, 403, 403, 403, 403, 403, 403, 200, NA,  401, 401, 401],

  'GET /api/v1/returns/cin-census':                          [200, 200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/returns/cin-census/errors':                   [200, 200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],

  'GET /api/v1/notifications':                               [ H,   H,   H,   H,   S,   H,   H,   H,   H,  401, 401, 401],
  'POST /api/v1/notifications/{id}/read':                    [404, 404, 404, 404, 200, 404, 404, 404, 404, 401, 401, 401],

  'GET /api/v1/plans':                                       [200, 200, 200, 200, 403, 403, 403, 403, 403, 401, 401, 401],
  'PUT /api/v1/plans/current':                               [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'PATCH /api/v1/plans/current/indicators/{code}':           [200, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'PUT /api/v1/plans/current/indicators/{code}/values':      [200, 200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'PUT /api/v1/plans/current/indicators/{code}/commentary':  [200, 200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/v1/plans/current/values':                       [200, 200, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/kpis':                                        [200, 200, 200, 200, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/kpis/feed':                                   [200, 200, 200, 200, 403, 403, 403, 403, 403, 401, 401, 401],
  'POST /api/v1/kpis/snapshots':                             [201, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401, 401],
  'GET /api/v1/kpis/snapshots':                              [200, 200, 200, 200, 403, 403, 403, 403, 403, 401, 401, 401],

  'GET /api/v1/audit':                                       [200, 403, 200, 404, 403, 403, 403, 403, 403, 401, 401, 401],
} satisfies Record<string, Row>;

export type RouteKey = keyof typeof ROWS;

/** The expected answer of every route (`METHOD /path` as in the OpenAPI document) to every caller. */
export const ACCESS_TABLE: Record<RouteKey, Record<Caller, Expected>> = Object.fromEntries(
  Object.entries(ROWS).map(([route, row]) => [
    route,
    Object.fromEntries(CALLER_ORDER.map((caller, i) => [caller, row[i]])),
  ]),
) as Record<RouteKey, Record<Caller, Expected>>;

/** Why a cell is what it is, where the column alone does not say. */
export const NOTES: Partial<Record<RouteKey, string>> = {
  'POST /api/v1/auth/login':
    'Public (docs/domain.md#access); any bearer token sent along is ignored. Rate-limited per address and per email.',
  'GET /api/v1/health': 'Public (docs/domain.md#access): liveness and readiness only, no data.',
  'POST /api/v1/children':
    'A child is registered only in one of the caller’s own localities: a locality manager of another locality gets 403 (a rule about localities, nothing about a child leaks). The test registers the child again (same names, date of birth and locality): `possibleDuplicates` names the existing child only to a caller who may see it.',
  'POST /api/v1/cases':
    'The child has no case yet, so no TAC links the TAC-member practitioner to it: 404. Social care does not start CAF cases (role).',
  'GET /api/v1/cases/mine':
    'Cases the caller leads: the TAC member and the locality manager are not the lead professional.',
  'POST /api/v1/cases/{id}/tier/review': 'Confirming a tier is a locality manager’s (role).',
  'POST /api/v1/cases/{id}/close':
    'Only the lead professional or a locality manager closes a case (docs/domain.md#case-lifecycle): a TAC member who may see the case gets 403.',
  'POST /api/v1/cases/{id}/reopen':
    'Only the lead professional, the case’s creator or a locality manager reopens a case.',
  'PUT /api/v1/cases/{id}/lead-professional':
    'Once a case has a lead professional, only they or a locality manager change it.',
  'POST /api/v1/referrals':
    'A practitioner refers from a case they are linked to; social care may refer any child (the referral is how a child reaches them).',
  'GET /api/v1/children/{id}/chronology':
    'Entries of the cases and referrals the caller may see, by the rules of those routes: the earlier case only its locality manager sees stays out of everybody else’s chronology.',
  'GET /api/v1/children/{id}/household':
    'The other children of the household whom the caller may see; the others are neither named nor counted.',
  'PUT /api/v1/cases/{id}/pre-assessment': 'Before the CAF: while the case is in assessment.',
  'POST /api/v1/cases/{id}/notes':
    'Anyone who may see the case writes notes on it, social care included.',
  'PATCH /api/v1/notes/{id}':
    'Only the note’s author corrects it: whoever else may see the case gets 403 (the social care worker sees the case through its referral).',
  'POST /api/v1/cases/{id}/panels':
    'A panel hearing is recorded by the lead professional or a locality manager: a TAC member who may see the case gets 403.',
  'GET /api/v1/notifications':
    'A user’s own notifications only; the child’s appear to the lead professional they were sent to.',
  'POST /api/v1/notifications/{id}/read':
    'A notification is its recipient’s alone: 404 for anybody else, whatever their role.',
  'GET /api/v1/plans':
    'x-roles lists every role; the plan decides who reads indicators (performance and locality managers, admins, and roles the plan grants): practitioners and social care get 403 under the default plan.',
  'GET /api/v1/kpis':
    'Readers as for `GET /api/v1/plans`. Values are suppressed (docs/domain.md#suppression) for performance managers, and for a locality manager outside their localities.',
  'GET /api/v1/kpis/feed': 'Readers as for `GET /api/v1/plans`; the published feed, suppressed.',
  'GET /api/v1/kpis/snapshots': 'Readers as for `GET /api/v1/plans`.',
  'PUT /api/v1/plans/current/indicators/{code}/values':
    'Entered figures (docs/domain.md#entered-indicators): performance managers and admins only.',
  'PUT /api/v1/plans/current/indicators/{code}/commentary':
    'The story behind a figure: performance managers and admins only.',
  'POST /api/v1/plans/current/values':
    'A CSV of entered figures (text/csv), all or nothing: performance managers and admins only.',
  'GET /api/v1/cases/{id}/progress':
    'As for the CAF versions it compares: whoever may see the case; reading it is audited.',
  'GET /api/v1/localities/{id}/areas': 'Reference data: every signed-in user.',
  'GET /api/v1/audit':
    'A child’s audit trail: admins, and locality managers of the child’s locality (404 for another locality, as for the child).',
  'POST /api/v1/referrals/{id}/assessment':
    'The single assessment, for a referral under a single-assessment framework (the matrix runs with one from 2013-04-15 and a referral of 2014).',
  'GET /api/v1/returns/cin-census':
    'The Department for Education’s return: performance managers and admins, who otherwise see no child’s record, get every child with a referral episode open in the year (the census needs its identifiers), one audit row per child.',
  'GET /api/v1/returns/cin-census/errors':
    'As for the return: every child of the year with a record the census would reject or query, one audit row per child listed.',
};

/**
 * What a successful call writes to the audit log about children (docs/domain.md#audit: every read and every
 * change of a child's record, with who, when, what, which child and which request):
 * - a list of actions: one row each, about the child the call is about, in the call's transaction;
 * - `{ eachItem }`: a list writes one row per item shown, about that item's child;
 * - `{ eachChildReturned }`: a return writes one row per child it names;
 * - a route not listed writes no row about any child.
 */
export type AuditExpectation =
  | readonly string[]
  | { readonly eachItem: string }
  /** A return: one row per child it names (every child of its year, not only the world's). */
  | { readonly eachChildReturned: string };

export const CHILD_AUDIT: Partial<Record<RouteKey, AuditExpectation>> = {
  'POST /api/v1/children': ['child.created'],
  'GET /api/v1/children': { eachItem: 'child.listed' },
  'GET /api/v1/children/{id}': ['child.read'],
  'GET /api/v1/children/{id}/history': ['child.history_read'],
  'POST /api/v1/cases': ['case.created'],
  'GET /api/v1/cases': { eachItem: 'case.listed' },
  'GET /api/v1/cases/mine': { eachItem: 'case.listed' },
  'GET /api/v1/cases/{id}': ['case.read'],
  'GET /api/v1/children/{id}/chronology': ['child.chronology_read'],
  // The household's other children, when there are any, each get a `child.listed` row too.
  'GET /api/v1/children/{id}/household': ['child.household_read'],
  'PUT /api/v1/cases/{id}/pre-assessment': ['pre_assessment.recorded'],
  'POST /api/v1/cases/{id}/notes': ['note.added'],
  'GET /api/v1/cases/{id}/notes': ['case.notes_read'],
  'PATCH /api/v1/notes/{id}': ['note.corrected'],
  'POST /api/v1/cases/{id}/panels': ['panel.hearing_recorded'],
  'GET /api/v1/cases/{id}/panels': ['case.panels_read'],
  'PUT /api/v1/cases/{id}/assessment': ['assessment.saved'],
  'GET /api/v1/cases/{id}/assessment/versions': ['assessment.read'],
  'GET /api/v1/cases/{id}/progress': ['case.progress_read'],
  'POST /api/v1/cases/{id}/consent': ['consent.recorded'],
  // One row per child per request: the withdrawal's row lists the closure it causes (`then`).
  'POST /api/v1/cases/{id}/consent/withdraw': ['consent.withdrawn'],
  'POST /api/v1/cases/{id}/assessment/complete': ['assessment.completed'],
  // The decision's row lists the activation a confirmed tier 2+ brings (`then`), as the review's does.
  'POST /api/v1/cases/{id}/tier': ['tier.decided'],
  'POST /api/v1/cases/{id}/tier/review': ['tier.confirmed'],
  'POST /api/v1/cases/{id}/close': ['case.closed'],
  'POST /api/v1/cases/{id}/reopen': ['case.reopened'],
  'POST /api/v1/cases/{id}/tac/members': ['tac.member_added'],
  'POST /api/v1/cases/{id}/tac/members/{memberId}/leave': ['tac.member_left'],
  'PUT /api/v1/cases/{id}/lead-professional': ['tac.lead_professional_set'],
  'POST /api/v1/cases/{id}/tac/meetings': ['tac.meeting_scheduled'],
  'POST /api/v1/tac-meetings/{id}/record': ['tac.meeting_recorded'],
  'POST /api/v1/tac-meetings/{id}/cancel': ['tac.meeting_cancelled'],
  'POST /api/v1/cases/{id}/action-items': ['action_item.created'],
  'PATCH /api/v1/action-items/{id}': ['action_item.updated'],
  'POST /api/v1/referrals': ['referral.created'],
  'GET /api/v1/referrals': { eachItem: 'referral.listed' },
  'GET /api/v1/referrals/queue': { eachItem: 'referral.listed' },
  'GET /api/v1/referrals/{id}': ['referral.read'],
  'PATCH /api/v1/referrals/{id}': ['referral.updated'],
  'POST /api/v1/referrals/{id}/decision': ['referral.decided'],
  'POST /api/v1/referrals/{id}/decision/correction': ['referral.decision_corrected'],
  'POST /api/v1/referrals/{id}/initial-assessment': ['initial_assessment.started'],
  'GET /api/v1/initial-assessments': { eachItem: 'initial_assessment.listed' },
  'GET /api/v1/initial-assessments/{id}': ['initial_assessment.read'],
  'POST /api/v1/initial-assessments/{id}/complete': ['initial_assessment.completed'],
  'POST /api/v1/core-assessments': ['core_assessment.started'],
  'GET /api/v1/core-assessments': { eachItem: 'core_assessment.listed' },
  'GET /api/v1/core-assessments/{id}': ['core_assessment.read'],
  'PATCH /api/v1/core-assessments/{id}': ['core_assessment.updated'],
  'POST /api/v1/core-assessments/{id}/complete': ['core_assessment.completed'],
  'PUT /api/v1/referrals/{id}/closure': ['referral.closure_recorded'],
  'POST /api/v1/referrals/{id}/assessment': ['single_assessment.started'],
  'GET /api/v1/assessments': { eachItem: 'single_assessment.listed' },
  'GET /api/v1/assessments/{id}': ['single_assessment.read'],
  'PATCH /api/v1/assessments/{id}': ['single_assessment.updated'],
  'POST /api/v1/assessments/{id}/complete': ['single_assessment.completed'],
  'GET /api/v1/returns/cin-census': { eachChildReturned: 'cin_census.read' },
  'GET /api/v1/returns/cin-census/errors': { eachChildReturned: 'cin_census_errors.read' },
  'GET /api/v1/notifications': { eachItem: 'notification.listed' },
  'POST /api/v1/notifications/{id}/read': ['notification.read'],
  'GET /api/v1/audit': ['audit.read'],
};

/**
 * Routes the application serves that are outside the matrix, with the reason. Each must still
 * exist (the test fails on a stale entry) and never asks for a token (no 401 or 403).
 */
export const OUTSIDE_THE_MATRIX: Record<string, string> = {
  'GET /api/v1/openapi.json':
    'The API document (docs/domain.md#records-and-versions), public by design: it describes routes and holds no data.',
  'GET /api/v1/openapi.yaml': 'The same document as YAML.',
  'GET /docs':
    'The OpenAPI UI (docs/domain.md#records-and-versions), static and public; it calls the API with the user’s token.',
  'GET /docs/': 'The OpenAPI UI.',
  'GET /docs/index.html': 'The OpenAPI UI.',
  'GET /docs/LICENSE':
    '@nestjs/swagger binds it to answer 404, so that swagger-ui’s licence file is not served from its static folder.',
  'GET /docs/swagger-ui-init.js': 'The OpenAPI UI’s start-up script (the document, no data).',
  'GET /docs/docs/swagger-ui-init.js': 'The same script, at the path @nestjs/swagger also serves.',
  'GET /dashboard/app.js': 'The dashboard’s script (static).',
  'GET /dashboard/session.js':
    'The dashboard’s and the report’s token script (static): it asks GET /dashboard/session.',
  'GET /dashboard/app.css': 'The dashboard’s styles (static).',
  'GET /dashboard/report.js': 'The plan report’s script (static).',
  'GET /dashboard/report.css': 'The plan report’s styles, screen and print (static).',
  'GET /dashboard/vendor/chart.umd.js': 'Chart.js for the dashboard (static).',
  'GET /dashboard/vendor/chart.umd.js.map': 'Chart.js source map (static).',
  // The web app's pages sign in by session, not bearer token: a request without a session is
  // redirected to /sign-in (303), never 401/403. Their access is tested page by page
  // (test/web-*.e2e-spec.ts), through the same services and so the same rules as the API.
  'GET /sign-in': 'The sign-in page (public).',
  'GET /dashboard':
    'The managers’ dashboard page (docs/domain.md#indicators), behind the session; its script reads the indicators through the API, whose rules decide what each role sees.',
  'GET /dashboard/report': 'The plan report page, behind the session like the dashboard.',
  'GET /dashboard/session':
    'The signed-in user’s API token for the dashboard’s scripts (JSON; 401 without a session), tested in test/web-shell.e2e-spec.ts.',
  'POST /sign-in': 'The sign-in form (public, CSRF-checked, throttled with the API’s login).',
  'POST /sign-out': 'Sign out (a session page).',
  'GET /': 'My work (a session page, every role).',
  'GET /notifications': 'Notifications (a session page, every role: the user’s own).',
  'POST /notifications/{id}/read': 'Mark a notification read (a session page: the user’s own).',
  // The case pages of the CAF journey: session pages calling the API's own services (the same
  // visibility, a 404 page for a case the user may not see), tested in test/web-cases.e2e-spec.ts.
  'GET /cases/{id}': 'The case page (a session page; practitioner, locality manager, social care).',
  'GET /cases/{id}/pre-assessment': 'The pre-assessment checklist (a session page).',
  'POST /cases/{id}/pre-assessment': 'Saves the checklist (a session page, CSRF-checked).',
  'GET /cases/{id}/assessment': 'The CAF form (a session page).',
  'POST /cases/{id}/assessment': 'Saves the CAF draft (a session page, CSRF-checked).',
  'GET /cases/{id}/consent': 'Record consent (a session page).',
  'POST /cases/{id}/consent': 'Records consent (a session page, CSRF-checked).',
  'GET /cases/{id}/complete': 'Check your answers, then the suggested tier (a session page).',
  'POST /cases/{id}/complete': 'Completes the CAF (a session page, CSRF-checked).',
  'GET /cases/{id}/tier': 'Record tier decision, or its confirmation (a session page).',
  'POST /cases/{id}/tier': 'Records the tier decision (a session page, CSRF-checked).',
  'POST /cases/{id}/tier/review':
    'A locality manager confirms or rejects it (a session page, CSRF-checked).',
  'GET /cases/{id}/notes/new': 'Add note (a session page).',
  'POST /cases/{id}/notes/new': 'Adds the note (a session page, CSRF-checked).',
  // The notes list, correcting a note (its author only) and panel hearings (the lead professional
  // or a locality manager): session pages calling the notes and panels services, whose refusals
  // they show (403), tested in test/web-notes-panels.e2e-spec.ts.
  'GET /cases/{id}/notes': 'The case’s notes, newest first, corrections shown (a session page).',
  'GET /cases/{id}/notes/{noteId}/correct': 'Correct note (a session page; the note’s author).',
  'POST /cases/{id}/notes/{noteId}/correct':
    'Corrects the note over the version read (a session page, CSRF-checked).',
  'GET /cases/{id}/panels/new':
    'Record panel hearing (a session page; the lead professional, a locality manager).',
  'POST /cases/{id}/panels/new': 'Records the hearing (a session page, CSRF-checked).',
  // The Team Around the Child pages: session pages calling TacService (the same rules, consent
  // limits and a 404 page for a case the user may not see), tested in test/web-team.e2e-spec.ts.
  'GET /cases/{id}/team': 'The team around the child, with the name search (a session page).',
  'POST /cases/{id}/team/members': 'Adds a user to the team (a session page, CSRF-checked).',
  'POST /cases/{id}/team/external':
    'Adds an external practitioner to the team (a session page, CSRF-checked).',
  'GET /cases/{id}/team/members/{memberId}/leave': 'A member leaves the team (a session page).',
  'POST /cases/{id}/team/members/{memberId}/leave':
    'Ends the membership (a session page, CSRF-checked).',
  'GET /cases/{id}/team/lead-professional': 'Change lead professional (a session page).',
  'POST /cases/{id}/team/lead-professional':
    'Changes the lead professional (a session page, CSRF-checked).',
  'GET /cases/{id}/meetings/new': 'Schedule a TAC meeting (a session page).',
  'POST /cases/{id}/meetings/new': 'Schedules the meeting (a session page, CSRF-checked).',
  'GET /tac-meetings/{id}/record': 'Record a TAC meeting (a session page).',
  'POST /tac-meetings/{id}/record': 'Records the meeting (a session page, CSRF-checked).',
  'GET /tac-meetings/{id}/cancel': 'Cancel a TAC meeting (a session page).',
  'POST /tac-meetings/{id}/cancel': 'Cancels the meeting (a session page, CSRF-checked).',
  // The action plan: session pages calling the TAC service (test/web-action-plan.e2e-spec.ts).
  'GET /cases/{id}/action-plan':
    'The action plan, by need, with "Add an action" (a session page; linked users).',
  'POST /cases/{id}/action-plan': 'Adds an action (a session page, CSRF-checked).',
  'GET /cases/{id}/action-plan/{itemId}': 'Change an action (a session page).',
  'POST /cases/{id}/action-plan/{itemId}':
    'Saves the action over the version read (a session page, CSRF-checked).',
  'GET /cases/{id}/close':
    'Close the case (a session page; the lead professional, a locality manager).',
  'POST /cases/{id}/close': 'Closes the case (a session page, CSRF-checked).',
  'GET /cases/{id}/reopen': 'Reopen the case (a session page).',
  'POST /cases/{id}/reopen': 'Reopens the case (a session page, CSRF-checked).',
  // The children's pages: session pages calling the children, cases and chronology services (a
  // 404 page for a child the user may not see), tested in test/web-children.e2e-spec.ts.
  'GET /children/search': 'Find a child (a session page).',
  'POST /children/search':
    'The search, answered on the POST: no child data in a URL (a session page, CSRF-checked).',
  'GET /children/new': 'Register a child (a session page).',
  'POST /children/new': 'Registers the child (a session page, CSRF-checked).',
  'GET /children/{id}': 'The child page (a session page).',
  'POST /children/{id}/cases': 'Start a CAF (a session page, CSRF-checked).',
  'GET /children/{id}/chronology': 'The chronology page (a session page).',
  // The census page: performance managers and admins, as the API's returns (403 page for
  // anyone else), tested in test/web-census.e2e-spec.ts.
  'GET /returns/cin-census': 'The Children in Need census page (a session page).',
  'GET /returns/cin-census/return': 'The census return to download (a session page).',
  'GET /returns/cin-census/errors': 'The census findings as CSV (a session page).',
  // The admin pages and the locality manager's page: session pages calling the users, localities,
  // agencies, calendar, plans and cases services (other roles get the forbidden page), tested in
  // test/web-admin.e2e-spec.ts.
  'GET /admin/users': 'Users: list and find (a session page, admin).',
  'GET /admin/users/new': 'Add a user (a session page, admin).',
  'POST /admin/users/new': 'Adds the user (a session page, admin, CSRF-checked).',
  'GET /admin/users/{id}': 'A user: role, agency, localities, manager (a session page, admin).',
  'POST /admin/users/{id}': 'Saves the changes (a session page, admin, CSRF-checked).',
  'GET /admin/users/{id}/deactivate':
    'Deactivate a user: the confirmation (a session page, admin).',
  'POST /admin/users/{id}/deactivate':
    'Deactivates the user and ends their sessions (a session page, admin, CSRF-checked).',
  'GET /locality':
    'Your localities: cases by state and tier, the locality manager’s queues (a session page).',
  'GET /locality/cases': 'The cases of one state and tier (a session page, locality manager).',
  'GET /admin/closures': 'Closure days: the list and the form (a session page, admin).',
  'POST /admin/closures':
    'Checks a new closure day: the due dates it would move, nothing saved (a session page, admin, CSRF-checked).',
  'POST /admin/closures/confirm': 'Adds the closure day (a session page, admin, CSRF-checked).',
  'GET /admin/agencies': 'Agencies: the list and the form (a session page, admin).',
  'POST /admin/agencies': 'Adds the agency (a session page, admin, CSRF-checked).',
  'GET /admin/plan': 'Plan: targets by year and a quarter’s snapshots (a session page, admin).',
  'GET /admin/plan/snapshot':
    'Take a snapshot or recompute: the confirmation (a session page, admin).',
  'POST /admin/plan/snapshot': 'Takes the snapshot (a session page, admin, CSRF-checked).',
  // The localities and areas admin pages: the localities and areas services (other roles get
  // the forbidden page), tested in test/web-admin-localities.e2e-spec.ts.
  'GET /admin/localities': 'Localities: the list and "Add locality" (a session page, admin).',
  'POST /admin/localities': 'Adds the locality (a session page, admin, CSRF-checked).',
  'GET /admin/localities/{id}':
    'A locality: populations by year and age band, its areas and "Add area" (a session page, admin).',
  'POST /admin/localities/{id}/population':
    'Sets a year’s population, with the version (a session page, admin, CSRF-checked).',
  'POST /admin/localities/{id}/areas':
    'Adds a children’s centre area with its postcode sectors (a session page, admin, CSRF-checked).',
  'GET /admin/localities/{id}/areas/{areaId}':
    'An area: its postcode sectors and populations (a session page, admin).',
  'POST /admin/localities/{id}/areas/{areaId}/population':
    'Sets a year’s population of the area, with the version (a session page, admin, CSRF-checked).',
  'GET /admin/plan/indicators/{code}':
    'An indicator: its targets by year, and for an entered one its values by period (a session page, admin; tested in test/web-admin-localities.e2e-spec.ts).',
  'POST /admin/plan/indicators/{code}/targets':
    'Sets or removes a year’s target, with the plan’s version (a session page, admin, CSRF-checked).',
  'POST /admin/plan/indicators/{code}/values':
    'Enters or replaces an entered indicator’s value, replacing with its version (a session page, admin, CSRF-checked).',
  'POST /admin/users/{id}/reactivate':
    'Reactivates the user (a session page, admin, CSRF-checked).',
  // The social care pages: session pages calling the referral and assessment services (a 404
  // page for a referral or assessment the user may not see), tested in test/web-referrals.e2e-spec.ts.
  'GET /referrals/new':
    'Refer to children’s social care (a session page; practitioner, locality manager, social care).',
  'POST /referrals/new': 'Sends the referral (a session page, CSRF-checked).',
  'GET /referrals':
    'Referrals awaiting a decision (a session page; social care, locality manager).',
  'GET /referrals/{id}': 'The referral page (a session page; as the API).',
  'POST /referrals/{id}/decision':
    'Records the decision (a session page, social care, CSRF-checked).',
  'GET /referrals/{id}/correction': 'Correct the decision (a session page, social care).',
  'POST /referrals/{id}/correction':
    'Corrects the decision with a reason (a session page, social care, CSRF-checked).',
  'POST /referrals/{id}/assessment':
    'Starts the initial (or single) assessment (a session page, social care, CSRF-checked).',
  'GET /assessments': 'Assessments (a session page, social care).',
  'GET /assessments/{kind}/{id}':
    'An initial, core or single assessment (a session page, social care).',
  'POST /assessments/{kind}/{id}/complete':
    'Completes the assessment (a session page, social care, CSRF-checked).',
  'POST /assessments/initial/{id}/core':
    'Starts the core assessment (a session page, social care, CSRF-checked).',
  'GET /assessments/core/{id}/commenced':
    'Change the commencement date (a session page, social care).',
  'POST /assessments/core/{id}/commenced':
    'Shows the new due date, then saves it with the version (a session page, social care, CSRF-checked).',
  'GET /assessments/initial/{id}/referred':
    'Change the referral date an initial assessment counts from (a session page, social care; tested in test/web-admin-localities.e2e-spec.ts).',
  'POST /assessments/initial/{id}/referred':
    'Shows the new due date, then saves the referral date with the referral’s version (a session page, social care, CSRF-checked).',
  'GET /assessments/single/{id}/started':
    'Change a single assessment’s start date (a session page, social care).',
  'POST /assessments/single/{id}/started':
    'Shows the due date (unchanged: it counts from the referral), then saves with the version (a session page, social care, CSRF-checked).',
};

function cell(expected: Expected): string {
  if (expected === SHOWN) return '200 ✓';
  if (expected === HIDDEN) return '200 ∅';
  if (expected === NA) return '—';
  return String(expected);
}

function auditCell(route: RouteKey): string {
  const audit = CHILD_AUDIT[route];
  if (!audit) return 'none';
  if ('eachItem' in audit) return `\`${audit.eachItem}\` per item`;
  if ('eachChildReturned' in audit) return `\`${audit.eachChildReturned}\` per child returned`;
  return audit.map((action) => `\`${action}\``).join(' + ');
}

/** docs/access.md, before formatting by prettier. */
export function renderAccessDoc(): string {
  const routes = Object.keys(ACCESS_TABLE) as RouteKey[];
  const header = [
    'Route',
    ...CALLER_ORDER.map((c) => CALLERS[c].short),
    'audit rows about the child',
  ];
  const lines = [
    '# Who may call what',
    '',
    '<!-- Generated from test/support/access-table.ts by test/access-matrix.e2e-spec.ts: do not edit by hand.',
    '     Regenerate with: UPDATE_ACCESS_DOC=1 npx jest --selectProjects integration --testPathPatterns access-matrix -->',
    '',
    `Every route of the API (${routes.length}) against every kind of caller (${CALLER_ORDER.length}), as the`,
    'integration test `test/access-matrix.e2e-spec.ts` checks it on the running application: the',
    'routes come from the application’s own router, so a new route without a row here fails the test.',
    '',
    '## The rules (docs/domain.md#access)',
    '',
    '- Every request needs a valid bearer token, except `POST /api/v1/auth/login` and `GET /api/v1/health`:',
    '  no token, an expired token or a deactivated user’s token gets **401**.',
    '- A route names the roles that may call it (`x-roles` in the OpenAPI document); any other role gets **403**.',
    '  The role is checked before anything about the child, so a 403 says nothing about whether a record exists.',
    '- A practitioner sees and changes a child’s records only through a case they are linked to: creator,',
    '  lead professional or TAC member. Anything else about a child answers **404**, never 403, so that the',
    '  existence of a record does not leak; lists leave it out.',
    '- A locality manager sees all cases and children of their localities (404 for other localities).',
    '- Social care sees referrals, the referred children, and the CAF cases linked to those referrals.',
    '- A performance manager sees indicators and their definitions only; an admin manages reference data and',
    '  users and does not read case content (but reads a child’s audit trail).',
    '- Every read and every change of a child’s record writes audit rows in the same transaction (who, when,',
    '  what, which child, which request): the last column names them, per successful call.',
    '',
    '## Reading the table',
    '',
    '- A number is the HTTP status every call of that kind gets. 400, 409 and 422 never appear: the test sends',
    '  a valid body on fresh records, so a refusal can only come from the access rules.',
    '- **200 ✓**: a list that shows the child; **200 ∅**: a list that answers but does not show the child (no id',
    '  of the child’s records in the body).',
    '- **—**: no such call: a child never referred has no referral or assessment.',
    '- Besides the statuses, the test checks every successful answer: a caller who may not see the child finds',
    '  no id of its records in it (an admin’s audit trail aside), and no answer but the locality manager’s and',
    '  the audit trail names an earlier case of the same child that the caller is not linked to.',
    '',
    '### Callers',
    '',
    ...CALLER_ORDER.map((c) => `- **${CALLERS[c].short}**: ${CALLERS[c].long}.`),
    '',
    '## The matrix',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...routes.map(
      (route) =>
        `| \`${route}\`${NOTES[route] ? ` [${noteNumber(route)}]` : ''} | ${CALLER_ORDER.map((c) =>
          cell(ACCESS_TABLE[route][c]),
        ).join(' | ')} | ${auditCell(route)} |`,
    ),
    '',
    '## Notes',
    '',
    ...routes
      .filter((route) => NOTES[route])
      .map((route) => `${noteNumber(route)}. \`${route}\`: ${NOTES[route]}`),
    '',
    '## Outside the matrix',
    '',
    'Served by the application but not about anybody’s data; none asks for a token.',
    '',
    ...Object.entries(OUTSIDE_THE_MATRIX).map(([route, why]) => `- \`${route}\`: ${why}`),
    '',
  ];
  return lines.join('\n');
}

function noteNumber(route: RouteKey): number {
  return (Object.keys(ACCESS_TABLE) as RouteKey[]).filter((r) => NOTES[r]).indexOf(route) + 1;
}
