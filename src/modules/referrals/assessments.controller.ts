import { Body, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import { ApiOperation } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { IdParam } from '../../common/validation/id-param';
import { READERS, MANAGERS, ReferralsApi } from './api';
import { CoreAssessmentsService } from './core-assessments.service';
import { InitialAssessmentsService } from './initial-assessments.service';
import {
  CompleteCoreAssessmentDto,
  CompleteInitialAssessmentDto,
  CoreAssessmentPageView,
  CoreAssessmentView,
  InitialAssessmentPageView,
  InitialAssessmentView,
  StartCoreAssessmentDto,
  StartInitialAssessmentDto,
  UpdateCoreAssessmentDto,
  WorkListQuery,
} from './dto/referral.dto';

@ReferralsApi()
export class AssessmentsController {
  constructor(
    private readonly initial: InitialAssessmentsService,
    private readonly core: CoreAssessmentsService,
  ) {}

  @IdempotentPost('referrals/:id/initial-assessment')
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
    return this.initial.startInitialAssessment(actor, id, body.assignedToUserId);
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
    return this.initial.openInitialAssessments(actor, query);
  }

  @Get('initial-assessments/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'One initial assessment' })
  getInitial(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<InitialAssessmentView> {
    return this.initial.getInitial(actor, id);
  }

  @IdempotentPost('initial-assessments/:id/complete')
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
    return this.initial.completeInitialAssessment(actor, id, body);
  }

  @IdempotentPost('core-assessments')
  @Access('social_care')
  @ApiOperation({
    summary:
      'Start a core assessment from an initial assessment: due 35 working days after commencedAt',
  })
  startCore(
    @CurrentActor() actor: Actor,
    @Body() body: StartCoreAssessmentDto,
  ): Promise<CoreAssessmentView> {
    return this.core.startCoreAssessment(actor, body);
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
    return this.core.openCoreAssessments(actor, query);
  }

  @Get('core-assessments/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'One core assessment' })
  getCore(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CoreAssessmentView> {
    return this.core.getCore(actor, id);
  }

  @Patch('core-assessments/:id')
  @Access('social_care')
  @ApiOperation({ summary: 'Correct commencedAt: the due date is recomputed' })
  updateCore(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateCoreAssessmentDto,
  ): Promise<CoreAssessmentView> {
    return this.core.updateCoreAssessment(actor, id, body);
  }

  @IdempotentPost('core-assessments/:id/complete')
  @HttpCode(200)
  @Access('social_care')
  @ApiOperation({ summary: 'Complete the core assessment; says whether it was in time (NI60)' })
  completeCore(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CompleteCoreAssessmentDto,
  ): Promise<CoreAssessmentView> {
    return this.core.completeCoreAssessment(actor, id, body);
  }
}
