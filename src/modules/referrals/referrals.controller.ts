import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { PageQuery } from '../../common/pagination/page';
import { IdParam } from '../../common/validation/id-param';
import {
  CompleteCoreAssessmentDto,
  CompleteInitialAssessmentDto,
  CoreAssessmentPageView,
  CoreAssessmentView,
  CorrectDecisionDto,
  CreateReferralDto,
  DecisionDto,
  InitialAssessmentPageView,
  InitialAssessmentView,
  QueuePageView,
  ReferralListQuery,
  ReferralPageView,
  ReferralView,
  StartCoreAssessmentDto,
  StartInitialAssessmentDto,
  UpdateCoreAssessmentDto,
  UpdateReferralDto,
  WorkListQuery,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

const READERS = ['practitioner', 'locality_manager', 'social_care'] as const;
const MANAGERS = ['locality_manager', 'social_care'] as const;

@ApiTags('referrals and assessments')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such record visible to you' })
@ApiConflictResponse({
  type: ErrorResponse,
  description: 'Already decided/started/completed, or a stale version',
})
@ApiUnprocessableEntityResponse({
  type: ErrorResponse,
  description: 'A rule is broken (dates in the future or out of order, …)',
})
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post('referrals')
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

  @Post('referrals/:id/decision')
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

  @Post('referrals/:id/decision/correction')
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

  @Post('referrals/:id/initial-assessment')
  @Access('social_care')
  @ApiOperation({
    summary:
      'Start the initial assessment of an accepted referral: due 7 working days after referredAt',
  })
  startInitial(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: StartInitialAssessmentDto,
  ): Promise<InitialAssessmentView> {
    return this.referrals.startInitialAssessment(actor, id, body.assignedToUserId);
  }

  @Get('initial-assessments')
  @Access(...MANAGERS)
  @ApiOperation({
    summary:
      'Open initial assessments by due date, with working days remaining (negative: overdue)',
  })
  openInitial(
    @CurrentActor() actor: Actor,
    @Query() query: WorkListQuery,
  ): Promise<InitialAssessmentPageView> {
    return this.referrals.openInitialAssessments(actor, query);
  }

  @Get('initial-assessments/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'One initial assessment' })
  getInitial(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<InitialAssessmentView> {
    return this.referrals.getInitial(actor, id);
  }

  @Post('initial-assessments/:id/complete')
  @HttpCode(200)
  @Access('social_care')
  @ApiOperation({
    summary: 'Complete the initial assessment with an outcome; says whether it was in time (NI59)',
  })
  completeInitial(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CompleteInitialAssessmentDto,
  ): Promise<InitialAssessmentView> {
    return this.referrals.completeInitialAssessment(actor, id, body);
  }

  @Post('core-assessments')
  @Access('social_care')
  @ApiOperation({
    summary:
      'Start a core assessment from an initial assessment: due 35 working days after commencedAt',
  })
  startCore(
    @CurrentActor() actor: Actor,
    @Body() body: StartCoreAssessmentDto,
  ): Promise<CoreAssessmentView> {
    return this.referrals.startCoreAssessment(actor, body);
  }

  @Get('core-assessments')
  @Access(...MANAGERS)
  @ApiOperation({
    summary: 'Open core assessments by due date, with working days remaining (negative: overdue)',
  })
  openCore(
    @CurrentActor() actor: Actor,
    @Query() query: WorkListQuery,
  ): Promise<CoreAssessmentPageView> {
    return this.referrals.openCoreAssessments(actor, query);
  }

  @Get('core-assessments/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'One core assessment' })
  getCore(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CoreAssessmentView> {
    return this.referrals.getCore(actor, id);
  }

  @Patch('core-assessments/:id')
  @Access('social_care')
  @ApiOperation({ summary: 'Correct commencedAt: the due date is recomputed' })
  updateCore(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateCoreAssessmentDto,
  ): Promise<CoreAssessmentView> {
    return this.referrals.updateCoreAssessment(actor, id, body);
  }

  @Post('core-assessments/:id/complete')
  @HttpCode(200)
  @Access('social_care')
  @ApiOperation({ summary: 'Complete the core assessment; says whether it was in time (NI60)' })
  completeCore(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CompleteCoreAssessmentDto,
  ): Promise<CoreAssessmentView> {
    return this.referrals.completeCoreAssessment(actor, id, body);
  }
}
