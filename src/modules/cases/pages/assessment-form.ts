import { ELEMENT_CODES, type ElementCode, type ElementLevel } from '../domain/caf-elements';
import { ELEMENT_NAMES } from './caf-wording';
import { optionalText, text, whole } from '../../../web/forms/posted-answers';

/**
 * The CAF form's fields and the API's body: an element's level is the radio `<code>`, its
 * notes `<code>-notes`; then the four texts and the hidden `version`.
 */
export const TEXT_FIELDS = ['strengths', 'needsSummary', 'childViews', 'parentViews'] as const;

export type AssessmentAnswers = Record<string, string>;

/** What the form shows of a saved assessment (the case answer's `assessment`). */
export interface SavedAssessment {
  elements: readonly { code: ElementCode; level: number; notes?: string }[];
  strengths: string | null;
  needsSummary: string | null;
  childViews: string | null;
  parentViews: string | null;
}

/** The saved assessment as the form's answers (what a second sitting starts from). */
export function answersOf(assessment: SavedAssessment | null): AssessmentAnswers {
  const answers: AssessmentAnswers = {};
  for (const e of assessment?.elements ?? []) {
    answers[e.code] = String(e.level);
    if (e.notes) answers[`${e.code}-notes`] = e.notes;
  }
  for (const field of TEXT_FIELDS) answers[field] = assessment?.[field] ?? '';
  return answers;
}

/**
 * The posted form as the body of `PUT /cases/:id/assessment`, for the API's own validation. An
 * element without a level is left out (a draft may be partial); notes typed on one are the
 * form's own error, so that they are not lost without a word.
 */
export function assessmentBodyOf(posted: Record<string, unknown>): {
  body: Record<string, unknown>;
  errors: { field: string; text: string }[];
} {
  const elements: { code: ElementCode; level: ElementLevel; notes?: string }[] = [];
  const errors: { field: string; text: string }[] = [];
  for (const code of ELEMENT_CODES) {
    const level = text(posted, code);
    const notes = optionalText(posted, `${code}-notes`);
    if (level === '') {
      if (notes) {
        errors.push({
          field: code,
          text: `Select a level for ${ELEMENT_NAMES[code].toLowerCase()}, or remove its notes`,
        });
      }
      continue;
    }
    elements.push({
      code,
      // Anything but 0–3 goes to the API as typed, for its validation to refuse.
      level: (/^[0-3]$/.test(level) ? Number(level) : level) as ElementLevel,
      ...(notes ? { notes } : {}),
    });
  }
  const body: Record<string, unknown> = { elements, version: whole(posted, 'version') };
  for (const field of TEXT_FIELDS) {
    const value = optionalText(posted, field);
    if (value !== undefined) body[field] = value;
  }
  return { body, errors };
}
