import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { CaseOverviewService, type CaseOverview } from '../case-overview.service';
import { TierDecisionDto, TierReviewDto } from '../dto/case.dto';
import { TierDecisionService } from '../tier-decision.service';
import { TIER_LABELS } from './caf-wording';
import { optionalText, text, whole } from '../../../web/forms/posted-answers';

const FIELDS: FormFields = {
  tier: { id: 'tier', label: 'the tier', messages: { 'must not be less': 'Select the tier' } },
  reason: {
    id: 'reason',
    label: 'the reason',
    messages: { 'is required when': 'Enter why the tier differs from the suggested tier' },
  },
};
const REVIEW_FIELDS: FormFields = {
  confirm: { id: 'confirm', label: 'whether you confirm the tier' },
  note: { id: 'note', label: 'the reason' },
};

/**
 * `/cases/:id/tier` "Record tier decision" (a reason when it differs from the suggestion), and,
 * for a locality manager, the confirmation of a decision that waits for one.
 */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CaseTierPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly tiers: TierDecisionService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get(':id/tier')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    if (view.case.pendingTierDecision) {
      this.renderPending(actor, response, view, {}, new FormErrors());
      return;
    }
    this.renderDecision(response, view, {}, new FormErrors());
  }

  @Post(':id/tier')
  async decide(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { tier: text(posted, 'tier'), reason: text(posted, 'reason') };
    const errors = new FormErrors();
    if (answers.tier === '') errors.add('tier', 'Select the tier');
    const reason = optionalText(posted, 'reason');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: TierDecisionDto,
      input: { tier: whole(posted, 'tier'), ...(reason ? { reason } : {}) },
      fields: FIELDS,
      firstField: 'tier',
      errors,
      save: async (dto) => {
        const c = await this.tiers.decideTier(actor, id, dto);
        return {
          redirectTo: `/cases/${id}`,
          flash: {
            text:
              c.pendingTierDecision !== null
                ? 'Tier decision recorded: it now waits for a locality manager’s confirmation'
                : 'Tier decision recorded',
          },
        };
      },
      showAgain: async (shown) =>
        this.renderDecision(response, await this.overview.overview(actor, id), answers, shown),
    });
  }

  @Post(':id/tier/review')
  @Access('locality_manager')
  async review(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { confirm: text(posted, 'confirm'), note: text(posted, 'note') };
    const errors = new FormErrors();
    if (answers.confirm !== 'yes' && answers.confirm !== 'no') {
      errors.add('confirm', 'Select whether you confirm the tier');
    }
    if (answers.confirm === 'no' && answers.note.trim() === '') {
      errors.add('note', 'Enter why you do not confirm the tier');
    }
    const note = optionalText(posted, 'note');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: TierReviewDto,
      input: { confirm: answers.confirm === 'yes', ...(note ? { note } : {}) },
      fields: REVIEW_FIELDS,
      firstField: 'confirm',
      errors,
      save: async (dto) => {
        await this.tiers.reviewTier(actor, id, dto);
        return {
          redirectTo: `/cases/${id}`,
          flash: {
            text: dto.confirm
              ? 'Tier confirmed'
              : 'Tier not confirmed: the lead professional decides again',
          },
        };
      },
      showAgain: async (shown) =>
        this.renderPending(
          actor,
          response,
          await this.overview.overview(actor, id),
          answers,
          shown,
        ),
    });
  }

  private renderDecision(
    response: Response,
    view: CaseOverview,
    answers: { tier?: string; reason?: string },
    errors: FormErrors,
  ): void {
    const suggested = view.case.suggestedTier;
    response.render('case-tier', {
      pageTitle: 'Record tier decision',
      caseId: view.case.id,
      childName: view.childName,
      suggestedTier: suggested,
      suggestedTierLabel: suggested ? TIER_LABELS[suggested] : undefined,
      tiers: [1, 2, 3, 4].map((tier) => ({
        value: String(tier),
        text: TIER_LABELS[tier],
        hint: tier === suggested ? { text: 'Suggested by the CAF' } : undefined,
        checked: answers.tier === String(tier),
      })),
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderPending(
    actor: Actor,
    response: Response,
    view: CaseOverview,
    answers: { confirm?: string; note?: string },
    errors: FormErrors,
  ): void {
    const pending = view.case.pendingTierDecision!;
    response.render('case-tier-review', {
      pageTitle:
        actor.role === 'locality_manager'
          ? 'Confirm tier decision'
          : 'Tier decision awaiting confirmation',
      caseId: view.case.id,
      childName: view.childName,
      reviewer: actor.role === 'locality_manager',
      pending,
      decidedBy: view.people[pending.decidedBy] ?? '',
      tierLabel: TIER_LABELS[pending.tier],
      suggestedTierLabel: pending.suggestedTier ? TIER_LABELS[pending.suggestedTier] : 'none',
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
