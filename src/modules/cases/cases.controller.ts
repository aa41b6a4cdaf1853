import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { PageQuery } from '../../common/pagination/page';
import { EmptyBody } from '../../common/validation/empty-body';
import { IdParam } from '../../common/validation/id-param';
import { CaseAssessmentService } from './case-assessment.service';
import { CasesService } from './cases.service';
import { TierDecisionService } from './tier-decision.service';
import {
  CaseListQuery,
  CloseCaseDto,
  CreateCaseDto,
  MyCasesQuery,
  RecordConsentDto,
  ReopenCaseDto,
  SaveAssessmentDto,
  TierDecisionDto,
  TierReviewDto,
  WithdrawConsentDto,
} from './dto/case.dto';
import {
  CaseProgressView,
  AssessmentView,
  CaseDetailView,
  CaseEventPageView,
  CasePageView,
  CompletedAssessmentView,
  ConsentView,
  MyCasePageView,
} from './dto/case-view.dto';

const WORKERS = ['practitioner', 'locality_manager'] as const;
const READERS = ['practitioner', 'locality_manager', 'social_care'] as const;

@ApiTags('cases')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case (or child) visible to you' })
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly assessments: CaseAssessmentService,
    private readonly tiers: TierDecisionService,
  ) {}

  @IdempotentPost('cases')
  @Access(...WORKERS)
  @ApiOperation({ summary: 'Start a CAF case for a child you may see' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The child already has an open case' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCaseDto): Promise<CaseDetailView> {
    return this.cases.create(actor, body.childId);
  }

  @Get('cases/mine')
  @Access(...WORKERS)
  @ApiOperation({
    summary: 'My cases (as lead professional by default) with what needs doing next on each',
  })
  mine(@CurrentActor() actor: Actor, @Query() query: MyCasesQuery): Promise<MyCasePageView> {
    return this.cases.mine(actor, query);
  }

  @Get('cases')
  @Access(...READERS)
  @ApiOperation({ summary: 'Cases you may see, newest first' })
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQuery): Promise<CasePageView> {
    return this.cases.list(actor, query);
  }

  @Get('cases/:id')
  @Access(...READERS)
  @ApiOperation({ summary: 'A case with its assessment, consent, TAC, meetings and action plan' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CaseDetailView> {
    return this.cases.get(actor, id);
  }

  @Put('cases/:id/assessment')
  @Access(...WORKERS)
  @ApiOperation({ summary: 'Save the CAF draft; after completion a save starts the next version' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Stale version, or the case’s state does not allow it',
  })
  saveAssessment(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SaveAssessmentDto,
  ): Promise<AssessmentView> {
    return this.assessments.saveAssessment(actor, id, body);
  }

  @Get('cases/:id/assessment/versions')
  @Access(...READERS)
  @ApiOperation({ summary: 'Every version of the CAF, completed ones frozen' })
  assessmentVersions(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
  ): Promise<AssessmentView[]> {
    return this.assessments.assessmentVersions(actor, id);
  }

  @Get('cases/:id/progress')
  @Access(...READERS)
  @ApiOperation({
    summary:
      "The family's distance travelled: the first and the latest completed CAF, element by element",
  })
  @ApiOkResponse({ type: CaseProgressView })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'No completed CAF yet' })
  progress(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<CaseProgressView> {
    return this.assessments.progress(actor, id);
  }

  @IdempotentPost('cases/:id/consent')
  @Access(...WORKERS)
  @ApiOperation({ summary: 'Record the family’s consent: who, relationship, when, scope' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The case’s state does not allow it' })
  recordConsent(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: RecordConsentDto,
  ): Promise<ConsentView> {
    return this.assessments.recordConsent(actor, id, body);
  }

  @IdempotentPost('cases/:id/consent/withdraw')
  @HttpCode(200)
  @Access(...WORKERS)
  @ApiOperation({
    summary:
      'Consent withdrawn: closes the case as consent_withdrawn unless a safeguarding referral was made',
  })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'No consent in force' })
  withdrawConsent(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: WithdrawConsentDto,
  ): Promise<CaseDetailView> {
    return this.assessments.withdrawConsent(actor, id, body);
  }

  @IdempotentPost('cases/:id/assessment/complete')
  @HttpCode(200)
  @Access(...WORKERS)
  @ApiOperation({
    summary:
      'Complete the CAF: freezes this version and suggests a tier, naming the rule that fired',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'No consent to the assessment',
  })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Already completed, or the case’s state does not allow it',
  })
  completeAssessment(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @EmptyBody() _body: Record<string, never>,
  ): Promise<CompletedAssessmentView> {
    return this.assessments.completeAssessment(actor, id);
  }

  @IdempotentPost('cases/:id/tier')
  @HttpCode(200)
  @Access(...WORKERS)
  @ApiOperation({
    summary:
      'Decide the tier; a tier other than the suggestion needs a reason and a locality manager’s confirmation',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Reason missing, CAF not completed, or tier 4 without a referral',
  })
  decideTier(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: TierDecisionDto,
  ): Promise<CaseDetailView> {
    return this.tiers.decideTier(actor, id, body);
  }

  @IdempotentPost('cases/:id/tier/review')
  @HttpCode(200)
  @Access('locality_manager')
  @ApiOperation({ summary: 'Confirm or reject a tier decision that differs from the suggestion' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Nothing waiting for confirmation' })
  reviewTier(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: TierReviewDto,
  ): Promise<CaseDetailView> {
    return this.tiers.reviewTier(actor, id, body);
  }

  @IdempotentPost('cases/:id/close')
  @HttpCode(200)
  @Access(...WORKERS)
  @ApiOperation({ summary: 'Close the case (the lead professional or a locality manager)' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The case’s state does not allow it' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'needs_met with unfinished items, other without a note, …',
  })
  close(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CloseCaseDto,
  ): Promise<CaseDetailView> {
    return this.cases.close(actor, id, body);
  }

  @IdempotentPost('cases/:id/reopen')
  @HttpCode(200)
  @Access(...WORKERS)
  @ApiOperation({ summary: 'Reopen a closed case, once, within 3 months of closure' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'The case is not closed, or the child has another open case',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Already reopened once, or more than 3 months on',
  })
  reopen(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: ReopenCaseDto,
  ): Promise<CaseDetailView> {
    return this.cases.reopen(actor, id, body);
  }

  @Get('children/:id/history')
  @Access(...READERS)
  @ApiOperation({
    summary: 'The child’s page of history: every change to their cases, who and when, newest first',
  })
  childHistory(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: PageQuery,
  ): Promise<CaseEventPageView> {
    return this.cases.childHistory(actor, id, query);
  }
}
