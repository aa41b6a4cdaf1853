import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { DomainError } from '../../common/errors/domain-error';
import { validated } from './posted-answers';
import type { Flash } from '../session/web-session';
import { FormErrors } from './form-errors';
import { IdempotentForms } from './idempotent-form';
import { redirectWithFlash } from './post-redirect-get';
import { formErrorsFrom, type FormFields } from './service-errors';
import { isStaleVersion } from './stale-version';

/** Where a saved form goes, and the banner shown there once. */
export interface Saved {
  redirectTo: string;
  flash?: Flash;
}

/** One posted form, from the answers the page read to the page it redirects to. */
export interface Submission<D extends object> {
  request: Request;
  response: Response;
  /** Whose submission it is: a repeated one (a double click) is known by their key. */
  userId: string;
  /**
   * The API's DTO, and the answers in its shape: checked by the API's own validation. A form
   * with nothing to answer (a single button, like "Complete CAF") has neither, and its `save`
   * is given an empty object.
   */
  dto?: new () => D;
  input?: object;
  /** How the API's fields appear on the form, and the field a message naming none goes to. */
  fields: FormFields;
  firstField: string;
  /** What the page found wrong itself (a date's parts, a choice not made), shown with the rest. */
  errors?: FormErrors;
  /** Saves through the service, once however often the form is sent. */
  save: (dto: D) => Promise<Saved>;
  /**
   * A service's refusal in the form's words, when the page says more than the field's message
   * (a rule with a link, say); by default `formErrorsFrom(error, fields, firstField)`.
   */
  refusal?: (error: unknown) => FormErrors | Promise<FormErrors>;
  /** Shows the form again, with the answers as typed, under these errors (the status is set). */
  showAgain: (errors: FormErrors) => Promise<void>;
  /**
   * Shows the form again over a newer version (the status, 409, is set): who changed the
   * record and when. Without it, a stale version is thrown on to the error page.
   */
  showStale?: (error: DomainError) => Promise<void>;
}

/**
 * The one way a page's form is posted: the answers are validated by the API's DTO (a 400 shows
 * the form again, with the page's own errors), saved once per form key, and the user is sent on
 * (post/redirect/get) with a message; a service's refusal shows the form again (422) with the
 * refusal beside the field it names, and a stale version shows who changed the record (409).
 */
@Injectable()
export class FormSubmitter {
  constructor(private readonly forms: IdempotentForms) {}

  async submit<D extends object>(submission: Submission<D>): Promise<void> {
    const { request, response, fields, firstField } = submission;
    const errors = new FormErrors();
    submission.errors?.summary.forEach((e) => errors.add(e.href.slice(1), e.text));
    let dto: D | undefined;
    try {
      dto = submission.dto ? await validated(submission.dto, submission.input ?? {}) : ({} as D);
    } catch (error) {
      // (A field the page has a message for already keeps the page's.)
      for (const e of formErrorsFrom(error, fields, firstField).summary) {
        errors.add(e.href.slice(1), e.text);
      }
    }
    if (!dto || errors.any) {
      response.status(400);
      await submission.showAgain(errors);
      return;
    }
    const valid = dto;
    let saved: Saved;
    try {
      saved = await this.forms.once(submission.userId, request.path, request.body, () =>
        submission.save(valid),
      );
    } catch (error) {
      if (isStaleVersion(error) && submission.showStale) {
        response.status(409);
        await submission.showStale(error);
        return;
      }
      const refused = submission.refusal
        ? await submission.refusal(error)
        : formErrorsFrom(error, fields, firstField);
      response.status(422);
      await submission.showAgain(refused);
      return;
    }
    await redirectWithFlash(request, response, saved.redirectTo, saved.flash);
  }
}
