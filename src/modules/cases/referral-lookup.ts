import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';

/**
 * What the CAF workflow needs to know about referrals to children's social care: tier 4
 * needs a referral for the child, `stepped_up` a referral from the case that social care
 * accepted. The referrals module provides the implementation that reads them.
 */
export abstract class ReferralLookup {
  abstract hasReferralForChild(sql: Sql, childId: string): Promise<boolean>;
  abstract hasAcceptedReferralFromCase(sql: Sql, caseId: string): Promise<boolean>;
}

/** Until referrals are recorded there are none: tier 4 and stepped_up are refused. */
@Injectable()
export class NoReferralsRecorded extends ReferralLookup {
  async hasReferralForChild(): Promise<boolean> {
    return false;
  }

  async hasAcceptedReferralFromCase(): Promise<boolean> {
    return false;
  }
}
