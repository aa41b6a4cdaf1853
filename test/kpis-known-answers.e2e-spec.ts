import { Clock } from '../src/common/clock/clock';
import { createLocality, createTeam, TestUser } from './support/fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The known-answer test (issue 7): a small authority built through the API as it happened
 * (the injected Clock is moved to each day), and every metric of the catalogue for quarter
 * FY2011-12-Q1 (1 April – 30 June 2011, last day D = 30 June), worked out by hand below.
 *
 * Bank holidays in the quarter: Good Friday 22 April, Easter Monday 25 April, the royal wedding
 * 29 April, early May 2 May, spring 30 May.
 *
 * Cases (C = CAF completed, T = tier from, LP = lead professional, M1 = first meeting held):
 *   East  E1 started 2011-03-20, C 03-25, T3 03-25, LP 03-28 → leaves 05-15, M1 04-20 (18 wd)
 *         E2 started 04-05, C 04-12, T3 04-12, LP 04-13, M1 05-04 (12 wd: 22, 25, 29 Apr, 2 May)
 *         E3 started 05-10, C 05-16, T2; items implemented + cancelled; closed needs_met 06-10
 *         E4 started 04-15, C 04-18, T2; item not implemented; closed other 06-20
 *         E5 started 06-01, assessment only
 *   West  W1 started 04-04, C 04-06, T3 04-06, LP 04-07; T2 from 05-20 (confirmed by manager)
 *         W2 started 04-11, C 04-13, T2 04-13; T3 from 06-01, no LP; step-up referral 06-01
 *         W3 started 2010-12-01, C 12-06, T3, item implemented; closed moved_out_of_area 05-05
 *         (K4's step-down starts a West case on 05-20)
 *   Central C1 started 04-01, C 04-08, T3, LP 04-08, M1 04-28 (12 wd), M2 06-01
 *         C2 started 04-01, C 04-04, T2, M1 05-03 (17 wd)
 *         C3 started 04-20, C 04-26, T3, LP 04-27
 *         C4 started 05-03, C 05-05, T3, no LP
 * Referrals (IA due = 7 working days after referral; core due = 35 after commencement):
 *   East  R1 E1's child 05-16 (step-up), IA decided 05-17, IA done 05-25 = due → in time, services
 *         K1 aged 3, 04-21 (the worked example of docs/domain.md#working-days: due 05-06), IA done 05-09 → late; core from 05-09, open
 *         K2 born 2006-06-30, referred 06-29 (aged 4, 5 the next day), undecided
 *   West  K3 2010-05-16 (NFA) and 2011-05-16: a re-referral, on the 12-month boundary; NFA 05-18
 *         K4 aged 2, 2010-05-15 (NFA) and 2011-05-16: not a re-referral (one day outside);
 *            step_down_early_help 05-20
 *         W2's child 06-01 from case W2 (step-up), IA decided 06-02, IA open
 *   Central K5 aged 1, 04-04, IA decided 04-05, IA done 04-13 = due (in time), core from 04-14
 *            due 06-09 (across 22, 25, 29 Apr, 2 and 30 May), done 06-10 → late
 *         K6 2011-02-01, IA done 02-08 (in time, before Q1), core from 03-01 due 04-19, done
 *            04-15 → in time
 *         K7 aged 0, 06-20, NFA 06-21
 * Populations 2011 (0-4 / 5-9 / 10-15 / 16-17): East 1000/1000/1200/400 (3,600);
 * West 250/600/700/200 (1,750); Central 2000/2000/2500/1000 (7,500). East also has a 2010
 * estimate, which must not be used.
 */
type Row = [numerator: number | null, denominator: number | null, value: number | null];
type Expected = Record<'east' | 'west' | 'central' | 'all', Row>;

const EXPECTED: Record<string, Expected> = {
  caf_initiated: {
    east: [4, null, 4],
    west: [3, null, 3],
    central: [4, null, 4],
    all: [11, null, 11],
  },
  caf_completed: {
    east: [3, null, 3],
    west: [2, null, 2],
    central: [4, null, 4],
    all: [9, null, 9],
  },
  caf_action_plans_implemented_pct: {
    east: [1, 2, 50],
    west: [1, 1, 100],
    central: [0, 0, null],
    all: [2, 3, 66.7],
  },
  tier3_with_lead_professional_pct: {
    east: [1, 2, 50],
    west: [0, 1, 0],
    central: [2, 3, 66.7],
    all: [3, 6, 50],
  },
  tier_3_4_children: {
    east: [4, null, 4],
    west: [1, null, 1],
    central: [3, null, 3],
    all: [8, null, 8],
  },
  step_ups: { east: [1, null, 1], west: [1, null, 1], central: [0, null, 0], all: [2, null, 2] },
  step_downs: { east: [0, null, 0], west: [1, null, 1], central: [0, null, 0], all: [1, null, 1] },
  referrals: { east: [3, null, 3], west: [3, null, 3], central: [2, null, 2], all: [8, null, 8] },
  referrals_per_10000: {
    east: [3, 3600, 8.3],
    west: [3, 1750, 17.1],
    central: [2, 7500, 2.7],
    all: [8, 12850, 6.2],
  },
  referrals_0_4_per_1000: {
    east: [2, 1000, 2],
    west: [1, 250, 4],
    central: [2, 2000, 1],
    all: [5, 3250, 1.5],
  },
  // Annualised (× 366 / 91): East 8.0 and Central 4.0 are below 10, West 16.1 is not.
  localities_0_4_referrals_below_10_per_1000: {
    east: [1, 1, 1],
    west: [0, 1, 0],
    central: [1, 1, 1],
    all: [2, 3, 2],
  },
  re_referral_pct: { east: [0, 3, 0], west: [1, 3, 33.3], central: [0, 2, 0], all: [1, 8, 12.5] },
  nfa_pct: { east: [0, 2, 0], west: [1, 3, 33.3], central: [1, 2, 50], all: [2, 7, 28.6] },
  referrals_to_initial_assessment_pct: {
    east: [2, 2, 100],
    west: [1, 3, 33.3],
    central: [1, 2, 50],
    all: [4, 7, 57.1],
  },
  initial_assessments_in_7_days_pct: {
    east: [1, 2, 50],
    west: [0, 0, null],
    central: [1, 1, 100],
    all: [2, 3, 66.7],
  },
  core_assessments_in_35_days_pct: {
    east: [0, 0, null],
    west: [0, 0, null],
    central: [1, 2, 50],
    all: [1, 2, 50],
  },
  // No single assessment in 2011: every referral is under the initial and core framework.
  assessments_in_45_days_pct: {
    east: [0, 0, null],
    west: [0, 0, null],
    central: [0, 0, null],
    all: [0, 0, null],
  },
  caf_to_first_tac_median_working_days: {
    east: [null, 2, 15],
    west: [null, 0, null],
    central: [null, 2, 14.5],
    all: [null, 4, 14.5],
  },
  // The plan report's metrics have nothing to count in this authority (no areas, no CAF
  // reviewed, no services named, nothing entered): test/plan-report-known-answers.e2e-spec.ts.
  panel_children_with_lead_professional_pct: {
    east: [0, 0, null],
    west: [0, 0, null],
    central: [0, 0, null],
    all: [0, 0, null],
  },
  needs_reduced_pct: {
    east: [0, 0, null],
    west: [0, 0, null],
    central: [0, 0, null],
    all: [0, 0, null],
  },
  service_starts: {
    east: [0, null, 0],
    west: [0, null, 0],
    central: [0, null, 0],
    all: [0, null, 0],
  },
  areas_0_4_referrals_below_10_per_1000: {
    east: [0, 0, 0],
    west: [0, 0, 0],
    central: [0, 0, 0],
    all: [0, 0, 0],
  },
  ...Object.fromEntries(
    [
      'children_missing_from_home',
      'children_missing_from_school',
      'children_missing_from_care',
      'child_protection_plans_two_years',
      'school_attendance_pct',
    ].map((code) => [
      code,
      {
        east: [null, null, null],
        west: [null, null, null],
        central: [null, null, null],
        all: [null, null, null],
      },
    ]),
  ),
};

const TIER_3 = [
  { code: 'speech_language_communication', level: 2 },
  { code: 'housing_employment_financial', level: 2 },
];
const TIER_2 = [{ code: 'general_health', level: 1 }];

describe('plan indicators: the known answers for FY2011-12-Q1', () => {
  let t: TestApp;
  let clock: Clock;
  const localities = {} as Record<'east' | 'west' | 'central', string>;
  const practitioners = {} as Record<'east' | 'west' | 'central', TestUser>;
  const colleagues = {} as Record<'east' | 'west' | 'central', TestUser>;
  const managers = {} as Record<'east' | 'west' | 'central', TestUser>;
  let social: TestUser;
  let performance: TestUser;

  /** Acts on a day: the clock reads noon London time on it. */
  function on(date: string): void {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T11:00:00Z`));
  }

  const as = (user: TestUser) => ({
    get: (url: string) => t.http().get(url).auth(user.token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http().post(url).auth(user.token, { type: 'bearer' }).send(body),
    put: (url: string, body: object) =>
      t.http().put(url).auth(user.token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) =>
      t.http().patch(url).auth(user.token, { type: 'bearer' }).send(body),
  });

  let childCount = 0;
  async function child(
    where: keyof typeof localities,
    dateOfBirth: string,
    by: TestUser = managers[where],
  ): Promise<string> {
    const response = await as(by)
      .post('/api/v1/children', {
        givenName: 'Known',
        familyName: `Answer${++childCount}`,
        dateOfBirth,
        gender: 'unknown',
        localityId: localities[where],
      })
      .expect(201);
    return response.body.id as string;
  }

  interface CaseSpec {
    where: keyof typeof localities;
    startedOn: string;
    completedOn?: string;
    elements?: { code: string; level: number }[];
    lpOn?: string;
    /** A colleague joins the TAC (without leading it) that day. */
    memberOn?: string;
  }

  /** A case started, its CAF completed with consent, and its suggested tier decided, each on its day. */
  async function cafCase(
    spec: CaseSpec,
  ): Promise<{ caseId: string; childId: string; memberId?: string }> {
    const practitioner = practitioners[spec.where];
    on(spec.startedOn);
    const childId = await child(spec.where, '2005-01-01', practitioner);
    const caseId = (await as(practitioner).post('/api/v1/cases', { childId }).expect(201)).body
      .id as string;
    if (!spec.completedOn) return { caseId, childId };
    on(spec.completedOn);
    await as(practitioner)
      .put(`/api/v1/cases/${caseId}/assessment`, { elements: spec.elements ?? TIER_2, version: 1 })
      .expect(200);
    await as(practitioner)
      .post(`/api/v1/cases/${caseId}/consent`, {
        givenBy: 'Parent',
        relationship: 'parent',
        givenAt: `${spec.completedOn}T09:00:00Z`,
        scope: ['assessment', 'information_sharing'],
      })
      .expect(201);
    const completed = await as(practitioner)
      .post(`/api/v1/cases/${caseId}/assessment/complete`)
      .expect(200);
    await as(practitioner)
      .post(`/api/v1/cases/${caseId}/tier`, { tier: completed.body.suggestedTier })
      .expect(200);
    const joinOn = spec.lpOn ?? spec.memberOn;
    if (!joinOn) return { caseId, childId };
    on(joinOn);
    const member = await as(practitioner)
      .post(`/api/v1/cases/${caseId}/tac/members`, {
        userId: colleagues[spec.where].id,
        role: 'Family support worker',
      })
      .expect(201);
    if (spec.lpOn) {
      await as(practitioner)
        .put(`/api/v1/cases/${caseId}/lead-professional`, {
          userId: colleagues[spec.where].id,
          reason: 'Knows the family',
        })
        .expect(200);
    }
    return { caseId, childId, memberId: member.body.id as string };
  }

  async function meetingHeld(where: keyof typeof localities, caseId: string, day: string) {
    on(day);
    const by = practitioners[where];
    const meeting = await as(by)
      .post(`/api/v1/cases/${caseId}/tac/meetings`, {
        scheduledAt: `${day}T09:00:00Z`,
        location: 'Children’s centre',
      })
      .expect(201);
    await as(by)
      .post(`/api/v1/tac-meetings/${meeting.body.id}/record`, {
        heldAt: `${day}T09:30:00Z`,
        attendeeUserIds: [],
        familyAttended: true,
      })
      .expect(200);
  }

  async function changeTier(
    where: keyof typeof localities,
    caseId: string,
    tier: number,
    day: string,
  ) {
    on(day);
    await as(practitioners[where])
      .post(`/api/v1/cases/${caseId}/tier`, { tier, reason: 'Needs changed' })
      .expect(200);
    await as(managers[where])
      .post(`/api/v1/cases/${caseId}/tier/review`, { confirm: true })
      .expect(200);
  }

  async function actionItem(where: keyof typeof localities, caseId: string, day: string) {
    on(day);
    const item = await as(practitioners[where])
      .post(`/api/v1/cases/${caseId}/action-items`, {
        need: 'general_health',
        action: 'See the GP',
        ownerUserId: colleagues[where].id,
        dueDate: '2011-07-31',
      })
      .expect(201);
    return item.body as { id: string; version: number };
  }

  async function setItem(
    where: keyof typeof localities,
    item: { id: string; version: number },
    status: string,
    day: string,
  ) {
    on(day);
    await as(practitioners[where])
      .patch(`/api/v1/action-items/${item.id}`, {
        status,
        ...(status === 'cancelled' ? { reason: 'No longer needed' } : {}),
        version: item.version,
      })
      .expect(200);
  }

  async function close(
    where: keyof typeof localities,
    caseId: string,
    reason: string,
    day: string,
  ) {
    on(day);
    await as(managers[where])
      .post(`/api/v1/cases/${caseId}/close`, { reason, note: 'Closed' })
      .expect(200);
  }

  interface ReferralSpec {
    childId: string;
    referredAt: string;
    by?: TestUser;
    caseId?: string;
    decision?: [outcome: string, on: string];
    ia?: { completedAt?: string; outcome?: string };
    core?: { commencedAt: string; completedAt?: string };
  }

  async function referral(spec: ReferralSpec): Promise<void> {
    on(spec.referredAt);
    const referral = await as(spec.by ?? social)
      .post('/api/v1/referrals', {
        childId: spec.childId,
        referredAt: spec.referredAt,
        source: spec.caseId ? 'early_help' : 'school',
        reason: 'Concern',
        ...(spec.caseId ? { caseId: spec.caseId } : {}),
      })
      .expect(201);
    if (!spec.decision) return;
    const [outcome, decidedAt] = spec.decision;
    on(decidedAt);
    await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/decision`, { outcome, decidedAt })
      .expect(200);
    if (!spec.ia) return;
    const ia = await as(social)
      .post(`/api/v1/referrals/${referral.body.id}/initial-assessment`, {
        assignedToUserId: social.id,
      })
      .expect(201);
    if (!spec.ia.completedAt) return;
    on(spec.ia.completedAt);
    await as(social)
      .post(`/api/v1/initial-assessments/${ia.body.id}/complete`, {
        completedAt: spec.ia.completedAt,
        outcome: spec.ia.outcome,
      })
      .expect(200);
    if (!spec.core) return;
    on(spec.core.commencedAt);
    const core = await as(social)
      .post('/api/v1/core-assessments', {
        initialAssessmentId: ia.body.id,
        commencedAt: spec.core.commencedAt,
        assignedToUserId: social.id,
      })
      .expect(201);
    if (!spec.core.completedAt) return;
    on(spec.core.completedAt);
    await as(social)
      .post(`/api/v1/core-assessments/${core.body.id}/complete`, {
        completedAt: spec.core.completedAt,
      })
      .expect(200);
  }

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    const admin = await t.adminToken();
    // East and West are the team's two localities; Central is a third.
    const team = await createTeam(t);
    localities.east = team.localityId;
    localities.west = team.otherLocalityId;
    localities.central = (await createLocality(t)).id;
    for (const [where, bands] of [
      ['east', { '0-4': 1000, '5-9': 1000, '10-15': 1200, '16-17': 400 }],
      ['west', { '0-4': 250, '5-9': 600, '10-15': 700, '16-17': 200 }],
      ['central', { '0-4': 2000, '5-9': 2000, '10-15': 2500, '16-17': 1000 }],
    ] as const) {
      await t
        .http()
        .put(`/api/v1/localities/${localities[where]}/population`)
        .auth(admin, { type: 'bearer' })
        .send({ year: 2011, bands })
        .expect(200);
      const here = { localityIds: [localities[where]] };
      practitioners[where] =
        where === 'east' ? team.practitioner : await team.add('practitioner', here);
      colleagues[where] = await team.add('practitioner', here);
      managers[where] =
        where === 'east' ? team.localityManager : await team.add('locality_manager', here);
    }
    await t
      .http()
      .put(`/api/v1/localities/${localities.east}/population`)
      .auth(admin, { type: 'bearer' })
      .send({ year: 2010, bands: { '0-4': 1, '5-9': 1, '10-15': 1, '16-17': 1 } })
      .expect(200);
    social = await team.add('social_care', { localityIds: Object.values(localities) });
    performance = team.performanceManager;

    // East
    const e1 = await cafCase({
      where: 'east',
      startedOn: '2011-03-20',
      completedOn: '2011-03-25',
      elements: TIER_3,
      lpOn: '2011-03-28',
    });
    await meetingHeld('east', e1.caseId, '2011-04-20');
    on('2011-05-15');
    await as(practitioners.east)
      .post(`/api/v1/cases/${e1.caseId}/tac/members/${e1.memberId}/leave`, {
        reason: 'Moved job',
        version: 1,
      })
      .expect(200);
    const e2 = await cafCase({
      where: 'east',
      startedOn: '2011-04-05',
      completedOn: '2011-04-12',
      elements: TIER_3,
      lpOn: '2011-04-13',
    });
    await meetingHeld('east', e2.caseId, '2011-05-04');
    const e3 = await cafCase({
      where: 'east',
      startedOn: '2011-05-10',
      completedOn: '2011-05-16',
      memberOn: '2011-05-16',
    });
    const e3a = await actionItem('east', e3.caseId, '2011-05-17');
    const e3b = await actionItem('east', e3.caseId, '2011-05-17');
    await setItem('east', e3a, 'implemented', '2011-06-09');
    await setItem('east', e3b, 'cancelled', '2011-06-09');
    await close('east', e3.caseId, 'needs_met', '2011-06-10');
    const e4 = await cafCase({
      where: 'east',
      startedOn: '2011-04-15',
      completedOn: '2011-04-18',
      memberOn: '2011-04-18',
    });
    const e4a = await actionItem('east', e4.caseId, '2011-04-19');
    await setItem('east', e4a, 'not_implemented', '2011-06-19');
    await close('east', e4.caseId, 'other', '2011-06-20');
    await cafCase({ where: 'east', startedOn: '2011-06-01' });

    // West
    const w1 = await cafCase({
      where: 'west',
      startedOn: '2011-04-04',
      completedOn: '2011-04-06',
      elements: TIER_3,
      lpOn: '2011-04-07',
    });
    await changeTier('west', w1.caseId, 2, '2011-05-20');
    const w2 = await cafCase({ where: 'west', startedOn: '2011-04-11', completedOn: '2011-04-13' });
    await changeTier('west', w2.caseId, 3, '2011-06-01');
    const w3 = await cafCase({
      where: 'west',
      startedOn: '2010-12-01',
      completedOn: '2010-12-06',
      elements: TIER_3,
      lpOn: '2010-12-07',
    });
    const w3a = await actionItem('west', w3.caseId, '2010-12-08');
    await setItem('west', w3a, 'implemented', '2011-05-04');
    await close('west', w3.caseId, 'moved_out_of_area', '2011-05-05');

    // Central
    const c1 = await cafCase({
      where: 'central',
      startedOn: '2011-04-01',
      completedOn: '2011-04-08',
      elements: TIER_3,
      lpOn: '2011-04-08',
    });
    await meetingHeld('central', c1.caseId, '2011-04-28');
    await meetingHeld('central', c1.caseId, '2011-06-01');
    const c2 = await cafCase({
      where: 'central',
      startedOn: '2011-04-01',
      completedOn: '2011-04-04',
    });
    await meetingHeld('central', c2.caseId, '2011-05-03');
    await cafCase({
      where: 'central',
      startedOn: '2011-04-20',
      completedOn: '2011-04-26',
      elements: TIER_3,
      lpOn: '2011-04-27',
    });
    await cafCase({
      where: 'central',
      startedOn: '2011-05-03',
      completedOn: '2011-05-05',
      elements: TIER_3,
    });

    // Referrals: East
    await referral({
      childId: e1.childId,
      caseId: e1.caseId,
      by: practitioners.east,
      referredAt: '2011-05-16',
      decision: ['initial_assessment', '2011-05-17'],
      ia: { completedAt: '2011-05-25', outcome: 'services_provided' },
    });
    on('2011-04-21');
    await referral({
      childId: await child('east', '2008-01-10'),
      referredAt: '2011-04-21',
      decision: ['initial_assessment', '2011-04-21'],
      ia: { completedAt: '2011-05-09', outcome: 'core_assessment' },
      core: { commencedAt: '2011-05-09' },
    });
    on('2011-06-29');
    await referral({ childId: await child('east', '2006-06-30'), referredAt: '2011-06-29' });

    // West
    on('2010-05-16');
    const k3 = await child('west', '2000-01-01');
    await referral({
      childId: k3,
      referredAt: '2010-05-16',
      decision: ['no_further_action', '2010-05-17'],
    });
    await referral({
      childId: k3,
      referredAt: '2011-05-16',
      decision: ['no_further_action', '2011-05-18'],
    });
    on('2010-05-15');
    const k4 = await child('west', '2009-03-01');
    await referral({
      childId: k4,
      referredAt: '2010-05-15',
      decision: ['no_further_action', '2010-05-17'],
    });
    await referral({
      childId: k4,
      referredAt: '2011-05-16',
      decision: ['step_down_early_help', '2011-05-20'],
    });
    await referral({
      childId: w2.childId,
      caseId: w2.caseId,
      by: practitioners.west,
      referredAt: '2011-06-01',
      decision: ['initial_assessment', '2011-06-02'],
      ia: {},
    });

    // Central
    on('2011-04-04');
    await referral({
      childId: await child('central', '2010-01-01'),
      referredAt: '2011-04-04',
      decision: ['initial_assessment', '2011-04-05'],
      ia: { completedAt: '2011-04-13', outcome: 'core_assessment' },
      core: { commencedAt: '2011-04-14', completedAt: '2011-06-10' },
    });
    on('2011-02-01');
    await referral({
      childId: await child('central', '1999-05-05'),
      referredAt: '2011-02-01',
      decision: ['initial_assessment', '2011-02-01'],
      ia: { completedAt: '2011-02-08', outcome: 'core_assessment' },
      core: { commencedAt: '2011-03-01', completedAt: '2011-04-15' },
    });
    on('2011-06-20');
    await referral({
      childId: await child('central', '2011-01-15'),
      referredAt: '2011-06-20',
      decision: ['no_further_action', '2011-06-21'],
    });
    jest.restoreAllMocks();
  }, 180_000);
  afterAll(() => t.close());

  async function kpis(token: string, localityId?: string) {
    const query = localityId ? `&localityId=${localityId}` : '';
    const response = await t
      .http()
      .get(`/api/v1/kpis?period=FY2011-12-Q1${query}`)
      .auth(token, { type: 'bearer' })
      .expect(200);
    return response.body as {
      period: string;
      from: string;
      to: string;
      localityId: string | null;
      items: {
        code: string;
        metric: string;
        numerator: number | null;
        denominator: number | null;
        value: number | null;
        target: number | null;
        rag: string | null;
        suppressed: boolean;
      }[];
    };
  }

  it.each(['east', 'west', 'central', 'all'] as const)(
    'gives every metric its hand-worked value for %s',
    async (where) => {
      const answer = await kpis(
        await t.adminToken(),
        where === 'all' ? undefined : localities[where],
      );
      expect(answer).toMatchObject({
        period: 'FY2011-12-Q1',
        from: '2011-04-01',
        to: '2011-06-30',
        localityId: where === 'all' ? null : localities[where],
      });
      const got = Object.fromEntries(
        answer.items.map((item) => [item.code, [item.numerator, item.denominator, item.value]]),
      );
      const expected = Object.fromEntries(
        Object.entries(EXPECTED).map(([metric, rows]) => [metric, rows[where]]),
      );
      expect(got).toEqual(expected);
      expect(
        answer.items.every(
          (item) => (item.code === item.metric || item.metric === 'entered') && !item.suppressed,
        ),
      ).toBe(true);
    },
  );

  it('sets targets and RAG from the plan for the financial year', async () => {
    const items = new Map((await kpis(await t.adminToken())).items.map((i) => [i.code, i]));
    expect(items.get('initial_assessments_in_7_days_pct')).toMatchObject({
      target: 80,
      rag: 'red',
    });
    expect(items.get('re_referral_pct')).toMatchObject({ target: 22, rag: 'green' });
    expect(items.get('nfa_pct')).toMatchObject({ target: 25, rag: 'red' });
    expect(items.get('caf_to_first_tac_median_working_days')).toMatchObject({
      target: 20,
      rag: 'green',
    });
    expect(items.get('localities_0_4_referrals_below_10_per_1000')).toMatchObject({
      target: 3,
      rag: 'red',
    });
    expect(items.get('referrals')).toMatchObject({ target: null, rag: null });
  });

  it('suppresses small numbers for a performance manager, and outside a locality manager’s own localities', async () => {
    const published = new Map((await kpis(performance.token)).items.map((i) => [i.code, i]));
    expect(published.get('referrals')).toMatchObject({ numerator: 8, value: 8, suppressed: false });
    expect(published.get('step_ups')).toEqual(
      expect.objectContaining({
        numerator: null,
        denominator: null,
        value: null,
        rag: null,
        suppressed: true,
      }),
    );
    expect(published.get('re_referral_pct')).toMatchObject({ value: null, suppressed: true }); // 1 of 8
    expect(published.get('localities_0_4_referrals_below_10_per_1000')).toMatchObject({
      value: 2,
      suppressed: false,
    });

    const own = new Map(
      (await kpis(managers.west.token, localities.west)).items.map((i) => [i.code, i]),
    );
    expect(own.get('step_ups')).toMatchObject({ numerator: 1, suppressed: false });
    const other = new Map(
      (await kpis(managers.west.token, localities.east)).items.map((i) => [i.code, i]),
    );
    expect(other.get('step_ups')).toMatchObject({ numerator: null, suppressed: true });
  });
});
