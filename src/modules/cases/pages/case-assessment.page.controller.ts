import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { formAnswers, newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { type FormFields } from '../../../web/forms/service-errors';
import { staleVersionView, type StaleVersionView } from '../../../web/forms/stale-version';
import { PageController } from '../../../web/page-controller';
import { CaseAssessmentService } from '../case-assessment.service';
import { CaseOverviewService, type CaseOverview } from '../case-overview.service';
import { ELEMENT_CODES } from '../domain/caf-elements';
import { SaveAssessmentDto } from '../dto/case.dto';
import { ELEMENT_NAMES, FORM_DOMAINS, LEVEL_LABELS, TIER_LABELS } from './caf-wording';
import { answersOf, assessmentBodyOf, type AssessmentAnswers as Answers } from './assessment-form';
import { whole } from '../../../web/forms/posted-answers';

const FIELDS: FormFields = {
  strengths: { id: 'strengths', label: 'the child’s and family’s strengths' },
  needsSummary: { id: 'needsSummary', label: 'the summary of needs' },
  childViews: { id: 'childViews', label: 'the child’s views' },
  parentViews: { id: 'parentViews', label: 'the parents’ and carers’ views' },
};
const FIRST_FIELD = ELEMENT_CODES[0];

/**
 * `/cases/:id/assessment`, the CAF form ("Save draft"), and `/cases/:id/complete`: check your
 * answers and "Complete CAF", then the suggested tier with the rule that fired.
 */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CaseAssessmentPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly assessments: CaseAssessmentService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get(':id/assessment')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    this.renderForm(
      response,
      view,
      answersOf(view.case.assessment),
      view.case.assessment?.version ?? 0,
    );
  }

  @Post(':id/assessment')
  async save(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const { body, errors: own } = assessmentBodyOf(posted);
    const answers = formAnswers(posted) as Answers;
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: SaveAssessmentDto,
      input: body,
      fields: FIELDS,
      firstField: FIRST_FIELD,
      errors: new FormErrors(own),
      save: async (dto) => {
        await this.assessments.saveAssessment(actor, id, dto);
        return { redirectTo: `/cases/${id}`, flash: { text: 'CAF draft saved' } };
      },
      showAgain: async (shown) => {
        const view = await this.overview.overview(actor, id);
        this.renderForm(response, view, answers, whole(posted, 'version'), shown);
      },
      showStale: async () => {
        const view = await this.overview.overview(actor, id);
        const latest = await this.overview.lastChange(actor, id, [
          'assessment.saved',
          'assessment.completed',
        ]);
        const version = view.case.assessment?.version ?? 0;
        const stale = staleVersionView({ ...latest, version }, `/cases/${id}/assessment`);
        this.renderForm(response, view, answers, version, new FormErrors(), stale);
      },
    });
  }

  @Get(':id/complete')
  async check(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    if (view.case.assessment?.status === 'completed') {
      this.renderResult(response, view);
      return;
    }
    this.renderCheck(response, view, new FormErrors());
  }

  @Post(':id/complete')
  async complete(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      fields: {},
      firstField: 'consent',
      save: async () => {
        await this.assessments.completeAssessment(actor, id);
        return { redirectTo: `/cases/${id}/complete` };
      },
      showAgain: async (shown) =>
        this.renderCheck(response, await this.overview.overview(actor, id), shown),
    });
  }

  private renderForm(
    response: Response,
    view: CaseOverview,
    answers: Answers,
    version: number,
    errors = new FormErrors(),
    stale?: StaleVersionView,
  ): void {
    response.render('case-assessment', {
      pageTitle: 'CAF assessment',
      caseId: view.case.id,
      childName: view.childName,
      domains: FORM_DOMAINS,
      levels: LEVEL_LABELS,
      answers,
      version: stale ? stale.currentVersion : version,
      completedVersion: view.case.assessment?.status === 'completed',
      errors,
      stale,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderCheck(response: Response, view: CaseOverview, errors: FormErrors): void {
    const assessment = view.case.assessment;
    const levels = new Map((assessment?.elements ?? []).map((e) => [e.code, e]));
    response.render('case-complete', {
      pageTitle: 'Check your answers before completing the CAF',
      caseId: view.case.id,
      childName: view.childName,
      consent: view.case.consent,
      domains: FORM_DOMAINS.map((d) => ({
        ...d,
        elements: d.elements.map((e) => {
          const answer = levels.get(e.code);
          return {
            ...e,
            level: answer ? LEVEL_LABELS[answer.level].text : 'Not assessed',
            notes: answer?.notes,
          };
        }),
      })),
      texts: assessment,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderResult(response: Response, view: CaseOverview): void {
    const assessment = view.case.assessment!;
    response.render('case-completed', {
      pageTitle: 'CAF completed',
      caseId: view.case.id,
      childName: view.childName,
      suggestedTier: assessment.suggestedTier,
      suggestedTierLabel: assessment.suggestedTier ? TIER_LABELS[assessment.suggestedTier] : '',
      rule: assessment.firedRule?.description ?? '',
      elements: (assessment.firedRule?.elements ?? []).map((code) => ELEMENT_NAMES[code]),
      canDecide: view.case.allowedActions.includes('decide_tier') && view.case.tier === null,
    });
  }
}
