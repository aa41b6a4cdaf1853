import { TestApp, startTestApp } from './support/test-app';
import {
  activeCase as createActiveCase,
  api,
  createLocality,
  createTeam,
  createUser,
  Team,
  TestUser,
} from './support/fixtures';

/**
 * Concurrent writers (docs/domain.md#records-and-versions: "concurrent edits never overwrite each other
 * silently", §4.7 re-referrals). 20 parallel POSTs with one Idempotency-Key are in
 * cross-cutting.e2e-spec.ts.
 */
describe('concurrent writes', () => {
  let t: TestApp;
  let team: Team;
  let east: string;
  let creator: TestUser;
  let colleague: TestUser;
  let social: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t, { locality: 'East' });
    east = team.localityId;
    creator = team.practitioner;
    colleague = await team.add('practitioner');
    social = team.socialCare;
  });
  afterAll(() => t.close());

  async function registerChild(familyName: string): Promise<string> {
    const response = await api(t, creator)
      .post('/children', {
        givenName: 'Concurrent',
        familyName,
        dateOfBirth: '2009-09-09',
        gender: 'unknown',
        localityId: east,
      })
      .expect(201);
    return response.body.id;
  }

  /** An active case (CAF completed, tier 3 decided) with the colleague in its TAC, and no lead professional. */
  const activeCase = async (): Promise<string> =>
    (
      await createActiveCase(t, team, {
        owner: creator,
        lead: false,
        child: {
          givenName: 'Concurrent',
          familyName: 'Casework',
          dateOfBirth: '2009-09-09',
          gender: 'unknown',
        },
        elements: [
          { code: 'speech_language_communication', level: 2 },
          { code: 'housing_employment_financial', level: 2 },
        ],
        consent: { givenBy: 'Parent', givenAt: '2011-04-01' },
        members: [{ user: colleague, role: 'Family support' }],
      })
    ).caseId;

  it('lets exactly one of 50 parallel PATCHes of an action item with the same version win, and stores exactly the winner', async () => {
    const caseId = await activeCase();
    const item = await api(t, creator)
      .post(`/cases/${caseId}/action-items`, {
        need: 'speech_language_communication',
        action: 'Refer to speech therapy',
        ownerUserId: colleague.id,
        dueDate: '2031-06-30',
      })
      .expect(201);
    const writers = Array.from({ length: 50 }, (_, i) => ({
      action: `Plan written by writer ${i}`,
      dueDate: `2031-07-${String((i % 28) + 1).padStart(2, '0')}`,
      status: i % 2 === 0 ? 'in_progress' : 'planned',
    }));
    const results = await Promise.all(
      writers.map((change) =>
        api(t, creator).patch(`/action-items/${item.body.id}`, {
          ...change,
          version: item.body.version,
        }),
      ),
    );

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({
        statusCode: 409,
        message: expect.stringMatching(/stale/),
      });
    }
    const winner = writers[statuses.indexOf(200)];
    const stored = await t.sql.query(
      `SELECT action, to_char(due_date, 'YYYY-MM-DD') AS "dueDate", status, version
       FROM action_items WHERE id = $1`,
      [item.body.id],
    );
    expect(stored.rows).toEqual([{ ...winner, version: item.body.version + 1 }]);
    // One change recorded, once: in the case history and in the audit log.
    const recorded = await t.sql.query(
      `SELECT (SELECT count(*) FROM case_events WHERE case_id = $1 AND type = 'action_item.updated') AS events,
              (SELECT count(*) FROM audit_log WHERE entity_id = $1::text AND action = 'action_item.updated') AS audits`,
      [caseId],
    );
    expect(recorded.rows).toEqual([{ events: 1, audits: 1 }]);
  });

  it('lets exactly one of 50 parallel PATCHes of a user win, its name and localities together', async () => {
    const admin = await t.adminToken();
    const localities = await Promise.all(Array.from({ length: 5 }, () => createLocality(t)));
    const user = await createUser(t, 'practitioner', { localityIds: [east] });
    const writers = Array.from({ length: 50 }, (_, i) => ({
      displayName: `Writer ${i}`,
      localityIds: [localities[i % 5].id],
    }));
    const results = await Promise.all(
      writers.map((change) =>
        api(t, admin).patch(`/users/${user.id}`, { ...change, version: user.version }),
      ),
    );

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = writers[statuses.indexOf(200)];
    const stored = await t.sql.query(
      `SELECT display_name AS "displayName", version,
              ARRAY(SELECT locality_id::text FROM user_localities WHERE user_id = u.id) AS "localityIds"
       FROM users u WHERE id = $1`,
      [user.id],
    );
    expect(stored.rows).toEqual([{ ...winner, version: user.version + 1 }]);
  });

  it('stores both of two referrals for one child made at the same instant, the later a re-referral of the earlier (10 rounds)', async () => {
    const refer = (childId: string, referredAt: string) =>
      api(t, social).post('/referrals', {
        childId,
        referredAt,
        source: 'school',
        reason: 'Concern raised twice',
      });
    for (let round = 0; round < 10; round++) {
      const childId = await registerChild(`Race${round}`);
      const both = await Promise.all([refer(childId, '2014-06-02'), refer(childId, '2014-06-02')]);
      expect({ round, statuses: both.map((r) => r.status) }).toEqual({
        round,
        statuses: [201, 201],
      });
      const earlier = both.find((r) => !r.body.isReReferral);
      const later = both.find((r) => r.body.isReReferral);
      expect({ round, earlier: earlier?.body.previousReferralId, later: later?.body }).toEqual({
        round,
        earlier: null,
        later: expect.objectContaining({ previousReferralId: earlier?.body.id }),
      });

      // The re-referral was recorded after the referral it points to, in the order later
      // look-ups use (referred_at, created_at): the next referral points to the latest one.
      const order = await t.sql.query(
        `SELECT id FROM referrals WHERE child_id = $1 ORDER BY referred_at, created_at, id`,
        [childId],
      );
      expect({ round, order: order.rows.map((r) => r.id) }).toEqual({
        round,
        order: [earlier!.body.id, later!.body.id],
      });
      const third = await refer(childId, '2014-06-02').expect(201);
      expect({ round, previous: third.body.previousReferralId }).toEqual({
        round,
        previous: later!.body.id,
      });
    }
  });
});
