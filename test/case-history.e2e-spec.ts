import { Database } from '../src/database/database';
import { CasesRepository } from '../src/modules/cases/cases.repository';
import { TacRepository } from '../src/modules/cases/tac/tac.repository';
import { TestApp, startTestApp } from './support/test-app';
import { createTeam } from './support/fixtures';

/** "The tier this case had on D" and "did it have an active LP that day" (for the indicators). */
describe('case history with validity dates', () => {
  let t: TestApp;
  let caseId: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const team = await createTeam(t);
    const east = team.localityId;
    const practitioner = team.practitioner;
    userId = practitioner.id;
    const child = await t
      .http()
      .post('/api/v1/children')
      .auth(practitioner.token, { type: 'bearer' })
      .send({
        givenName: 'Dated',
        familyName: 'Child',
        dateOfBirth: '2005-01-01',
        gender: 'male',
        localityId: east,
      })
      .expect(201);
    caseId = (
      await t
        .http()
        .post('/api/v1/cases')
        .auth(practitioner.token, { type: 'bearer' })
        .send({ childId: child.body.id })
        .expect(201)
    ).body.id;
    // A history as the workflow writes it: tier 2 from 2011-04-01, tier 3 from 2011-06-15 (a pending
    // and a rejected decision do not count); an LP from 2011-05-01 to 2011-07-01.
    await t.sql.query(
      `INSERT INTO tier_decisions (case_id, tier, decided_by, status, from_date, to_date) VALUES
         ($1, 2, $2, 'confirmed', '2011-04-01', '2011-06-15'),
         ($1, 3, $2, 'confirmed', '2011-06-15', NULL),
         ($1, 4, $2, 'rejected', NULL, NULL)`,
      [caseId, userId],
    );
    // The practitioner is on the TAC from the case's start, as the assessing practitioner.
    const member = await t.sql.query(
      `SELECT id FROM tac_members WHERE case_id = $1 AND user_id = $2`,
      [caseId, userId],
    );
    await t.sql.query(
      `INSERT INTO lead_professionals (case_id, user_id, member_id, reason, from_date, to_date, assigned_by)
       VALUES ($1, $2, $3, 'First LP', '2011-05-01', '2011-07-01', $2)`,
      [caseId, userId, member.rows[0].id],
    );
  });
  afterAll(() => t.close());

  it.each([
    ['2011-03-31', null],
    ['2011-04-01', 2],
    ['2011-06-14', 2],
    ['2011-06-15', 3],
    ['2012-03-31', 3],
  ])('gives the tier the case had on %s: %s', async (day, tier) => {
    const cases = t.app.get(CasesRepository);
    await expect(t.app.get(Database).read((sql) => cases.tierOn(sql, caseId, day))).resolves.toBe(
      tier,
    );
  });

  it.each([
    ['2011-04-30', false],
    ['2011-05-01', true],
    ['2011-06-30', true],
    ['2011-07-01', false],
  ])('says whether the case had an active lead professional on %s: %s', async (day, had) => {
    const tac = t.app.get(TacRepository);
    await expect(
      t.app.get(Database).read((sql) => tac.hadLeadProfessionalOn(sql, caseId, day)),
    ).resolves.toBe(had);
  });

  it('answers both from an index', async () => {
    await t.sql.query('SET enable_seqscan = off');
    const plan = await t.sql.query(
      `EXPLAIN SELECT tier FROM tier_decisions WHERE case_id = $1 AND status = 'confirmed' AND from_date <= '2011-06-30'
         AND (to_date IS NULL OR to_date > '2011-06-30')`,
      [caseId],
    );
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/tier_decisions_validity_idx/);
    await t.sql.query('RESET enable_seqscan');
  });
});
