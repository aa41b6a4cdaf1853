import { TestApp, startTestApp } from './support/test-app';
import { createAgency, createLocality, createUser, TestUser } from './support/fixtures';
import { xmllintErrors } from './support/xmllint';

/**
 * The Children in Need census return and its errors list, on data entered through the API
 * (with a few records put in directly, as older systems' data arrives, where the API itself
 * would refuse them).
 */
describe('the Children in Need census return', () => {
  let t: TestApp;
  let east: string;
  let social: TestUser;
  let performance: TestUser;
  let admin: string;
  let manager: TestUser;
  const children: Record<string, string> = {};

  const get = (token: string, url: string) => t.http().get(url).auth(token, { type: 'bearer' });
  const post = (user: TestUser, url: string, body: object) =>
    t.http().post(url).auth(user.token, { type: 'bearer' }).send(body);

  async function child(name: string, ethnicity?: string, body: object = {}): Promise<string> {
    const response = await post(social, '/api/v1/children', {
      givenName: name,
      familyName: 'Census',
      dateOfBirth: '2016-02-01',
      gender: 'female',
      localityId: east,
      ...(ethnicity === undefined ? {} : { ethnicity }),
      ...body,
    }).expect(201);
    children[name] = response.body.id;
    return response.body.id;
  }

  async function referral(childId: string, referredAt: string, body: object = {}): Promise<string> {
    return (
      await post(social, '/api/v1/referrals', {
        childId,
        referredAt,
        source: 'police',
        reason: 'Concern raised',
        ...body,
      }).expect(201)
    ).body.id;
  }

  const decide = (id: string, outcome: string, decidedAt: string) =>
    post(social, `/api/v1/referrals/${id}/decision`, { outcome, decidedAt }).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    east = (await createLocality(t, 'Census East')).id;
    const care = (await createAgency(t, 'social_care')).id;
    social = await createUser(t, 'social_care', { agencyId: care, localityIds: [east] });
    performance = await createUser(t, 'performance_manager', {
      agencyId: care,
      localityIds: [east],
    });
    manager = await createUser(t, 'locality_manager', { agencyId: care, localityIds: [east] });
    admin = await t.adminToken();

    // In collection year 2025 (1 April 2024 – 31 March 2025):
    // an episode decided no further action at once;
    const nfa = await referral(await child('Nfa', 'WBRI'), '2024-05-01');
    await decide(nfa, 'no_further_action', '2024-05-02');
    // an initial assessment that led to a core assessment, completed;
    const assessed = await referral(
      await child('Assessed', 'AIND', { disabilities: ['MOB', 'COMM', 'AUT'] }),
      '2024-06-03',
      {
        cinSource: '3A',
      },
    );
    await decide(assessed, 'initial_assessment', '2024-06-03');
    const ia = await post(social, `/api/v1/referrals/${assessed}/initial-assessment`, {
      assignedToUserId: social.id,
    }).expect(201);
    await post(social, `/api/v1/initial-assessments/${ia.body.id}/complete`, {
      completedAt: '2024-06-10',
      outcome: 'core_assessment',
    }).expect(200);
    const ca = await post(social, '/api/v1/core-assessments', {
      initialAssessmentId: ia.body.id,
      commencedAt: '2024-06-11',
      assignedToUserId: social.id,
    }).expect(201);
    await post(social, `/api/v1/core-assessments/${ca.body.id}/complete`, {
      completedAt: '2024-07-20',
    }).expect(200);
    await t.sql.query(
      `UPDATE referrals SET primary_need = 'N1', closure_reason = 'RC7' WHERE id = $1`,
      [assessed],
    );
    await t.sql.query(`UPDATE core_assessments SET factors = '{3A,16A}' WHERE id = $1`, [
      ca.body.id,
    ]);
    // an episode still open on 31 March, referred the year before;
    await referral(await child('Open', 'NOBT'), '2024-03-20');
    // and, outside the year, a child whose only episode closed before 1 April 2024.
    const before = await referral(await child('Before', 'WBRI'), '2023-05-01');
    await decide(before, 'no_further_action', '2023-05-02');
  });
  afterAll(() => t.close());

  it('validates against the census schema, with one Child per child with an episode open in the year', async () => {
    const response = await get(performance.token, '/api/v1/returns/cin-census?collectionYear=2025')
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const xml = response.body as string;
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(xmllintErrors(xml)).toBe('');
    expect(xml.match(/<Child>/g)).toHaveLength(3);
    expect(xml).toContain(`<LAchildID>${children['Nfa']}</LAchildID>`);
    expect(xml).toContain(`<LAchildID>${children['Open']}</LAchildID>`);
    expect(xml).not.toContain(children['Before']);
    expect(xml).toContain('<LEA>999</LEA>');
    expect(xml).toContain('<ReferenceDate>2025-03-31</ReferenceDate>');
    // The referral source derived (police: 6) or recorded (3A); the factors of the core assessment.
    expect(xml).toContain('<ReferralSource>6</ReferralSource>');
    expect(xml).toContain('<ReferralSource>3A</ReferralSource>');
    expect(xml).toContain('<AssessmentFactors>16A</AssessmentFactors>');
    // Ethnicity and Disabilities from the child's DfE codes: several disabilities, each its
    // own Disability in the order recorded; a child with none is written NONE.
    const of = (name: string): string => {
      const start = xml.indexOf(`<LAchildID>${children[name]}</LAchildID>`);
      return xml.slice(start, xml.indexOf('</Child>', start));
    };
    expect(of('Assessed')).toContain('<Ethnicity>AIND</Ethnicity>');
    expect(of('Assessed')).toMatch(
      /<Disabilities>\s*<Disability>MOB<\/Disability>\s*<Disability>COMM<\/Disability>\s*<Disability>AUT<\/Disability>\s*<\/Disabilities>/,
    );
    expect(of('Assessed').match(/<Disabilities>/g)).toHaveLength(1);
    expect(of('Nfa')).toContain('<Ethnicity>WBRI</Ethnicity>');
    expect(of('Nfa')).toMatch(/<Disabilities>\s*<Disability>NONE<\/Disability>\s*<\/Disabilities>/);
    // No further action at the decision: ReferralNFA, closed with RC8.
    expect(xml).toMatch(
      /<CINclosureDate>2024-05-02<\/CINclosureDate>\s*<ReasonForClosure>RC8<\/ReasonForClosure>\s*<ReferralNFA>true<\/ReferralNFA>/,
    );
  });

  it('writes one audit row per child in the return', async () => {
    await get(admin, '/api/v1/returns/cin-census?collectionYear=2025').expect(200);
    const { rows } = await t.sql.query<{ child_id: string; n: string }>(
      `SELECT child_id, count(*) AS n FROM audit_log
       WHERE action = 'cin_census.read' AND actor_user_id = (SELECT id FROM users WHERE email = $1)
       GROUP BY child_id`,
      ['admin@test.continuum'],
    );
    expect(rows.map((r) => r.child_id).sort()).toEqual(
      [children['Nfa'], children['Assessed'], children['Open']].sort(),
    );
    expect(rows.map((r) => Number(r.n))).toEqual([1, 1, 1]);
  });

  it('returns a year of more children than one read of the cursor: each once, in order, each audited once', async () => {
    // 600 children (the service reads 250 at a time) with one episode each, open only in
    // collection year 2020 (1 April 2019 – 31 March 2020); every other one's ethnicity not obtained.
    const { rows: made } = await t.sql.query<{ id: string; ethnicity: string }>(
      `INSERT INTO children (given_name, family_name, name_key, date_of_birth, gender, locality_id,
                             ethnicity, created_by)
       SELECT 'Batch', 'Census ' || n, 'batch census ' || n, c.date_of_birth, c.gender,
              c.locality_id, CASE WHEN n % 2 = 0 THEN 'NOBT' ELSE 'WBRI' END, c.created_by
       FROM children c, generate_series(1, 600) AS n WHERE c.id = $1
       RETURNING id, ethnicity`,
      [children['Nfa']],
    );
    await t.sql.query(
      `INSERT INTO referrals (child_id, locality_id, referred_at, source, reason, referrer_user_id,
                              is_re_referral, cin_source, outcome, decided_at, episode_ended_on)
       SELECT made, r.locality_id, DATE '2019-06-03', r.source, r.reason, r.referrer_user_id,
              false, '3A', 'no_further_action', DATE '2019-06-04', DATE '2019-06-04'
       FROM referrals r, unnest($2::uuid[]) AS made WHERE r.child_id = $1`,
      [children['Nfa'], made.map((c) => c.id)],
    );
    const audited = async (action: string) =>
      (
        await t.sql.query<{ child_id: string }>(
          `SELECT child_id FROM audit_log
           WHERE action = $1 AND details ->> 'collectionYear' = '2020' ORDER BY child_id`,
          [action],
        )
      ).rows.map((r) => r.child_id);
    const ids = made.map((c) => c.id).sort();

    const census = await get(admin, '/api/v1/returns/cin-census?collectionYear=2020').expect(200);
    const returned = [...census.text.matchAll(/<LAchildID>([^<]+)<\/LAchildID>/g)].map((m) => m[1]);
    expect(returned).toEqual(ids);
    expect(await audited('cin_census.read')).toEqual(ids);

    // The errors list audits the children it names, and only them, batch by batch too.
    const errors = await get(admin, '/api/v1/returns/cin-census/errors?collectionYear=2020').expect(
      200,
    );
    const named = [...new Set(errors.body.items.map((f: { childId: string }) => f.childId))];
    const notObtained = made.filter((c) => c.ethnicity === 'NOBT').map((c) => c.id);
    expect(named).toEqual(expect.arrayContaining(notObtained));
    expect(await audited('cin_census_errors.read')).toEqual((named as string[]).sort());
  });

  it.each([['25'], ['2025-26'], ['twenty'], ['1999'], [''], ['2025&x=1']])(
    'answers 400 naming collectionYear for %j',
    async (year) => {
      const response = await get(
        performance.token,
        `/api/v1/returns/cin-census?collectionYear=${encodeURIComponent(year)}`,
      ).expect(400);
      expect(response.body.message).toMatch(/collectionYear/);
    },
  );

  it('answers 400 for a year with no child to return (the schema needs one Child)', async () => {
    const response = await get(
      performance.token,
      '/api/v1/returns/cin-census?collectionYear=2015',
    ).expect(400);
    expect(response.body.message).toContain('collectionYear 2015 has no child');
  });

  it('is for performance managers and admins only', async () => {
    await get(manager.token, '/api/v1/returns/cin-census?collectionYear=2025').expect(403);
    await get(social.token, '/api/v1/returns/cin-census/errors?collectionYear=2025').expect(403);
  });

  describe('the errors list', () => {
    let broken: Record<string, string>;

    beforeAll(async () => {
      broken = {};
      // Factors on an assessment not authorised (open).
      const a = await referral(await child('Factors', 'WBRI'), '2024-09-02');
      await decide(a, 'initial_assessment', '2024-09-02');
      const ia = await post(social, `/api/v1/referrals/${a}/initial-assessment`, {
        assignedToUserId: social.id,
      }).expect(201);
      await t.sql.query(`UPDATE initial_assessments SET factors = '{4B}' WHERE id = $1`, [
        ia.body.id,
      ]);
      broken['factors'] = ia.body.id;
      // ReferralNFA true with an assessment (a decision corrected in an older system).
      const b = await referral(await child('NfaAssessed', 'WBRI'), '2024-09-02');
      await decide(b, 'initial_assessment', '2024-09-02');
      await post(social, `/api/v1/referrals/${b}/initial-assessment`, {
        assignedToUserId: social.id,
      }).expect(201);
      await t.sql.query(
        `UPDATE referrals SET outcome = 'no_further_action', episode_ended_on = decided_at WHERE id = $1`,
        [b],
      );
      broken['nfa'] = b;
      // A closed episode without a reason or a primary need (core assessment completed).
      const c = await referral(await child('NoReason', 'WBRI'), '2024-10-01');
      await decide(c, 'initial_assessment', '2024-10-01');
      const cia = await post(social, `/api/v1/referrals/${c}/initial-assessment`, {
        assignedToUserId: social.id,
      }).expect(201);
      await post(social, `/api/v1/initial-assessments/${cia.body.id}/complete`, {
        completedAt: '2024-10-08',
        outcome: 'services_provided',
      }).expect(200);
      broken['noReason'] = c;
      // A referral date after the closure date, and an assessment before its referral.
      const d = await referral(await child('Dates', 'WBRI'), '2024-11-04');
      await decide(d, 'initial_assessment', '2024-11-04');
      await post(social, `/api/v1/referrals/${d}/initial-assessment`, {
        assignedToUserId: social.id,
      }).expect(201);
      await t.sql.query(
        `UPDATE referrals SET referred_at = '2024-11-20', episode_ended_on = '2024-11-10',
           primary_need = 'N4', closure_reason = 'RC7' WHERE id = $1`,
        [d],
      );
      broken['dates'] = d;
      // Ethnicity never recorded (NOBT), and disabled with no disability code recorded.
      await referral(await child('Uncoded', undefined, { disability: true }), '2024-12-02');
    });

    async function findings(format = 'json') {
      return get(
        performance.token,
        `/api/v1/returns/cin-census/errors?collectionYear=2025&format=${format}`,
      ).expect(200);
    }

    it.each([
      [
        'factors on an unauthorised assessment',
        'factors_on_unauthorised_assessment',
        'Factors',
        'factors',
      ],
      ['ReferralNFA true with an assessment', 'referral_nfa_with_assessment', 'NfaAssessed', 'nfa'],
      ['a closed episode without a reason', 'closed_without_reason', 'NoReason', 'noReason'],
      [
        'a closed episode without a primary need',
        'closed_without_primary_need',
        'NoReason',
        'noReason',
      ],
      ['a referral date after the closure date', 'referral_after_closure', 'Dates', 'dates'],
      [
        'an assessment starting before its referral',
        'assessment_before_referral',
        'Dates',
        undefined,
      ],
    ])(
      'catches %s, with the child, the rule and how to mend it',
      async (_what, code, name, subject) => {
        const { body } = await findings();
        const found = body.items.filter(
          (f: { code: string; childId: string }) => f.code === code && f.childId === children[name],
        );
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({
          severity: 'error',
          rule: expect.any(String),
          mend: expect.any(String),
        });
        if (subject) expect(found[0].subjectId).toBe(broken[subject]);
      },
    );

    it('reports ethnicity NOBT as a warning', async () => {
      const { body } = await findings();
      expect(body.items.filter((f: { childId: string }) => f.childId === children['Open'])).toEqual(
        [expect.objectContaining({ code: 'ethnicity_not_obtained', severity: 'warning' })],
      );
    });

    it('reports a disabled child with no disability code as a warning (written DDA), with ethnicity NOBT', async () => {
      const { body } = await findings();
      expect(
        body.items.filter((f: { childId: string }) => f.childId === children['Uncoded']),
      ).toEqual([
        expect.objectContaining({ code: 'ethnicity_not_obtained', severity: 'warning' }),
        expect.objectContaining({
          code: 'disability_not_coded',
          severity: 'warning',
          subjectType: 'child',
          subjectId: children['Uncoded'],
          field: 'Disabilities',
        }),
      ]);
      expect(body.warnings).toBe(3);
      expect(body.errors).toBe(body.items.length - 3);
    });

    it('lists nothing for the records that are right', async () => {
      const { body } = await findings();
      const ids = new Set(body.items.map((f: { childId: string }) => f.childId));
      expect(ids.has(children['Nfa'])).toBe(false);
      expect(ids.has(children['Assessed'])).toBe(false);
    });

    it('gives the same list as CSV', async () => {
      const csv = await findings('csv');
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('severity,code,childId,subjectType,subjectId,field,rule,mend');
      const { body } = await findings();
      expect(lines).toHaveLength(body.items.length + 1);
      expect(
        lines.some((l) =>
          l.startsWith(`warning,disability_not_coded,${children['Uncoded']},child,`),
        ),
      ).toBe(true);
    });

    it('still validates against the schema with the broken records in it', async () => {
      const response = await get(
        performance.token,
        '/api/v1/returns/cin-census?collectionYear=2025',
      )
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      const xml = response.body as string;
      expect(xmllintErrors(xml)).toBe('');
      const start = xml.indexOf(`<LAchildID>${children['Uncoded']}</LAchildID>`);
      expect(xml.slice(start, xml.indexOf('</Child>', start))).toMatch(
        /<Ethnicity>NOBT<\/Ethnicity>\s*<Disabilities>\s*<Disability>DDA<\/Disability>\s*<\/Disabilities>/,
      );
    });
  });
});
