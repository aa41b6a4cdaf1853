import { Body, Get, HttpCode, Patch, Put, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import { ApiOperation } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { PageQuery } from '../../common/pagination/page';
import { IdParam } from '../../common/validation/id-param';
import { READERS, MANAGERS, ReferralsApi } from './api';
import {
  CorrectDecisionDto,
  CreateReferralDto,
  DecisionDto,
  QueuePageView,
  ReferralListQuery,
  ReferralPageView,
  ReferralView,
  UpdateReferralDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';
import { ClosureDto } from './dto/census-fields.dto';

@ReferralsApi()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @IdempotentPost('referrals')
  @Access(...READERS)
  @ApiOperation({
    summary:
      'Refer a child to children’s social care (a practitioner from a case they are linked to)',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateReferralDto): Promise<ReferralView> {
    return this.referrals.create(actor, body);
  }

  @Get('referrals/queue')
  @Access(...MANAGERS)
  @ApiOperation({
    summary: 'Referrals awaiting a decision, oldest first, with the working days each has waited',
  })
  queue(@CurrentActor() actor: Actor, @Query() query: PageQuery): Promise<QueuePageView> {
    return this.referrals.queue(actor, query);
  }

  @Get('referrals')
  @Access(...READERS)
  @ApiOperation({ summary: 'Referrals you may see, newest referral date first' })
  list(@CurrentActor() actor: Actor, @Query() query: ReferralListQuery): Promise<ReferralPageView> {
    return this.referrals.list(actor, query);
  }

  @Get('referrals/:id')
  @Access(...READERS)
  @ApiOperation({
    summary: 'A referral with its decisions (corrections keep the first) and initial assessment',
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ReferralView> {
    return this.referrals.get(actor, id);
  }

  @Patch('referrals/:id')
  @Access(...MANAGERS)
  @ApiOperation({
    summary:
      'Correct the referral date: re-referral status and the initial assessment’s due date follow',
  })
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateReferralDto,
  ): Promise<ReferralView> {
    return this.referrals.updateReferredAt(actor, id, body);
  }

  @IdempotentPost('referrals/:id/decision')
  @HttpCode(200)
  @Access('social_care')
  @ApiOperation({
    summary:
      'Social care’s decision, recorded once; step_down_early_help starts or links a CAF case',
  })
  decide(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: DecisionDto,
  ): Promise<ReferralView> {
    return this.referrals.decide(actor, id, body);
  }

  @IdempotentPost('referrals/:id/decision/correction')
  @HttpCode(200)
  @Access('social_care')
  @ApiOperation({
    summary: 'Correct a decision explicitly, with a reason; the first decision is kept',
  })
  correct(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CorrectDecisionDto,
  ): Promise<ReferralView> {
    return this.referrals.correctDecision(actor, id, body);
  }

  @Put('referrals/:id/closure')
  @Access('social_care')
  @ApiOperation({
    summary:
      "Record or correct the census fields of the referral's episode: the reason it closed (RC1–RC9) and its primary need (N0–N9), with version",
  })
  closure(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: ClosureDto,
  ): Promise<ReferralView> {
    return this.referrals.setClosure(actor, id, body);
  }
}
