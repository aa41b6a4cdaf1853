import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { DomainError } from '../../../common/errors/domain-error';
import {
  dateInputItems,
  datePartsFrom,
  parseDateInput,
  type DateParts,
} from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { formErrorsFrom, type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { text, validated } from '../../../web/forms/posted-answers';
import { LocalitiesService } from '../../localities/localities.service';
import { CalendarService, type MovedDueDate } from '../calendar.service';
import { CreateClosureDto } from '../dto/calendar.dto';

const FIELDS: FormFields = {
  date: { id: 'date-day', label: 'the date' },
  localityId: { id: 'localityId', label: 'where the offices are closed' },
  reason: { id: 'reason', label: 'why the offices are closed' },
};

const KIND_LABELS: Record<MovedDueDate['kind'], string> = {
  initial_assessment: 'Initial assessment',
  core_assessment: 'Core assessment',
  single_assessment: 'Single assessment',
};

interface ClosureAnswers {
  date: DateParts;
  localityId: string;
  reason: string;
}

/**
 * `/admin/closures`, "Closure days": the local closure days, and adding one in two steps: the
 * form, then a check page that says which open assessments' due dates the day will move
 * (found by the calendar's own rules, nothing saved), then "Add closure day" saves it. The
 * check page is the POST's answer, so it works with JavaScript off.
 */
@PageController('admin/closures')
@Access('admin')
export class AdminClosuresPageController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly localities: LocalitiesService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get()
  async show(@Res() response: Response): Promise<void> {
    await this.render(
      response,
      { date: { day: '', month: '', year: '' }, localityId: '', reason: '' },
      new FormErrors(),
    );
  }

  /** Step 1: the answers checked, then the due dates the day would move. */
  @Post()
  async check(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = this.answersFrom(posted);
    const checked = await this.checked(answers);
    if (!checked.dto) {
      response.status(400);
      await this.render(response, answers, checked.errors, checked.invalid);
      return;
    }
    let moved: MovedDueDate[];
    try {
      moved = await this.calendar.previewClosure(actor, checked.dto);
    } catch (error) {
      response.status(422);
      await this.render(response, answers, this.errorsOf(error));
      return;
    }
    const names = await this.localityNames();
    response.status(200);
    response.render('admin-closure-check', {
      pageTitle: 'Check the closure day',
      currentSection: '/admin/closures',
      closure: {
        date: checked.dto.date,
        where: checked.dto.localityId ? names.get(checked.dto.localityId) : 'The whole authority',
        reason: checked.dto.reason,
      },
      answers,
      moved: moved
        .sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id))
        .map((m) => ({
          kind: KIND_LABELS[m.kind],
          locality: names.get(m.localityId) ?? '',
          from: m.from,
          to: m.to,
        })),
      idempotencyKey: newIdempotencyKey(),
    });
  }

  /** Step 2: saved (the due dates move in the same transaction). */
  @Post('confirm')
  async add(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const answers = this.answersFrom((request.body ?? {}) as Record<string, unknown>);
    const form = this.closureForm(answers);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateClosureDto,
      input: form.input,
      fields: FIELDS,
      firstField: 'date-day',
      errors: form.errors,
      save: async (input) => {
        await this.calendar.createClosure(actor, input);
        return { redirectTo: '/admin/closures', flash: { text: 'Closure day added' } };
      },
      refusal: (error) => this.errorsOf(error),
      showAgain: (shown) => this.render(response, answers, shown, form.invalid),
    });
  }

  private answersFrom(posted: Record<string, unknown>): ClosureAnswers {
    return {
      date: datePartsFrom(posted, 'date'),
      localityId: text(posted, 'localityId'),
      reason: text(posted, 'reason'),
    };
  }

  /** The answers as the API's body, with the date boxes' own error. */
  private closureForm(answers: ClosureAnswers): {
    input: object;
    errors: FormErrors;
    invalid: (keyof DateParts)[];
  } {
    const date = parseDateInput('date', answers.date, { label: 'Date' });
    const errors = new FormErrors();
    if (date.error) errors.add(date.error.field, date.error.text);
    const input = {
      // A placeholder while the boxes are wrong, so that the other fields are still checked.
      date: date.iso ?? '2000-01-01',
      ...(answers.localityId ? { localityId: answers.localityId } : {}),
      reason: answers.reason,
    };
    return { input, errors, invalid: date.invalid };
  }

  /** The answers checked by the page and the API's DTO, for the check page (nothing saved). */
  private async checked(
    answers: ClosureAnswers,
  ): Promise<{ dto?: CreateClosureDto; errors: FormErrors; invalid: (keyof DateParts)[] }> {
    const { input, errors, invalid } = this.closureForm(answers);
    let dto: CreateClosureDto | undefined;
    try {
      dto = await validated(CreateClosureDto, input);
    } catch (error) {
      for (const e of formErrorsFrom(error, FIELDS, 'date-day').summary)
        errors.add(e.href.slice(1), e.text);
    }
    return { dto: errors.any ? undefined : dto, errors, invalid };
  }

  private errorsOf(error: unknown): FormErrors {
    if (error instanceof DomainError && error.code === 'ALREADY_EXISTS') {
      return new FormErrors().add('date-day', 'This closure day is already recorded');
    }
    return formErrorsFrom(error, FIELDS, 'date-day');
  }

  private async render(
    response: Response,
    answers: ClosureAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): Promise<void> {
    const names = await this.localityNames();
    const closures = await this.calendar.listClosures({ limit: 200 });
    response.render('admin-closures', {
      pageTitle: 'Closure days',
      currentSection: '/admin/closures',
      closures: closures.items.map((c) => ({
        date: c.date,
        where: c.localityId ? (names.get(c.localityId) ?? '') : 'The whole authority',
        reason: c.reason,
      })),
      more: closures.nextCursor !== null,
      localities: [
        { value: '', text: 'The whole authority', selected: answers.localityId === '' },
        ...[...names].map(([id, name]) => ({
          value: id,
          text: name,
          selected: answers.localityId === id,
        })),
      ],
      answers,
      dateItems: dateInputItems(answers.date, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#date-')),
      errors,
    });
  }

  private async localityNames(): Promise<Map<string, string>> {
    const page = await this.localities.list({ limit: 200 });
    return new Map(page.items.map((l) => [l.id, l.name]));
  }
}
