import { Body, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import { ApiOperation } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { IdParam } from '../../common/validation/id-param';
import { MANAGERS, READERS, ReferralsApi } from './api';
import {
  CompleteSingleAssessmentDto,
  SingleAssessmentPageView,
  SingleAssessmentView,
  StartSingleAssessmentDto,
  UpdateSingleAssessmentDto,
} from './dto/census-fields.dto';
import { WorkListQuery } from './dto/referral.dto';
import { SingleAssessmentsService } from './single-assessments.service';

/** The single assessment of a referral under a single-assessment framework (422 under another). */
@ReferralsApi()
export class SingleAssessmentsController {
  constructor(private readonly assessments: SingleAssessmentsService) {}

  @IdempotentPost('referrals/:id/assessment')
  @Access('social_care')
  @ApiOperation({
    summary:
      "Start the single assessment of an accepted referral under a single-assessment framework: due the framework's working days (45) after referredAt",
  })
  start(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: StartSingleAssessmentDto,
  ): Promise<SingleAssessmentView> {
    return this.assessments.start(actor, id, body.assignedToUserId);
  }

  @Get('assessments')
  @Access(...MANAGERS)
  @ApiOperation({
    summary: 'Open single assessments by due date, with working days remaining (negative: overdue)',
  })
  open(
    @CurrentActor() actor: Actor,
    @Query() query: WorkListQuery,
  ): Promise<SingleAssessmentPageView> {
    return this.assessments.open(actor, query);
  }

  @Get('assessments/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'One single assessment' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<SingleAssessmentView> {
    return this.assessments.get(actor, id);
  }

  @Patch('assessments/:id')
  @Access('social_care')
  @ApiOperation({
    summary: 'Correct the start or completion date of a single assessment (with version)',
  })
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateSingleAssessmentDto,
  ): Promise<SingleAssessmentView> {
    return this.assessments.update(actor, id, body);
  }

  @IdempotentPost('assessments/:id/complete')
  @HttpCode(200)
  @Access('social_care')
  @ApiOperation({
    summary:
      'Complete the single assessment: inTime, the census factors and primary need, and the reason the episode closes (RC8/RC9 follow from the outcome)',
  })
  complete(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CompleteSingleAssessmentDto,
  ): Promise<SingleAssessmentView> {
    return this.assessments.complete(actor, id, body);
  }
}
