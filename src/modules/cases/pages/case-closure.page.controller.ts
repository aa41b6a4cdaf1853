import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { formErrorsFrom, type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { CaseOverviewService, type CaseOverview } from '../case-overview.service';
import { CasesService } from '../cases.service';
import { type ElementCode } from '../domain/caf-elements';
import { CLOSURE_REASONS } from '../domain/case-lifecycle';
import { CloseCaseDto, ReopenCaseDto } from '../dto/case.dto';
import { CLOSURE_REASON_LABELS, isOpenItem, ITEM_STATUS_LABELS } from './action-plan-wording';
import { ELEMENT_NAMES } from './caf-wording';
import { optionalText, text } from '../../../web/forms/posted-answers';

const FIELDS: FormFields = {
  reason: {
    id: 'reason',
    label: 'why the case is closing',
    messages: {
      'action-plan items': 'The case cannot close as needs met while actions are still open',
    },
  },
  note: { id: 'note', label: 'the note', messages: { note: 'Enter why the case is closing' } },
};
const REOPEN_FIELDS: FormFields = {
  reason: { id: 'reason', label: 'why the case is reopened' },
};

/**
 * `/cases/:id/close` (the closure reasons in words; "needs met" refused while actions are open,
 * naming them) and `/cases/:id/reopen` (once, within 3 months): the lead professional or a
 * locality manager, as the cases service rules.
 */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CaseClosurePageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly cases: CasesService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get(':id/close')
  async showClose(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    this.renderClose(response, view, { reason: '', note: '' }, new FormErrors());
  }

  @Post(':id/close')
  async close(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { reason: text(posted, 'reason'), note: text(posted, 'note') };
    const view = await this.overview.overview(actor, id);
    const errors = new FormErrors();
    if (answers.reason === '') errors.add('reason', 'Select why the case is closing');
    if (answers.reason === 'other' && answers.note.trim() === '')
      errors.add('note', 'Enter why the case is closing');
    if (answers.reason === 'needs_met' && openItems(view).length > 0)
      errors.add(
        'reason',
        'The case cannot close as needs met while actions are still open: implement or cancel them first',
      );
    const note = optionalText(posted, 'note');
    let current = view;
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CloseCaseDto,
      input: { reason: answers.reason, ...(note ? { note } : {}) },
      fields: FIELDS,
      firstField: 'reason',
      errors,
      save: async (dto) => {
        await this.cases.close(actor, id, dto);
        return { redirectTo: `/cases/${id}`, flash: { text: 'Case closed' } };
      },
      // A refused closure shows the case as it is now (its open actions may have changed).
      refusal: async (error) => {
        current = await this.overview.overview(actor, id);
        return formErrorsFrom(error, FIELDS, 'reason');
      },
      showAgain: async (shown) => this.renderClose(response, current, answers, shown),
    });
  }

  @Get(':id/reopen')
  async showReopen(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    this.renderReopen(response, view, { reason: '' }, new FormErrors());
  }

  @Post(':id/reopen')
  async reopen(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { reason: text(posted, 'reason') };
    const errors = new FormErrors();
    if (answers.reason.trim() === '') errors.add('reason', 'Enter why the case is reopened');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: ReopenCaseDto,
      input: { reason: answers.reason },
      fields: REOPEN_FIELDS,
      firstField: 'reason',
      errors,
      save: async (dto) => {
        await this.cases.reopen(actor, id, dto);
        return { redirectTo: `/cases/${id}`, flash: { text: 'Case reopened' } };
      },
      showAgain: async (shown) =>
        this.renderReopen(response, await this.overview.overview(actor, id), answers, shown),
    });
  }

  private renderClose(
    response: Response,
    view: CaseOverview,
    answers: { reason: string; note: string },
    errors: FormErrors,
  ): void {
    response.render('case-close', {
      pageTitle: 'Close the case',
      caseId: view.case.id,
      childName: view.childName,
      closed: view.case.status === 'closed',
      openItems: openItems(view).map((item) => ({
        action: item.action,
        needName: ELEMENT_NAMES[item.need as ElementCode] ?? item.need,
        dueDate: item.dueDate,
        statusLabel: ITEM_STATUS_LABELS[item.status],
      })),
      reasons: CLOSURE_REASONS.map((reason) => ({
        value: reason,
        text: CLOSURE_REASON_LABELS[reason],
        checked: answers.reason === reason,
      })),
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderReopen(
    response: Response,
    view: CaseOverview,
    answers: { reason: string },
    errors: FormErrors,
  ): void {
    const reason = view.case.closureReason;
    response.render('case-reopen', {
      pageTitle: 'Reopen the case',
      caseId: view.case.id,
      childName: view.childName,
      closed: view.case.status === 'closed',
      closedOn: view.case.closedOn,
      closureReason: reason ? CLOSURE_REASON_LABELS[reason] : undefined,
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}

function openItems(view: CaseOverview): CaseOverview['case']['actionItems'] {
  return view.case.actionItems.filter((item) => isOpenItem(item.status));
}
