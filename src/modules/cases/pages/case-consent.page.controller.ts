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
import { CaseAssessmentService } from '../case-assessment.service';
import { CaseOverviewService } from '../case-overview.service';
import { RecordConsentDto } from '../dto/case.dto';
import { CONSENT_SCOPES, RELATIONSHIPS } from './caf-wording';
import { checked, text } from '../../../web/forms/posted-answers';

const FIELDS: FormFields = {
  givenBy: { id: 'givenBy', label: 'the name of the person who gave consent' },
  relationship: { id: 'relationship', label: 'their relationship to the child' },
  givenAt: { id: 'givenAt-day', label: 'the date consent was given' },
  scope: {
    id: 'scope',
    label: 'what the consent covers',
    messages: { 'must contain at least': 'Select what the consent covers' },
  },
};

interface ConsentAnswers {
  givenBy: string;
  relationship: string;
  givenAt: DateParts;
  scope: string[];
}

/** `/cases/:id/consent` "Record consent": who gave it, their relationship, when, and its scope. */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CaseConsentPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly assessments: CaseAssessmentService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get(':id/consent')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const answers = {
      givenBy: '',
      relationship: '',
      givenAt: { day: '', month: '', year: '' },
      scope: [],
    };
    await this.render(actor, id, response, answers, new FormErrors());
  }

  @Post(':id/consent')
  async record(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: ConsentAnswers = {
      givenBy: text(posted, 'givenBy'),
      relationship: text(posted, 'relationship'),
      givenAt: datePartsFrom(posted, 'givenAt'),
      scope: checked(posted, 'scope'),
    };
    const date = parseDateInput('givenAt', answers.givenAt, {
      label: 'Date consent was given',
      latest: {
        iso: this.clock.today(),
        message: 'Date consent was given must be today or in the past',
      },
    });
    const errors = new FormErrors();
    if (date.error) errors.add(date.error.field, date.error.text);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: RecordConsentDto,
      input: {
        givenBy: answers.givenBy.trim(),
        relationship: answers.relationship,
        // A date the boxes could not make is already the form's error, in its own words.
        givenAt: date.iso ?? this.clock.today(),
        scope: answers.scope,
      },
      fields: FIELDS,
      firstField: 'givenBy',
      errors,
      save: async (consent) => {
        await this.assessments.recordConsent(actor, id, consent);
        return { redirectTo: `/cases/${id}`, flash: { text: 'Consent recorded' } };
      },
      showAgain: (shown) => this.render(actor, id, response, answers, shown, date.invalid),
    });
  }

  private async render(
    actor: Actor,
    id: string,
    response: Response,
    answers: ConsentAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    response.render('case-consent', {
      pageTitle: 'Record consent',
      caseId: id,
      childName: view.childName,
      current: view.case.consent,
      answers,
      relationships: RELATIONSHIPS.map((r) => ({
        ...r,
        checked: answers.relationship === r.value,
      })),
      scopes: CONSENT_SCOPES.map((s) => ({ ...s, checked: answers.scope.includes(s.value) })),
      dateItems: dateInputItems(answers.givenAt, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#givenAt-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
