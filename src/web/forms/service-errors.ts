import { DomainError } from '../../common/errors/domain-error';
import { FormErrors } from './form-errors';

/** How one API field appears on a page's form. */
export interface FormField {
  /** The input's id (and name) on the page: where the error summary's link goes. */
  id: string;
  /** The field as a practitioner reads it, in a sentence: "the child’s first name". */
  label: string;
  /** Words for particular rules, by the start of the API's message after the field name. */
  messages?: Record<string, string>;
}

export type FormFields = Record<string, FormField>;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One of the API's validation messages ("givenName is required", "dateOfBirth must be a date
 * in YYYY-MM-DD format") in the words of the page: "Enter the child’s first name".
 */
export function fieldMessage(field: FormField, rule: string): string {
  for (const [start, words] of Object.entries(field.messages ?? {})) {
    if (rule.startsWith(start)) return words;
  }
  if (rule === 'is required' || rule.startsWith('should not be empty')) {
    return `Enter ${field.label}`;
  }
  if (rule.startsWith('must be one of')) return `Select ${field.label}`;
  return `${capitalise(field.label)} ${rule.replace(/\s*\([^)]*\)\s*$/, '')}`;
}

/**
 * A service's refusal as the form's errors: a validation message naming a field goes beside
 * that field; anything else (a rule of the case's state, a missing reference) goes in the
 * summary, linked to the form's first field. Other errors (not found, forbidden, stale
 * version, the database) are not a form's to show: they are thrown on, to the error pages.
 *
 * `firstField` is the id the summary links to for an error that names no field.
 */
export function formErrorsFrom(error: unknown, fields: FormFields, firstField: string): FormErrors {
  if (!(error instanceof DomainError) && !isBadRequest(error)) throw error;
  if (error instanceof DomainError && !FORM_ERROR_CODES.has(error.code)) throw error;
  const errors = new FormErrors();
  for (const part of messageOf(error).split('; ')) {
    const match = /^([A-Za-z][\w.[\]]*)\s+(.+)$/.exec(part);
    const field = match ? fields[match[1]] : undefined;
    if (field && match) errors.add(field.id, fieldMessage(field, match[2]));
    else errors.add(firstField, plainMessage(part));
  }
  return errors;
}

/** The refusals a form shows (the rest are error pages). */
const FORM_ERROR_CODES = new Set([
  'VALIDATION_FAILED',
  'INVALID_STATE',
  'RULE_VIOLATED',
  'UNKNOWN_REFERENCE',
  'ALREADY_EXISTS',
  'CALENDAR_OUT_OF_RANGE',
]);

interface HttpLike {
  getStatus(): number;
  getResponse(): unknown;
  message: string;
}

/** The validation pipe's BadRequestException (a class-validator DTO failure). */
function isBadRequest(error: unknown): error is HttpLike {
  const candidate = error as Partial<HttpLike> | null;
  return (
    typeof candidate?.getStatus === 'function' &&
    typeof candidate.getResponse === 'function' &&
    candidate.getStatus() === 400
  );
}

function messageOf(error: DomainError | HttpLike): string {
  if (error instanceof DomainError) return error.message;
  const response = error.getResponse() as { message?: unknown } | string;
  if (typeof response === 'string') return response;
  const message = response.message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

/** A message that names no field of the form, as a sentence. */
function plainMessage(message: string): string {
  const text = capitalise(message.trim());
  return /[.!?]$/.test(text) ? text : text;
}
