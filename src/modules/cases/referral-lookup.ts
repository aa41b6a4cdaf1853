import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';

/**
 * What the CAF workflow needs to know about referrals to children's social care (which the
 * referrals module records): tier 4 needs a referral for the child; `stepped_up` needs a
 * referral from the case that social care accepted (decision `initial_assessment`).
 */
@Injectable()
export class ReferralLookup {
  async hasReferralForChild(sql: Sql, childId: string): Promise<boolean> {
    return (
      (await sql.one('SELECT 1 FROM referrals WHERE child_id = $1 LIMIT 1', [childId])) !==
      undefined
    );
  }

  async hasAcceptedReferralFromCase(sql: Sql, caseId: string): Promise<boolean> {
    const row = await sql.one(
      `SELECT 1 FROM referrals WHERE case_id = $1 AND outcome = 'initial_assessment' LIMIT 1`,
      [caseId],
    );
    return row !== undefined;
  }
}
