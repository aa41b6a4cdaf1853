import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indicator queries that count rows dated in a period (decided, completed) read every
 * matching row's heap page only to learn its locality and outcome or due date: tens of thousands
 * of random page reads a quarter at scale (bench:plans). Carrying those columns in the index
 * makes each an index-only range scan. Each replaces the index it widens, so writes keep one
 * index per table for these dates.
 */
export class CoveringIndicatorIndexes1764900000000 implements MigrationInterface {
  name = 'CoveringIndicatorIndexes1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- step_downs, nfa_pct, referrals_to_initial_assessment_pct: referrals decided in P.
      DROP INDEX referrals_decided_idx;
      CREATE INDEX referrals_decided_idx ON referrals (decided_at, outcome) INCLUDE (locality_id)
        WHERE decided_at IS NOT NULL;
      -- initial_assessments_in_7_days_pct, core_assessments_in_35_days_pct: completed in P.
      DROP INDEX initial_assessments_completed_idx;
      CREATE INDEX initial_assessments_completed_idx ON initial_assessments (completed_at)
        INCLUDE (locality_id, due_date) WHERE completed_at IS NOT NULL;
      DROP INDEX core_assessments_completed_idx;
      CREATE INDEX core_assessments_completed_idx ON core_assessments (completed_at)
        INCLUDE (locality_id, due_date) WHERE completed_at IS NOT NULL;
      -- caf_completed: CAF versions completed in P, joined to their case.
      DROP INDEX assessments_completed_idx;
      CREATE INDEX assessments_completed_idx ON assessments (completed_on) INCLUDE (case_id)
        WHERE status = 'completed';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX referrals_decided_idx;
      CREATE INDEX referrals_decided_idx ON referrals (decided_at, outcome) WHERE decided_at IS NOT NULL;
      DROP INDEX initial_assessments_completed_idx;
      CREATE INDEX initial_assessments_completed_idx ON initial_assessments (completed_at)
        WHERE completed_at IS NOT NULL;
      DROP INDEX core_assessments_completed_idx;
      CREATE INDEX core_assessments_completed_idx ON core_assessments (completed_at)
        WHERE completed_at IS NOT NULL;
      DROP INDEX assessments_completed_idx;
      CREATE INDEX assessments_completed_idx ON assessments (completed_on) WHERE status = 'completed';
    `);
  }
}
