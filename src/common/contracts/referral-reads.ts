import type { Sql } from '../../database/database';

/**
 * What the CAF workflow asks of referrals to children's social care: tier 4 needs a referral
 * for the child; closing `stepped_up` needs a referral from the case that social care accepted
 * (decision `initial_assessment`). The referrals module provides it (`ReferralReadsModule`);
 * the cases module depends on this contract only, because referrals depend on cases (a
 * step-down starts a case). An abstract class so that it is its own injection token.
 */
export abstract class ReferralReads {
  abstract hasReferralForChild(sql: Sql, childId: string): Promise<boolean>;
  abstract hasAcceptedReferralFromCase(sql: Sql, caseId: string): Promise<boolean>;
}
