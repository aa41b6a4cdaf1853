import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { IdParam } from '../../../common/validation/id-param';
import {
  dateInputItems,
  datePartsFrom,
  parseDateInput,
  type DateParts,
} from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { optionalText, text } from '../../../web/forms/posted-answers';
import { type FormFields } from '../../../web/forms/service-errors';
import { refusalShown } from '../../../web/forms/refusal-page';
import { PageController } from '../../../web/page-controller';
import { PANEL_OUTCOMES } from '../../panels/domain/panels';
import { RecordHearingDto } from '../../panels/dto/panel.dto';
import { PanelsService } from '../../panels/panels.service';
import { CaseOverviewService } from '../case-overview.service';
import { PANEL_OUTCOME_LABELS } from './panel-wording';

const FIELDS: FormFields = {
  panel: { id: 'panel', label: 'the panel' },
  heardOn: { id: 'heardOn-day', label: 'the date the panel heard the case' },
  outcome: { id: 'outcome', label: 'the outcome' },
  notes: { id: 'notes', label: 'the notes' },
};

interface HearingAnswers {
  panel: string;
  heardOn: DateParts;
  outcome: string;
  notes: string;
}

/**
 * `/cases/:id/panels/new` "Record panel hearing": which panel (config/panels.yaml), the day it
 * heard the case, the outcome and notes. The lead professional or a locality manager, as the
 * panels service rules: anyone else who may see the case gets its refusal (403).
 */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CasePanelPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly panels: PanelsService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get(':id/panels/new')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    await refusalShown(response, async () => {
      await this.panels.assertMayRecord(actor, id);
      const answers = {
        panel: '',
        heardOn: { day: '', month: '', year: '' },
        outcome: '',
        notes: '',
      };
      await this.render(actor, id, response, answers, new FormErrors());
    });
  }

  @Post(':id/panels/new')
  async record(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: HearingAnswers = {
      panel: text(posted, 'panel'),
      heardOn: datePartsFrom(posted, 'heardOn'),
      outcome: text(posted, 'outcome'),
      notes: text(posted, 'notes'),
    };
    await refusalShown(response, async () => {
      // Refused before the answers are checked: the form is not theirs to see again.
      await this.panels.assertMayRecord(actor, id);
      const today = this.clock.today();
      const date = parseDateInput('heardOn', answers.heardOn, {
        label: 'Date the panel heard the case',
        latest: {
          iso: today,
          message: 'Date the panel heard the case must be today or in the past',
        },
      });
      const errors = new FormErrors();
      if (answers.panel === '') errors.add('panel', 'Select the panel');
      if (date.error) errors.add(date.error.field, date.error.text);
      if (answers.outcome === '') errors.add('outcome', 'Select the outcome');
      const notes = optionalText(posted, 'notes');
      await this.submitter.submit({
        request,
        response,
        userId: actor.id,
        dto: RecordHearingDto,
        input: {
          panel: answers.panel || this.panels.panels()[0]?.code,
          heardOn: date.iso ?? today,
          outcome: answers.outcome || 'other',
          ...(notes ? { notes } : {}),
        },
        fields: FIELDS,
        firstField: 'panel',
        errors,
        save: async (hearing) => {
          await this.panels.record(actor, id, hearing);
          return { redirectTo: `/cases/${id}#panels`, flash: { text: 'Panel hearing recorded' } };
        },
        showAgain: (shown) => this.render(actor, id, response, answers, shown, date.invalid),
      });
    });
  }

  private async render(
    actor: Actor,
    id: string,
    response: Response,
    answers: HearingAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    response.render('case-panel-new', {
      pageTitle: 'Record panel hearing',
      caseId: id,
      childName: view.childName,
      panels: this.panels.panels().map((p) => ({
        value: p.code,
        text: p.name,
        checked: answers.panel === p.code,
      })),
      outcomes: PANEL_OUTCOMES.map((outcome) => ({
        value: outcome,
        text: PANEL_OUTCOME_LABELS[outcome],
        checked: answers.outcome === outcome,
      })),
      answers,
      dateItems: dateInputItems(answers.heardOn, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#heardOn-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
