import { Clock } from '../src/common/clock/clock';
import { parsePeriod } from '../src/modules/kpis/domain/periods';
import { COUNTED_METRICS, KpisRepository } from '../src/modules/kpis/kpis.repository';
import { KpiComputationService } from '../src/modules/kpis/kpi-computation.service';
import { PlansService } from '../src/modules/kpis/plans.service';
import { createTeam, TestUser } from './support/fixtures';
import { TestApp, startTestApp } from './support/test-app';

/** The feed, snapshots, the plan API and who may read indicators (docs/domain.md#access, docs/domain.md#indicators). */
describe('plan indicators: feed, snapshots, plan and access', () => {
  let t: TestApp;
  let admin: string;
  let east: { id: string; code: string };
  let west: { id: string; code: string };
  let social: TestUser;
  let performance: TestUser;
  let eastManager: TestUser;
  let practitioner: TestUser;

  const get = (token: string, url: string) => t.http().get(url).auth(token, { type: 'bearer' });
  const send = (token: string, method: 'post' | 'put' | 'patch', url: string, body: object) =>
    t.http()[method](url).auth(token, { type: 'bearer' }).send(body);

  /** `count` referrals of new children in a locality, on a day (the clock moved there). */
  async function referrals(localityId: string, day: string, count: number): Promise<void> {
    const clock = t.app.get(Clock);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(`${day}T11:00:00Z`));
    try {
      for (let i = 0; i < count; i++) {
        const child = await send(social.token, 'post', '/api/v1/children', {
          givenName: 'Feed',
          familyName: `Child${i}`,
          dateOfBirth: '2003-03-03',
          gender: 'unknown',
          localityId,
        }).expect(201);
        await send(social.token, 'post', '/api/v1/referrals', {
          childId: child.body.id,
          referredAt: day,
          source: 'school',
          reason: 'Concern',
        }).expect(201);
      }
    } finally {
      jest.restoreAllMocks();
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const team = await createTeam(t);
    const codes = await Promise.all(
      [team.localityId, team.otherLocalityId].map(
        async (id) => (await get(admin, `/api/v1/localities/${id}`)).body.code,
      ),
    );
    east = { id: team.localityId, code: codes[0] as string };
    west = { id: team.otherLocalityId, code: codes[1] as string };
    social = await team.add('social_care', { localityIds: [east.id, west.id] });
    performance = team.performanceManager;
    eastManager = team.localityManager;
    practitioner = team.practitioner;
    // FY2011-12-Q1: 6 referrals in East, 2 in West.
    await referrals(east.id, '2011-05-03', 6);
    await referrals(west.id, '2011-05-04', 2);
  });
  afterAll(() => t.close());

  it('publishes the feed as CSV: a header, one row per indicator × locality plus ALL, suppressed', async () => {
    const response = await get(
      performance.token,
      '/api/v1/kpis/feed?period=FY2011-12-Q1&format=csv',
    ).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(
      'period,from,to,indicator_code,metric,title,unit,locality_id,locality_code,locality_name,numerator,denominator,value,target,rag,suppressed,snapshot_id,snapshot_taken_at,baseline_period,baseline_value,lead_agency,lead_officer,monitored_by,commentary',
    );
    expect(lines[lines.length - 1]).toBe(''); // CRLF after the last row
    const plan = (await get(admin, '/api/v1/plans').expect(200)).body;
    const indicators = plan.themes.flatMap((th: { priorities: { indicators: unknown[] }[] }) =>
      th.priorities.flatMap((p) => p.indicators),
    ).length;
    const rows = lines.slice(1, -1);
    // Localities created by other tests in this database are rows too: at least East, West and ALL.
    expect(rows.length % indicators).toBe(0);
    const referralsRow = (code: string) =>
      rows.find((line) => line.includes(',referrals,') && line.includes(`,${code},`));
    const board =
      ",,,Children's Social Care,Head of Children's Social Care,\"Children's Trust Board, quarterly\",";
    expect(referralsRow('ALL')).toMatch(new RegExp(`,ALL,All localities,8,,8,,,false,,${board}$`));
    expect(referralsRow(east.code)).toMatch(new RegExp(`,6,,6,,,false,,${board}$`));
    expect(referralsRow(west.code)).toMatch(new RegExp(`,,,,,,true,,${board}$`)); // 2 referrals: suppressed
    // A title with a comma is quoted (RFC 4180).
    expect(rows.some((line) => line.includes('"Referrals per 10,000 children aged 0–17"'))).toBe(
      true,
    );
  });

  it('publishes the same feed as JSON', async () => {
    const response = await get(performance.token, '/api/v1/kpis/feed?period=FY2011-12-Q1').expect(
      200,
    );
    expect(response.body).toMatchObject({
      period: 'FY2011-12-Q1',
      from: '2011-04-01',
      to: '2011-06-30',
      snapshot: null,
    });
    const west2 = response.body.rows.find(
      (r: { indicatorCode: string; localityId: string }) =>
        r.indicatorCode === 'referrals' && r.localityId === west.id,
    );
    expect(west2).toMatchObject({ numerator: null, value: null, suppressed: true });
  });

  it('answers 400 naming a bad period, 404 for an unknown locality', async () => {
    for (const period of ['2011-13', 'FY2011-12-Q5', 'FY2011-13', 'Q1-2011']) {
      const response = await get(admin, `/api/v1/kpis?period=${period}`).expect(400);
      expect(response.body.message).toContain(`"${period}"`);
    }
    await get(admin, '/api/v1/kpis').expect(400);
    await get(admin, '/api/v1/kpis/feed?period=nope').expect(400);
    await get(admin, '/api/v1/kpis/feed?period=FY2011-12&format=xml').expect(400);
    await get(
      admin,
      `/api/v1/kpis?period=FY2011-12&localityId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
    ).expect(404);
    await get(admin, '/api/v1/kpis?period=FY2011-12&localityId=not-a-uuid').expect(400);
  });

  it('lets only performance managers, locality managers and admins read indicators, unless the plan grants more', async () => {
    for (const url of [
      '/api/v1/plans',
      '/api/v1/kpis?period=2011-05',
      '/api/v1/kpis/feed?period=2011-05',
      '/api/v1/kpis/snapshots?period=2011-05',
    ]) {
      await get(practitioner.token, url).expect(403);
      await get(social.token, url).expect(403);
      await get(performance.token, url).expect(200);
      await get(eastManager.token, url).expect(200);
      await get(admin, url).expect(200);
      await t.http().get(url).expect(401);
    }
    for (const [method, url, body] of [
      ['post', '/api/v1/kpis/snapshots', { period: '2011-05' }],
      ['put', '/api/v1/plans/current', { yaml: 'x', version: 1 }],
      ['patch', '/api/v1/plans/current/indicators/referrals', { targets: {}, version: 1 }],
    ] as const) {
      for (const user of [practitioner, social, performance, eastManager]) {
        await send(user.token, method, url, body).expect(403);
      }
    }

    // The plan grants social care workers: they read, suppressed.
    const plan = (await get(admin, '/api/v1/plans').expect(200)).body;
    const yaml = await import('js-yaml');
    const { readFileSync } = await import('node:fs');
    const document = yaml.load(readFileSync('config/plans/default.yaml', 'utf8')) as Record<
      string,
      unknown
    >;
    const granted = await send(admin, 'put', '/api/v1/plans/current', {
      plan: { ...document, alsoVisibleTo: ['social_care'] },
      version: plan.version,
    }).expect(200);
    expect(granted.body).toMatchObject({
      source: 'admin',
      version: plan.version + 1,
      alsoVisibleTo: ['social_care'],
    });
    const seen = await get(
      social.token,
      `/api/v1/kpis?period=FY2011-12-Q1&localityId=${west.id}`,
    ).expect(200);
    expect(seen.body.items.find((i: { code: string }) => i.code === 'referrals')).toMatchObject({
      suppressed: true,
    });
    await get(practitioner.token, '/api/v1/plans').expect(403);
    // Back to the shipped plan, as YAML text.
    await send(admin, 'put', '/api/v1/plans/current', {
      yaml: readFileSync('config/plans/default.yaml', 'utf8'),
      version: plan.version + 1,
    }).expect(200);
  });

  it('edits targets with the plan version, and refuses a stale version or a bad plan', async () => {
    const plan = (await get(admin, '/api/v1/plans').expect(200)).body;
    const edited = await send(admin, 'patch', '/api/v1/plans/current/indicators/re_referral_pct', {
      targets: { 'FY2011-12': 30, 'FY2013-14': null },
      version: plan.version,
    }).expect(200);
    const indicator = edited.body.themes
      .flatMap((th: { priorities: { indicators: { code: string; targets: object }[] }[] }) =>
        th.priorities.flatMap((p) => p.indicators),
      )
      .find((i: { code: string }) => i.code === 're_referral_pct');
    expect(indicator.targets).toEqual({
      'FY2010-11': 25,
      'FY2011-12': 30,
      'FY2012-13': 20,
      'FY2024-25': 18,
      'FY2025-26': 18,
      'FY2026-27': 18,
    });
    const values = await get(admin, '/api/v1/kpis?period=FY2011-12-Q1').expect(200);
    expect(
      values.body.items.find((i: { code: string }) => i.code === 're_referral_pct').target,
    ).toBe(30);

    await send(admin, 'patch', '/api/v1/plans/current/indicators/re_referral_pct', {
      targets: { 'FY2011-12': 31 },
      version: plan.version,
    }).expect(409);
    await send(admin, 'patch', '/api/v1/plans/current/indicators/nope', {
      targets: { 'FY2011-12': 31 },
      version: edited.body.version,
    }).expect(404);
    await send(admin, 'patch', '/api/v1/plans/current/indicators/re_referral_pct', {
      targets: { '2011': 31 },
      version: edited.body.version,
    }).expect(400);
    const bad = await send(admin, 'put', '/api/v1/plans/current', {
      plan: {
        id: 'x',
        name: 'x',
        themes: [
          {
            code: 'a',
            title: 'A',
            priorities: [
              {
                code: 'p',
                title: 'P',
                indicators: [
                  {
                    code: 'i',
                    title: 'I',
                    metric: 'not_a_metric',
                    frequency: 'quarterly',
                    polarity: 'higher_is_better',
                  },
                ],
              },
            ],
          },
        ],
      },
      version: edited.body.version,
    }).expect(400);
    expect(bad.body.message).toContain('themes[0].priorities[0].indicators[0].metric');
    const unknownPanel = await send(admin, 'put', '/api/v1/plans/current', {
      plan: {
        id: 'x',
        name: 'x',
        themes: [
          {
            code: 'a',
            title: 'A',
            priorities: [
              {
                code: 'p',
                title: 'P',
                indicators: [
                  {
                    code: 'heard',
                    title: 'Heard',
                    metric: 'panel_children_with_lead_professional_pct',
                    panel: 'no_such_panel',
                    frequency: 'quarterly',
                    polarity: 'higher_is_better',
                  },
                ],
              },
            ],
          },
        ],
      },
      version: edited.body.version,
    }).expect(400);
    expect(unknownPanel.body.message).toContain(
      'themes[0].priorities[0].indicators[0].panel no_such_panel is not a panel of panels.yaml',
    );
    expect((await get(admin, '/api/v1/plans').expect(200)).body.version).toBe(edited.body.version);
  });

  it('shares one computation among concurrent requests for the same period', async () => {
    const service = t.app.get(KpiComputationService);
    const counts = jest.spyOn(t.app.get(KpisRepository), 'counts');
    try {
      const plan = await t.app.get(PlansService).get();
      const period = parsePeriod('FY2011-12-Q2');
      const [first, second] = await Promise.all([
        service.computeNow(period, plan),
        service.computeNow(period, plan),
      ]);
      expect(second).toBe(first);
      expect(counts).toHaveBeenCalledTimes(COUNTED_METRICS.length);
      await service.computeNow(period, plan); // afterwards: computed afresh
      expect(counts).toHaveBeenCalledTimes(2 * COUNTED_METRICS.length);
    } finally {
      counts.mockRestore();
    }
  });

  it('snapshots a closed period, serves it from the snapshot despite late data, and keeps the old one on recompute', async () => {
    const before = await get(admin, '/api/v1/kpis?period=FY2011-12-Q1').expect(200);
    const count = (body: { items: { code: string; value: number | null }[] }) =>
      body.items.find((i) => i.code === 'referrals')!.value;
    expect(count(before.body)).toBe(8);

    await send(admin, 'post', '/api/v1/kpis/snapshots', { period: 'FY2030-31-Q1' }).expect(422);
    const first = await send(admin, 'post', '/api/v1/kpis/snapshots', {
      period: 'FY2011-12-Q1',
    }).expect(201);
    expect(first.body).toMatchObject({
      period: 'FY2011-12-Q1',
      supersedes: null,
      takenAt: expect.any(String),
    });
    expect(first.body.computeMs).toEqual(expect.any(Number));
    await send(admin, 'post', '/api/v1/kpis/snapshots', { period: 'FY2011-12-Q1' }).expect(409);

    await referrals(east.id, '2011-06-01', 1); // late data for the closed quarter
    const served = await get(admin, '/api/v1/kpis?period=FY2011-12-Q1').expect(200);
    expect(count(served.body)).toBe(8);
    expect(served.body.snapshot).toEqual({ id: first.body.id, takenAt: first.body.takenAt });
    const feed = await get(
      performance.token,
      '/api/v1/kpis/feed?period=FY2011-12-Q1&format=csv',
    ).expect(200);
    expect(feed.text.split('\r\n')[1]).toContain(`,${first.body.id},${first.body.takenAt}`);

    const second = await send(admin, 'post', '/api/v1/kpis/snapshots', {
      period: 'FY2011-12-Q1',
      recompute: true,
    }).expect(201);
    expect(second.body.supersedes).toBe(first.body.id);
    expect(count((await get(admin, '/api/v1/kpis?period=FY2011-12-Q1').expect(200)).body)).toBe(9);
    const list = await get(performance.token, '/api/v1/kpis/snapshots?period=FY2011-12-Q1').expect(
      200,
    );
    expect(list.body).toEqual([
      expect.objectContaining({ id: second.body.id, current: true }),
      expect.objectContaining({ id: first.body.id, current: false }),
    ]);
  });
});
