import { Injectable } from '@nestjs/common';
import { ReferralReads } from '../../common/contracts/referral-reads';
import type { Sql } from '../../database/database';
import { ReferralsRepository } from './referrals.repository';

/** The referrals module's read for the CAF workflow (see `ReferralReads`). */
@Injectable()
export class ReferralReadsService implements ReferralReads {
  constructor(private readonly referrals: ReferralsRepository) {}

  hasReferralForChild(sql: Sql, childId: string): Promise<boolean> {
    return this.referrals.hasReferralForChild(sql, childId);
  }

  hasAcceptedReferralFromCase(sql: Sql, caseId: string): Promise<boolean> {
    return this.referrals.hasAcceptedReferralFromCase(sql, caseId);
  }
}
