import { Global, Module } from '@nestjs/common';
import { ReferralReads } from '../../common/contracts/referral-reads';
import { ReferralReadsService } from './referral-reads.service';
import { ReferralsRepository } from './referrals.repository';

/**
 * Provides `ReferralReads` to every module. Global so that the cases module needs no import
 * of this one: referrals import cases (a step-down starts a case), and the contract is how
 * cases read referrals without a cycle.
 */
@Global()
@Module({
  providers: [ReferralsRepository, { provide: ReferralReads, useClass: ReferralReadsService }],
  exports: [ReferralReads],
})
export class ReferralReadsModule {}
