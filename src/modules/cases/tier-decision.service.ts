import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ReferralReads } from '../../common/contracts/referral-reads';
import { Database, Sql } from '../../database/database';
import { applyRule, CaseChanges } from './case-changes';
import { CaseDetail, CasesService } from './cases.service';
import { CaseRow, CasesRepository } from './cases.repository';
import { activatesCase, assertAllowed, tierDecisionStatus } from './domain/case-lifecycle';
import type { TierDecisionDto, TierReviewDto } from './dto/case.dto';

/**
 * The tier of a case: the lead's decision (one other than the suggestion waits for a locality
 * manager's review; tier 4 needs a referral to social care), and the activation a tier of 2 or
 * more brings.
 */
@Injectable()
export class TierDecisionService {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly changes: CaseChanges,
    private readonly referrals: ReferralReads,
    private readonly clock: Clock,
  ) {}

  async decideTier(actor: Actor, id: string, input: TierDecisionDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'decide_tier'));
      const status = applyRule(() => tierDecisionStatus(input.tier, c.suggestedTier, input.reason));
      if (input.tier === 4 && !(await this.referrals.hasReferralForChild(sql, c.childId))) {
        throw new DomainError(
          'RULE_VIOLATED',
          'Tier 4 needs a referral to children’s social care for the child first',
        );
      }
      if (await this.cases.pendingTierDecision(sql, id)) {
        throw new DomainError(
          'INVALID_STATE',
          'A tier decision is waiting for a locality manager’s confirmation',
        );
      }
      const decision = await this.cases.insertTierDecision(sql, id, {
        tier: input.tier,
        suggestedTier: c.suggestedTier,
        reason: input.reason ?? null,
        decidedBy: actor.id,
        status: status === 'confirmed' ? 'confirmed' : 'pending',
      });
      await this.changes.record(sql, actor, c, 'tier.decided', {
        tier: input.tier,
        suggestedTier: c.suggestedTier,
        status,
      });
      if (status === 'confirmed')
        await this.applyTier(sql, actor, c, decision.id, input.tier, null);
      return this.casesService.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  /** A locality manager confirms or rejects a tier decision that differs from the suggestion. */
  async reviewTier(actor: Actor, id: string, input: TierReviewDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'confirm_tier'));
      const pending = await this.cases.pendingTierDecision(sql, id);
      if (!pending)
        throw new DomainError('INVALID_STATE', 'No tier decision is waiting for confirmation');
      if (!input.confirm) await this.cases.rejectTier(sql, pending.id, actor.id);
      // The review first: its audit row is the request's, listing the activation it brings.
      await this.changes.record(sql, actor, c, input.confirm ? 'tier.confirmed' : 'tier.rejected', {
        tier: pending.tier,
      });
      if (input.confirm) await this.applyTier(sql, actor, c, pending.id, pending.tier, actor.id);
      return this.casesService.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  private async applyTier(
    sql: Sql,
    actor: Actor,
    c: CaseRow,
    decisionId: string,
    tier: number,
    reviewer: string | null,
  ): Promise<void> {
    const today = this.clock.today();
    await this.cases.applyTier(sql, c.id, decisionId, today, reviewer);
    const activate = activatesCase(c.status, tier);
    await this.changes.update(sql, c, { tier, ...(activate ? { status: 'active' as const } : {}) });
    if (activate) {
      await this.cases.recordStatus(sql, c.id, 'active', today, actor.id, null);
      await this.changes.record(sql, actor, c, 'case.activated', { tier });
    }
  }
}
