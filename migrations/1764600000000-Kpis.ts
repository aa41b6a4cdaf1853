import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan indicators (docs/domain.md#indicators): the indexes the metric queries run on (one per query shape in
 * kpis.repository.ts), the plan an admin has loaded or edited (else the default file is the
 * plan), and snapshots of closed periods, kept when recomputed.
 */
export class Kpis1764600000000 implements MigrationInterface {
  name = 'Kpis1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- caf_initiated: cases started in P.
      CREATE INDEX cases_started_on_idx ON cases (started_on) INCLUDE (locality_id);
      -- caf_action_plans_implemented_pct: cases closed in P (every closure, reopened or not).
      CREATE INDEX case_status_history_closed_idx ON case_status_history (from_date, case_id)
        WHERE status = 'closed';
      -- tier3_with_lead_professional_pct, tier_3_4_children: the case's state on day D.
      CREATE INDEX case_status_history_on_day_idx ON case_status_history (case_id, from_date, to_date);
      -- The same for the tier (tier_decisions_tier_idx) and the LP (lead_professionals_validity_idx)
      -- exist already.
      -- referrals, re_referral_pct, step_ups, rates: referrals referred in P.
      CREATE INDEX referrals_referred_on_idx ON referrals (referred_at)
        INCLUDE (locality_id, child_id, case_id, is_re_referral);
      -- tier_3_4_children: referrals whose social care episode may be open on day D.
      CREATE INDEX referrals_open_on_idx ON referrals (referred_at, decided_at, outcome);
      -- caf_to_first_tac_median_working_days: a case's first held meeting.
      CREATE INDEX tac_meetings_case_held_idx ON tac_meetings (case_id, held_on, held_at, id)
        WHERE status = 'held';

      CREATE TABLE kpi_plans (
        id          smallint PRIMARY KEY CHECK (id = 1),
        document    jsonb NOT NULL,
        version     integer NOT NULL,
        updated_by  uuid NOT NULL REFERENCES users (id),
        updated_at  timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE kpi_snapshots (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period        text NOT NULL,
        taken_at      timestamptz NOT NULL DEFAULT now(),
        taken_by      uuid NOT NULL REFERENCES users (id),
        plan_version  integer NOT NULL,
        -- Every indicator for every locality and the authority: counts, target and polarity.
        rows          jsonb NOT NULL,
        -- Set when an admin recomputes the period: the newer snapshot that replaces this one.
        superseded_by uuid REFERENCES kpi_snapshots (id) DEFERRABLE INITIALLY DEFERRED
      );
      CREATE UNIQUE INDEX kpi_snapshots_current ON kpi_snapshots (period) WHERE superseded_by IS NULL;
      CREATE INDEX kpi_snapshots_period_idx ON kpi_snapshots (period, taken_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE kpi_snapshots;
      DROP TABLE kpi_plans;
      DROP INDEX tac_meetings_case_held_idx;
      DROP INDEX referrals_open_on_idx;
      DROP INDEX referrals_referred_on_idx;
      DROP INDEX case_status_history_on_day_idx;
      DROP INDEX case_status_history_closed_idx;
      DROP INDEX cases_started_on_idx;
    `);
  }
}
