import type { Client } from 'pg';

/**
 * Deletes the referrals a bench added (their `reason` starts with `reasonPrefix`) and their
 * reminder rows; their audit rows stay, as the audit log is append-only. Answers how many
 * referrals went.
 */
export async function deleteBenchReferrals(sql: Client, reasonPrefix: string): Promise<number> {
  const pattern = `${reasonPrefix}%`;
  await sql.query(
    `DELETE FROM reminders WHERE subject_id IN (SELECT id FROM referrals WHERE reason LIKE $1)`,
    [pattern],
  );
  // Each deleted referral has its foreign key checked against referrals.previous_referral_id,
  // which nothing else needs indexed (the service never deletes a referral): without an index
  // that is a scan of every referral per row deleted. Indexed for the delete only.
  await sql.query(
    `CREATE INDEX IF NOT EXISTS bench_previous_referral_idx ON referrals (previous_referral_id)
     WHERE previous_referral_id IS NOT NULL`,
  );
  try {
    const deleted = await sql.query(`DELETE FROM referrals WHERE reason LIKE $1`, [pattern]);
    return deleted.rowCount ?? 0;
  } finally {
    await sql.query('DROP INDEX IF EXISTS bench_previous_referral_idx');
  }
}
