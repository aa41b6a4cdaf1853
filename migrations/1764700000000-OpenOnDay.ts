import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Open on day D" as an indexed range (bench:kpis at 300,000 children): a referral's episode
 * in social care gets the day it ended (kept by the service, see referrals/episode.ts), and
 * the case state history an index on the day each state ended, so that the indicators measured
 * on the last day of a period read only what was open then rather than all history.
 */
export class OpenOnDay1764700000000 implements MigrationInterface {
  name = 'OpenOnDay1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE referrals ADD COLUMN episode_ended_on date;
      UPDATE referrals r SET episode_ended_on = CASE
          WHEN r.decided_at IS NULL THEN NULL
          WHEN r.outcome <> 'initial_assessment' THEN r.decided_at
          ELSE (SELECT CASE WHEN ia.completed_at IS NULL THEN NULL
                            WHEN ia.outcome <> 'core_assessment' THEN ia.completed_at
                            ELSE ca.completed_at END
                FROM initial_assessments ia
                LEFT JOIN core_assessments ca ON ca.initial_assessment_id = ia.id
                WHERE ia.referral_id = r.id)
        END;
      CREATE INDEX referrals_episode_open_idx ON referrals (referred_at) INCLUDE (child_id, locality_id)
        WHERE episode_ended_on IS NULL;
      CREATE INDEX referrals_episode_ended_idx ON referrals (episode_ended_on) INCLUDE (referred_at, child_id, locality_id)
        WHERE episode_ended_on IS NOT NULL;
      CREATE INDEX case_status_history_open_until_idx
        ON case_status_history ((coalesce(to_date, 'infinity'::date)), from_date) INCLUDE (case_id)
        WHERE status <> 'closed';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX case_status_history_open_until_idx;
      DROP INDEX referrals_episode_ended_idx;
      DROP INDEX referrals_episode_open_idx;
      ALTER TABLE referrals DROP COLUMN episode_ended_on;
    `);
  }
}
