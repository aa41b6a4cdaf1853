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
import { type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { NOTE_KINDS } from '../../notes/domain/note-kinds';
import { CreateNoteDto } from '../../notes/dto/note.dto';
import { NotesService } from '../../notes/notes.service';
import { CaseOverviewService } from '../case-overview.service';
import { NOTE_KIND_LABELS } from './note-wording';
import { text } from '../../../web/forms/posted-answers';

const FIELDS: FormFields = {
  kind: { id: 'kind', label: 'what kind of note this is' },
  occurredAt: { id: 'occurredAt-day', label: 'the date it happened' },
  text: { id: 'text', label: 'the note' },
};

interface NoteAnswers {
  kind: string;
  occurredAt: DateParts;
  text: string;
  significant: boolean;
}

/** `/cases/:id/notes/new` "Add note": what kind, when it happened, the text, significant or not. */
@PageController('cases')
@Access('practitioner', 'locality_manager', 'social_care')
export class CaseNotePageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly notes: NotesService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get(':id/notes/new')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const answers = {
      kind: '',
      occurredAt: { day: '', month: '', year: '' },
      text: '',
      significant: false,
    };
    await this.render(actor, id, response, answers, new FormErrors());
  }

  @Post(':id/notes/new')
  async add(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: NoteAnswers = {
      kind: text(posted, 'kind'),
      occurredAt: datePartsFrom(posted, 'occurredAt'),
      text: text(posted, 'text'),
      significant: text(posted, 'significant') === 'yes',
    };
    const today = this.clock.today();
    const date = parseDateInput('occurredAt', answers.occurredAt, {
      label: 'Date it happened',
      latest: { iso: today, message: 'Date it happened must be today or in the past' },
    });
    const errors = new FormErrors();
    if (answers.kind === '') errors.add('kind', 'Select what kind of note this is');
    if (date.error) errors.add(date.error.field, date.error.text);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateNoteDto,
      input: {
        kind: answers.kind || 'note',
        occurredAt: date.iso ?? today,
        text: answers.text,
        ...(answers.significant ? { significant: true } : {}),
      },
      fields: FIELDS,
      firstField: 'kind',
      errors,
      save: async (note) => {
        await this.notes.add(actor, id, note);
        return { redirectTo: `/cases/${id}`, flash: { text: 'Note added' } };
      },
      showAgain: (shown) => this.render(actor, id, response, answers, shown, date.invalid),
    });
  }

  private async render(
    actor: Actor,
    id: string,
    response: Response,
    answers: NoteAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    response.render('case-note', {
      pageTitle: 'Add note',
      caseId: id,
      childName: view.childName,
      kinds: NOTE_KINDS.map((kind) => ({
        value: kind,
        text: NOTE_KIND_LABELS[kind],
        checked: answers.kind === kind,
      })),
      answers,
      dateItems: dateInputItems(answers.occurredAt, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#occurredAt-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
