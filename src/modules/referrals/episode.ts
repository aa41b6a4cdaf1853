import type { Sql } from '../../database/database';

/**
 * The day a referral's episode in children's social care ended, kept on the referral
 * (`episode_ended_on`, null while open) so that "open in social care on day D" is one indexed
 * range: its decision, unless that is an initial assessment; then the initial assessment's
 * completion, unless it leads to a core assessment; then the core assessment's completion; or,
 * under a single-assessment framework, the single assessment's completion.
 * Called after each change to those, with SQL that names the referral from `$1`.
 */
export async function refreshEpisodeEnd(
  sql: Sql,
  referralIdSql: string,
  param: string,
): Promise<void> {
  await sql.exec(
    `UPDATE referrals r SET episode_ended_on = CASE
       WHEN r.decided_at IS NULL THEN NULL
       WHEN r.outcome <> 'initial_assessment' THEN r.decided_at
       ELSE COALESCE(
             (SELECT CASE WHEN ia.completed_at IS NULL THEN NULL
                          WHEN ia.outcome <> 'core_assessment' THEN ia.completed_at
                          ELSE ca.completed_at END
              FROM initial_assessments ia
              LEFT JOIN core_assessments ca ON ca.initial_assessment_id = ia.id
              WHERE ia.referral_id = r.id),
             (SELECT sa.completed_at FROM single_assessments sa WHERE sa.referral_id = r.id))
     END
     WHERE r.id = (${referralIdSql})`,
    [param],
  );
}
