import { Clock } from '../src/common/clock/clock';
import { createAgency, createLocality, createUser, TestUser } from './support/fixtures';
import { TestApp, startTestApp } from './support/test-app';

/**
 * The whole plan report's known answers (issue 17), over a hand-built authority of two
 * localities, North and South, for quarter FY2011-12-Q1 (91 days of a 366-day financial year,
 * so a quarter's rate × 366/91 is its annual rate).
 *
 * Referrals, all on 2011-05-10 (age on that day):
 *   North  6 White (WBRI), 3 female 3 male, born 2008-01-01 (3: 0-4); 2 of them live in TW3 1
 *          2 Asian (APKN), female, disabled, born 2000-01-01 (11: 10-15)
 *          7 Black (BAFR), male, born 2004-06-01 (6: 5-9)
 *          5 with no ethnicity recorded (Not known), gender unknown, born 1994-06-01 (16: 16-17)
 *   South  2 Mixed (MWBC), female, born 2009-01-01 (2: 0-4), living in SW1 1
 *   So North 20 and the authority 22.
 *
 * Breakdowns of `referrals`, hand-worked, as a performance manager sees them:
 *   North by ethnic group: White 6, Mixed 0, Asian 2 → hidden, Black 7, Other 0, Not known 5.
 *     One group hidden, so the next smallest group with children in it (Not known, 5; not White,
 *     6) is hidden too: otherwise 20 − 6 − 7 = 7 would give the Asian and Not known sum away
 *     only, which is safe, but 20 − 6 − 7 − 5 = 2 gives Asian away.
 *   All by ethnic group: White 6, Mixed 2 → hidden, Asian 2 → hidden, Black 7, Not known 5: two
 *     hidden already, no complement (the complement would itself be suppressed).
 *   All by disability: disabled 2 → hidden, not disabled 20 → hidden as the only other group.
 *   All by age band: 0-4 8, 5-9 7, 10-15 2 → hidden, 16-17 5 → hidden (smallest of 8, 7, 5).
 *   All by gender: female 7, male 10, other 0, unknown 5: nothing hidden.
 *
 * Children's centre areas (0–4 population 2011): North A1 (TW3 1, TW3 2) 500, A2 (TW4 1) 200;
 * South A3 (SW1 1) 1,000; South A4 (SW1 2) has no population and does not count.
 *   A1 2 referrals of 0–4s: 2 × 1000/500 × 366/91 = 16.1, not below 10;
 *   A2 none: 0, below; A3 2: 2 × 1000/1000 × 366/91 = 8.0, below.
 *   → North 1 of 2, South 1 of 1, all 2 of 3.
 *
 * Needs reduced (North cases, each closed in the quarter): R1 CAF totals 5 then 2 (reduced);
 * R2 2 then 3 (not reduced); R3 one completed CAF only (not counted) → 1 of 2, 50%.
 * Service starts: R1 has a Triple P item started 2011-05-05 and a family group conference item
 * started 2011-05-06; R2 a Triple P item started 2011-07-04 (next quarter) → the Triple P
 * indicator counts 1 in North and the authority, 0 in South.
 */
const QUARTER = 'FY2011-12-Q1';

describe('the whole plan report: known answers for FY2011-12-Q1', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: string;
  let north: string;
  let south: string;
  let northCode: string;
  let practitioner: TestUser;
  let colleague: TestUser;
  let manager: TestUser;
  let social: TestUser;
  let performance: TestUser;
  let reviewedCase: string;

  function on(date: string): void {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T11:00:00Z`));
  }
  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string, body: object = {}) =>
      t.http().post(url).auth(token, { type: 'bearer' }).send(body),
    put: (url: string, body: object) =>
      t.http().put(url).auth(token, { type: 'bearer' }).send(body),
    patch: (url: string, body: object) =>
      t.http().patch(url).auth(token, { type: 'bearer' }).send(body),
  });

  let named = 0;
  async function child(
    localityId: string,
    details: {
      dateOfBirth: string;
      gender: string;
      ethnicity?: string;
      disability?: boolean;
      postcode?: string;
    },
    by: TestUser,
  ): Promise<string> {
    const response = await as(by.token)
      .post('/api/v1/children', {
        givenName: 'Report',
        familyName: `Child${++named}`,
        localityId,
        ...details,
      })
      .expect(201);
    return response.body.id as string;
  }

  async function referred(childId: string): Promise<void> {
    await as(social.token)
      .post('/api/v1/referrals', {
        childId,
        referredAt: '2011-05-10',
        source: 'school',
        reason: 'Concern',
      })
      .expect(201);
  }

  async function completeCaf(caseId: string, levels: number[], version: number): Promise<number> {
    const codes = ['general_health', 'wider_family', 'aspirations'];
    const saved = await as(practitioner.token)
      .put(`/api/v1/cases/${caseId}/assessment`, {
        elements: levels.map((level, i) => ({ code: codes[i], level })),
        version,
      })
      .expect(200);
    const completed = await as(practitioner.token)
      .post(`/api/v1/cases/${caseId}/assessment/complete`)
      .expect(200);
    expect(saved.body.versionNo).toBe(completed.body.versionNo);
    return completed.body.version as number;
  }

  /** A North case: CAFs completed on the days given with the element levels given. */
  async function reviewed(cafs: [day: string, levels: number[]][]): Promise<string> {
    on('2011-04-01');
    const childId = await child(
      north,
      { dateOfBirth: '2005-03-03', gender: 'female' },
      practitioner,
    );
    const caseId = (await as(practitioner.token).post('/api/v1/cases', { childId }).expect(201))
      .body.id as string;
    let version = 1;
    for (const [i, [day, levels]] of cafs.entries()) {
      on(day);
      if (i === 0) {
        await as(practitioner.token)
          .post(`/api/v1/cases/${caseId}/consent`, {
            givenBy: 'Parent',
            relationship: 'parent',
            givenAt: `${day}T09:00:00Z`,
            scope: ['assessment', 'information_sharing'],
          })
          .expect(201);
      }
      version = await completeCaf(caseId, levels, version);
      if (i === 0) {
        const suggested = (await as(practitioner.token).get(`/api/v1/cases/${caseId}`).expect(200))
          .body.suggestedTier;
        await as(practitioner.token)
          .post(`/api/v1/cases/${caseId}/tier`, { tier: suggested })
          .expect(200);
        await as(practitioner.token)
          .post(`/api/v1/cases/${caseId}/tac/members`, {
            userId: colleague.id,
            role: 'Parenting practitioner',
          })
          .expect(201);
      }
    }
    return caseId;
  }

  async function serviceItem(caseId: string, serviceCode: string, startedOn: string) {
    on('2011-05-02');
    const item = await as(practitioner.token)
      .post(`/api/v1/cases/${caseId}/action-items`, {
        need: 'general_health',
        action: 'A place on the programme',
        ownerUserId: colleague.id,
        dueDate: '2011-09-30',
        serviceCode,
      })
      .expect(201);
    expect(item.body.serviceCode).toBe(serviceCode);
    on(startedOn);
    const started = await as(practitioner.token)
      .patch(`/api/v1/action-items/${item.body.id}`, {
        status: 'in_progress',
        version: item.body.version,
      })
      .expect(200);
    expect(started.body.startedOn).toBe(startedOn);
    return started.body as { id: string; version: number };
  }

  beforeAll(async () => {
    t = await startTestApp();
    clock = t.app.get(Clock);
    admin = await t.adminToken();
    const agency = (await createAgency(t)).id;
    const care = (await createAgency(t, 'social_care')).id;
    const northLocality = await createLocality(t);
    north = northLocality.id;
    south = (await createLocality(t)).id;
    northCode = (await as(admin).get(`/api/v1/localities/${north}`).expect(200)).body.code;
    practitioner = await createUser(t, 'practitioner', { agencyId: agency, localityIds: [north] });
    colleague = await createUser(t, 'practitioner', { agencyId: agency, localityIds: [north] });
    manager = await createUser(t, 'locality_manager', {
      agencyId: agency,
      localityIds: [north, south],
    });
    social = await createUser(t, 'social_care', { agencyId: care, localityIds: [north, south] });
    performance = await createUser(t, 'performance_manager', {
      agencyId: agency,
      localityIds: [north],
    });

    const areas: [string, string, string[], number | null][] = [
      [north, 'A1', ['TW3 1', 'tw32'], 500],
      [north, 'A2', ['TW4 1'], 200],
      [south, 'A3', ['SW1 1'], 1000],
      [south, 'A4', ['SW1 2'], null],
    ];
    for (const [localityId, code, postcodeSectors, aged0to4] of areas) {
      const area = await as(admin)
        .post(`/api/v1/localities/${localityId}/areas`, {
          name: `Area ${code} ${process.pid}`,
          code: `${code}${process.pid}`.slice(0, 20),
          postcodeSectors,
        })
        .expect(201);
      if (aged0to4 !== null) {
        await as(admin)
          .put(`/api/v1/areas/${area.body.id}/population`, {
            year: 2011,
            bands: { '0-4': aged0to4, '5-9': 100, '10-15': 100, '16-17': 50 },
          })
          .expect(200);
      }
    }

    on('2011-05-10');
    const referredChildren: [string, Parameters<typeof child>[1], number][] = [
      [
        north,
        { dateOfBirth: '2008-01-01', gender: 'female', ethnicity: 'WBRI', postcode: 'TW3 1AA' },
        1,
      ],
      [
        north,
        { dateOfBirth: '2008-01-01', gender: 'male', ethnicity: 'WBRI', postcode: 'tw3 2ab' },
        1,
      ],
      [north, { dateOfBirth: '2008-01-01', gender: 'female', ethnicity: 'WBRI' }, 2],
      [north, { dateOfBirth: '2008-01-01', gender: 'male', ethnicity: 'WBRI' }, 2],
      [
        north,
        { dateOfBirth: '2000-01-01', gender: 'female', ethnicity: 'APKN', disability: true },
        2,
      ],
      [north, { dateOfBirth: '2004-06-01', gender: 'male', ethnicity: 'BAFR' }, 7],
      [north, { dateOfBirth: '1994-06-01', gender: 'unknown' }, 5],
      [
        south,
        { dateOfBirth: '2009-01-01', gender: 'female', ethnicity: 'MWBC', postcode: 'SW1 1AB' },
        2,
      ],
    ];
    for (const [localityId, details, times] of referredChildren) {
      for (let i = 0; i < times; i++) {
        await referred(await child(localityId, details, manager));
      }
    }

    // Needs reduced and service starts.
    reviewedCase = await reviewed([
      ['2011-04-05', [2, 2, 1]],
      ['2011-05-03', [1, 1, 0]],
    ]);
    const triple = await serviceItem(reviewedCase, 'triple_p', '2011-05-05');
    const conference = await serviceItem(reviewedCase, 'family_group_conference', '2011-05-06');
    const worse = await reviewed([
      ['2011-04-05', [1, 1, 0]],
      ['2011-05-03', [1, 1, 1]],
    ]);
    const later = await serviceItem(worse, 'triple_p', '2011-07-04');
    const once = await reviewed([['2011-04-06', [2, 1, 1]]]);
    // The Complex Care Panel hears R1 (no lead professional) and R2 (one appointed the day
    // before); the step-up/step-down panel hears R3, which does not count for the indicator.
    on('2011-05-09');
    await as(practitioner.token)
      .put(`/api/v1/cases/${worse}/lead-professional`, { userId: colleague.id, reason: 'Leads' })
      .expect(200);
    on('2011-05-10');
    for (const [caseId, panel] of [
      [reviewedCase, 'complex_care'],
      [worse, 'complex_care'],
      [once, 'step_up_step_down'],
    ] as const) {
      await as(manager.token)
        .post(`/api/v1/cases/${caseId}/panels`, {
          panel,
          heardOn: '2011-05-10',
          outcome: 'continue_early_help',
        })
        .expect(201);
    }
    on('2011-06-15');
    for (const [caseId, items] of [
      [reviewedCase, [triple, conference]],
      [worse, []],
      [once, []],
    ] as const) {
      for (const item of items) {
        await as(practitioner.token)
          .patch(`/api/v1/action-items/${item.id}`, {
            status: 'implemented',
            version: item.version + 0,
          })
          .expect(200);
      }
      await as(manager.token)
        .post(`/api/v1/cases/${caseId}/close`, { reason: 'other', note: 'Closed' })
        .expect(200);
    }
    void later;
    jest.restoreAllMocks();
  }, 240_000);
  afterAll(() => t.close());

  type Item = {
    code: string;
    metric: string;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
    suppressed: boolean;
    commentary: string | null;
    groups?: {
      group: string;
      numerator: number | null;
      denominator: number | null;
      value: number | null;
      suppressed: boolean;
    }[];
  };
  async function kpis(token: string, query: string): Promise<Map<string, Item>> {
    const response = await as(token).get(`/api/v1/kpis?period=${QUARTER}${query}`).expect(200);
    return new Map((response.body.items as Item[]).map((item) => [item.code, item]));
  }
  const cells = (item: Item | undefined) =>
    Object.fromEntries(
      (item?.groups ?? []).map((g) => [g.group, g.suppressed ? 'suppressed' : g.numerator]),
    );

  it('counts children’s centre areas below 10 referrals of 0–4s per 1,000, of the areas with a population', async () => {
    const expected: [string | undefined, [number, number]][] = [
      [north, [1, 2]],
      [south, [1, 1]],
      [undefined, [2, 3]],
    ];
    for (const [localityId, [numerator, denominator]] of expected) {
      const items = await kpis(admin, localityId ? `&localityId=${localityId}` : '');
      expect(items.get('areas_0_4_referrals_below_10_per_1000')).toMatchObject({
        numerator,
        denominator,
        value: numerator,
        suppressed: false,
      });
    }
  });

  it('counts needs reduced between the first and the latest completed CAF of cases closed in the quarter', async () => {
    const items = await kpis(admin, `&localityId=${north}`);
    expect(items.get('needs_reduced_pct')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
    });
    const progress = await as(practitioner.token)
      .get(`/api/v1/cases/${reviewedCase}/progress`)
      .expect(200);
    expect(progress.body).toMatchObject({
      first: { version: 1 },
      latest: { version: 2 },
      elements: [
        { code: 'general_health', first: 2, latest: 1, change: -1 },
        { code: 'aspirations', first: 1, latest: 0, change: -1 },
        { code: 'wider_family', first: 2, latest: 1, change: -1 },
      ],
      totalFirst: 5,
      totalLatest: 2,
    });
  });

  it('counts the children heard by the Complex Care Panel with a lead professional on the day', async () => {
    const items = await kpis(admin, `&localityId=${north}`);
    expect(items.get('panel_children_with_lead_professional_pct')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 50,
    });
    expect((await kpis(admin, '')).get('panel_children_with_lead_professional_pct')).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    // As a performance manager: 1 of 2 is a small number.
    expect(
      (await kpis(performance.token, '')).get('panel_children_with_lead_professional_pct'),
    ).toMatchObject({ value: null, suppressed: true });
  });

  it('counts service starts of the indicator’s one service in the quarter', async () => {
    expect((await kpis(admin, `&localityId=${north}`)).get('service_starts')).toMatchObject({
      numerator: 1,
      value: 1,
    });
    expect((await kpis(admin, `&localityId=${south}`)).get('service_starts')).toMatchObject({
      numerator: 0,
    });
    expect((await kpis(admin, '')).get('service_starts')).toMatchObject({ numerator: 1 });
  });

  it('refuses an action item naming a service that is not in the directory', async () => {
    on('2011-05-02');
    const response = await as(practitioner.token)
      .post(`/api/v1/cases/${reviewedCase}/action-items`, {
        need: 'general_health',
        action: 'Something',
        ownerUserId: colleague.id,
        dueDate: '2011-09-30',
        serviceCode: 'no_such_service',
      })
      .expect(400);
    expect(response.body.message).toContain('serviceCode no_such_service is not a service');
    jest.restoreAllMocks();
  });

  it('breaks referrals down by ethnic group with the complement hidden beside a lone small group', async () => {
    const northItems = await kpis(performance.token, `&localityId=${north}&breakdown=ethnic_group`);
    expect(northItems.get('referrals')).toMatchObject({ numerator: 20, suppressed: false });
    expect(cells(northItems.get('referrals'))).toEqual({
      White: 6,
      Mixed: 0,
      Asian: 'suppressed',
      Black: 7,
      Other: 0,
      'Not known': 'suppressed',
    });
    const all = await kpis(performance.token, '&breakdown=ethnic_group');
    expect(cells(all.get('referrals'))).toEqual({
      White: 6,
      Mixed: 'suppressed',
      Asian: 'suppressed',
      Black: 7,
      Other: 0,
      'Not known': 5,
    });
  });

  it('breaks down by disability, age band and gender, suppressing as worked out by hand', async () => {
    expect(
      cells((await kpis(performance.token, '&breakdown=disability')).get('referrals')),
    ).toEqual({
      disabled: 'suppressed',
      not_disabled: 'suppressed',
    });
    expect(cells((await kpis(performance.token, '&breakdown=age_band')).get('referrals'))).toEqual({
      '0-4': 8,
      '5-9': 7,
      '10-15': 'suppressed',
      '16-17': 'suppressed',
    });
    expect(cells((await kpis(performance.token, '&breakdown=gender')).get('referrals'))).toEqual({
      female: 7,
      male: 10,
      other: 0,
      unknown: 5,
    });
  });

  it('shows an admin every group as it is, and the groups sum to the total', async () => {
    const item = (await kpis(admin, '&breakdown=ethnic_group')).get('referrals')!;
    expect(cells(item)).toEqual({
      White: 6,
      Mixed: 2,
      Asian: 2,
      Black: 7,
      Other: 0,
      'Not known': 5,
    });
    expect(item.groups!.reduce((sum, g) => sum + (g.numerator ?? 0), 0)).toBe(item.numerator);
  });

  it('breaks a percentage down by its denominators (needs reduced by gender)', async () => {
    const item = (await kpis(admin, `&localityId=${north}&breakdown=gender`)).get(
      'needs_reduced_pct',
    );
    expect(item?.groups).toEqual([
      { group: 'female', numerator: 1, denominator: 2, value: 50, suppressed: false },
      { group: 'male', numerator: 0, denominator: 0, value: null, suppressed: false },
      { group: 'other', numerator: 0, denominator: 0, value: null, suppressed: false },
      { group: 'unknown', numerator: 0, denominator: 0, value: null, suppressed: false },
    ]);
  });

  it('answers 400 naming the metrics that break down for an indicator that does not', async () => {
    const response = await as(admin)
      .get(`/api/v1/kpis?period=${QUARTER}&breakdown=gender&code=referrals_per_10000`)
      .expect(400);
    expect(response.body.message).toMatch(/referrals_per_10000.*has no breakdowns/);
    expect(response.body.message).toContain('caf_initiated');
    expect(response.body.message).toContain('needs_reduced_pct');
    await as(admin).get(`/api/v1/kpis?period=${QUARTER}&breakdown=religion`).expect(400);
  });

  describe('entered indicators and commentary', () => {
    it('takes a figure for an entered indicator, shows it in GET /kpis and the feed, suppressed like the others', async () => {
      const put = (body: object) =>
        as(performance.token).put(
          '/api/v1/plans/current/indicators/children_missing_from_home/values',
          body,
        );
      const first = await put({ period: '2011-05', value: 9, numerator: 9 }).expect(200);
      expect(first.body).toMatchObject({
        period: '2011-05',
        localityId: null,
        value: 9,
        version: 1,
      });
      await put({ period: '2011-06', value: 12, numerator: 12 }).expect(200);
      await put({ period: '2011-06', localityId: north, value: 3, numerator: 3 }).expect(200);
      // The quarter shows its latest month; North's 3 is a small count.
      expect((await kpis(performance.token, '')).get('children_missing_from_home')).toMatchObject({
        numerator: 12,
        value: 12,
        suppressed: false,
      });
      expect(
        (await kpis(performance.token, `&localityId=${north}`)).get('children_missing_from_home'),
      ).toMatchObject({ value: null, suppressed: true });
      expect(
        (await kpis(admin, `&localityId=${north}`)).get('children_missing_from_home'),
      ).toMatchObject({
        value: 3,
      });
      const month = await kpis(performance.token, '').then(() =>
        as(performance.token).get('/api/v1/kpis/feed?period=2011-05').expect(200),
      );
      const row = (
        month.body.rows as { indicatorCode: string; localityCode: string; value: number }[]
      ).find((r) => r.indicatorCode === 'children_missing_from_home' && r.localityCode === 'ALL');
      expect(row).toMatchObject({
        value: 9,
        leadAgency: 'Police',
        monitoredBy: "Children's Trust Board, quarterly",
      });
    });

    it('keeps every version: a replace needs the current version, a stale one is 409', async () => {
      const url = '/api/v1/plans/current/indicators/children_missing_from_care/values';
      await as(admin).put(url, { period: '2011-04', value: 5 }).expect(200);
      await as(admin).put(url, { period: '2011-04', value: 6 }).expect(409);
      await as(admin).put(url, { period: '2011-04', value: 6, version: 7 }).expect(409);
      const replaced = await as(admin)
        .put(url, { period: '2011-04', value: 6, version: 1 })
        .expect(200);
      expect(replaced.body).toMatchObject({ value: 6, version: 2 });
    });

    it('answers 422 for a computed indicator and 400 naming a bad period, value or count', async () => {
      const computed = await as(admin)
        .put('/api/v1/plans/current/indicators/referrals/values', { period: '2011-05', value: 1 })
        .expect(422);
      expect(computed.body.message).toContain('computed by the service');
      const url = '/api/v1/plans/current/indicators/children_missing_from_school/values';
      for (const [body, message] of [
        [{ period: '2030-05', value: 1 }, "outside the plan's years"],
        [{ period: '2011-05', value: 'many' }, 'value must be a number'],
        [
          { period: '2011-05', value: 3, numerator: -1 },
          'numerator is a count and cannot be negative',
        ],
        [{ period: '2011-05' }, 'value'],
      ] as const) {
        const response = await as(admin).put(url, body).expect(400);
        expect(response.body.message).toContain(message);
      }
      await as(practitioner.token).put(url, { period: '2011-05', value: 1 }).expect(403);
      await as(admin)
        .put('/api/v1/plans/current/indicators/no_such_indicator/values', {
          period: '2011-05',
          value: 1,
        })
        .expect(404);
    });

    it('loads a CSV all or nothing, naming every bad row and column', async () => {
      const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
      const send = (text: string) =>
        t
          .http()
          .post('/api/v1/plans/current/values')
          .auth(admin, { type: 'bearer' })
          .set('Content-Type', 'text/csv')
          .send(text);
      const bad = await send(
        csv(
          'period,indicator_code,locality_code,numerator,denominator,value',
          `2011-05,child_protection_plans_two_years,${northCode},,,4`,
          '2011-05,child_protection_plans_two_years,NOWHERE,,,4',
          `2011-05,child_protection_plans_two_years,${northCode},,,5`,
        ),
      ).expect(400);
      expect(bad.body.message).toContain('row 3, column locality_code: NOWHERE is not a locality');
      expect(bad.body.message).toContain('row 4, column period: repeats row 2');
      const header = await send(csv('period,indicator,value', '2011-05,x,1')).expect(400);
      expect(header.body.message).toContain('row 1, column indicator');
      // Nothing of the bad file was stored.
      expect(
        (await kpis(admin, `&localityId=${north}`)).get('child_protection_plans_two_years')?.value,
      ).toBeNull();

      const good = await send(
        csv(
          'period,indicator_code,locality_code,numerator,denominator,value',
          `2011-06,child_protection_plans_two_years,${northCode},,,4`,
          '2011-06,child_protection_plans_two_years,ALL,,,9',
          'FY2011-12,school_attendance_pct,ALL,9300,10000,93',
        ),
      ).expect(200);
      expect(good.body).toEqual({
        rows: 3,
        indicators: ['child_protection_plans_two_years', 'school_attendance_pct'],
        periods: ['2011-06', 'FY2011-12'],
      });
      expect(
        (await kpis(admin, `&localityId=${north}`)).get('child_protection_plans_two_years')?.value,
      ).toBe(4);
      const year = await as(admin).get('/api/v1/kpis?period=FY2011-12').expect(200);
      expect(
        (year.body.items as Item[]).find((i) => i.code === 'school_attendance_pct'),
      ).toMatchObject({ numerator: 9300, denominator: 10000, value: 93 });
    });

    it('carries commentary beside the figure in GET /kpis and the feed', async () => {
      const url = '/api/v1/plans/current/indicators/referrals/commentary';
      await as(performance.token)
        .put(url, { period: QUARTER, text: 'Up after the school-nurse campaign, as planned.' })
        .expect(200);
      await as(performance.token).put(url, { period: QUARTER, text: 'Again' }).expect(409);
      await as(performance.token)
        .put(url, { period: QUARTER, text: 'Up after the campaign, as planned.', version: 1 })
        .expect(200);
      expect((await kpis(performance.token, '')).get('referrals')?.commentary).toBe(
        'Up after the campaign, as planned.',
      );
      const feed = await as(performance.token)
        .get(`/api/v1/kpis/feed?period=${QUARTER}&format=csv`)
        .expect(200);
      expect(feed.text).toContain('Up after the campaign, as planned.');
    });
  });

  it('shows baseline, lead agency, lead officer and who monitors each indicator in GET /plans', async () => {
    const plan = (await as(performance.token).get('/api/v1/plans').expect(200)).body;
    const indicators = plan.themes.flatMap((th: { priorities: { indicators: object[] }[] }) =>
      th.priorities.flatMap((p) => p.indicators),
    );
    expect(indicators).toContainEqual(
      expect.objectContaining({
        code: 'areas_0_4_referrals_below_10_per_1000',
        baseline: { period: 'FY2008-09', value: 22 },
        leadAgency: "Children's Centres",
        monitoredBy: "Children's Trust Board, quarterly",
      }),
    );
    expect(plan).toMatchObject({
      years: { from: 'FY2008-09', to: 'FY2026-27' },
      snapshotAfterWorkingDays: 10,
    });
  });
});
