import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { type FormFields } from '../../../web/forms/service-errors';
import { staleVersionView, type StaleVersionView } from '../../../web/forms/stale-version';
import { PageController } from '../../../web/page-controller';
import { CaseOverviewService, type CaseOverview } from '../case-overview.service';
import { PreAssessmentDto } from '../dto/pre-assessment.dto';
import { PreAssessmentService } from '../pre-assessment.service';
import { CHECKLIST_DOMAINS } from './caf-wording';
import { checked, optionalText, text, whole } from '../../../web/forms/posted-answers';

const FIELDS: FormFields = {
  concernDomains: { id: 'concernDomains', label: 'the domains that raise concern' },
  cafNeeded: { id: 'cafNeeded', label: 'whether a CAF is needed' },
  notes: { id: 'notes', label: 'the notes' },
};

interface ChecklistAnswers {
  concernDomains: string[];
  cafNeeded: string;
  notes: string;
}

/** `/cases/:id/pre-assessment`: the checklist before the CAF (each answer kept, versioned). */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CasePreAssessmentPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly preAssessment: PreAssessmentService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get(':id/pre-assessment')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    const current = view.case.preAssessment;
    const answers = {
      concernDomains: current ? [...current.concernDomains] : [],
      cafNeeded: current ? (current.cafNeeded ? 'yes' : 'no') : '',
      notes: current?.notes ?? '',
    };
    this.render(response, view, answers, current?.version ?? 0, new FormErrors());
  }

  @Post(':id/pre-assessment')
  async record(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: ChecklistAnswers = {
      concernDomains: checked(posted, 'concernDomains'),
      cafNeeded: text(posted, 'cafNeeded'),
      notes: text(posted, 'notes'),
    };
    const version = whole(posted, 'version');
    const errors = new FormErrors();
    if (answers.cafNeeded !== 'yes' && answers.cafNeeded !== 'no') {
      errors.add('cafNeeded', 'Select whether a CAF is needed');
    }
    const notes = optionalText(posted, 'notes');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: PreAssessmentDto,
      input: {
        concernDomains: answers.concernDomains,
        cafNeeded: answers.cafNeeded === 'yes',
        ...(notes ? { notes } : {}),
        version,
      },
      fields: FIELDS,
      firstField: 'concernDomains',
      errors,
      save: async (dto) => {
        await this.preAssessment.record(actor, id, dto);
        return { redirectTo: `/cases/${id}`, flash: { text: 'Pre-assessment checklist saved' } };
      },
      showAgain: async (shown) =>
        this.render(response, await this.overview.overview(actor, id), answers, version, shown),
      showStale: async () => {
        const view = await this.overview.overview(actor, id);
        const latest = await this.overview.lastChange(actor, id, ['pre_assessment.recorded']);
        const current = view.case.preAssessment?.version ?? 0;
        const stale = staleVersionView(
          { ...latest, version: current },
          `/cases/${id}/pre-assessment`,
        );
        this.render(response, view, answers, current, new FormErrors(), stale);
      },
    });
  }

  private render(
    response: Response,
    view: CaseOverview,
    answers: ChecklistAnswers,
    version: number,
    errors: FormErrors,
    stale?: StaleVersionView,
  ): void {
    response.render('case-pre-assessment', {
      pageTitle: 'Pre-assessment checklist',
      caseId: view.case.id,
      childName: view.childName,
      domains: CHECKLIST_DOMAINS.map((d) => ({
        ...d,
        checked: answers.concernDomains.includes(d.value),
      })),
      answers,
      version: Number.isNaN(version) ? 0 : version,
      errors,
      stale,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
