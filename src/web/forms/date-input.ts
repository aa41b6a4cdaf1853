import type { FieldError } from './form-errors';

/** The three boxes of a GOV.UK date input, as typed (kept when the form is shown again). */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface ParsedDate {
  /** `YYYY-MM-DD`, when the parts make a real date that passes the checks. */
  iso?: string;
  parts: DateParts;
  error?: FieldError;
  /** Which boxes to mark as wrong (`govuk-input--error`). */
  invalid: (keyof DateParts)[];
}

export interface DateRules {
  /** In a sentence's start: "Date of birth". */
  label: string;
  /** Refuse a date after this one (`YYYY-MM-DD`), e.g. today for a date of birth. */
  latest?: { iso: string; message: string };
  earliest?: { iso: string; message: string };
  /** Whether an empty date is allowed (answers no iso and no error). */
  optional?: boolean;
}

const PART_NAMES: (keyof DateParts)[] = ['day', 'month', 'year'];

/** The parts posted by `govukDateInput({ id, namePrefix: id })`: `<id>-day`, `<id>-month`, `<id>-year`. */
export function datePartsFrom(body: Record<string, unknown>, id: string): DateParts {
  const read = (part: string): string => {
    const value = body[`${id}-${part}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  return { day: read('day'), month: read('month'), year: read('year') };
}

/** An ISO date as the three boxes (for a form showing a saved value). */
export function datePartsOf(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] };
}

/**
 * A GOV.UK date input's three boxes to an ISO date, with the design system's error messages
 * (https://design-system.service.gov.uk/components/date-input/#error-messages): "Enter date of
 * birth", "Date of birth must include a month", "Date of birth must be a real date", and the
 * caller's own for dates too early or too late. The error links to the first wrong box.
 */
export function parseDateInput(id: string, parts: DateParts, rules: DateRules): ParsedDate {
  const fail = (text: string, invalid: (keyof DateParts)[]): ParsedDate => ({
    parts,
    invalid,
    error: { field: `${id}-${invalid[0] ?? 'day'}`, text },
  });
  const missing = PART_NAMES.filter((name) => parts[name] === '');
  if (missing.length === 3) {
    return rules.optional
      ? { parts, invalid: [] }
      : fail(`Enter ${lowerFirst(rules.label)}`, PART_NAMES);
  }
  if (missing.length > 0) {
    return fail(
      `${rules.label} must include ${joinWithAnd(missing.map((m) => `a ${m}`))}`,
      missing,
    );
  }
  const notNumbers = PART_NAMES.filter((name) => !/^\d+$/.test(parts[name]));
  if (notNumbers.length > 0) return fail(`${rules.label} must be a real date`, notNumbers);
  if (parts.year.length !== 4) return fail(`Year must include 4 numbers`, ['year']);
  const day = Number(parts.day);
  const month = Number(parts.month);
  const year = Number(parts.year);
  if (month < 1 || month > 12) return fail(`${rules.label} must be a real date`, ['month']);
  if (day < 1 || day > daysIn(year, month))
    return fail(`${rules.label} must be a real date`, ['day']);
  const iso = `${parts.year}-${pad(month)}-${pad(day)}`;
  if (rules.latest && iso > rules.latest.iso) return fail(rules.latest.message, PART_NAMES);
  if (rules.earliest && iso < rules.earliest.iso) return fail(rules.earliest.message, PART_NAMES);
  return { iso, parts, invalid: [] };
}

/** The `items` of govukDateInput, with the typed values and the wrong boxes marked. */
export function dateInputItems(
  parts: DateParts,
  invalid: readonly (keyof DateParts)[] = [],
): { name: keyof DateParts; label: string; value: string; classes: string }[] {
  return PART_NAMES.map((name) => ({
    name,
    label: name.charAt(0).toUpperCase() + name.slice(1),
    value: parts[name],
    classes: `govuk-input--width-${name === 'year' ? 4 : 2}${invalid.includes(name) ? ' govuk-input--error' : ''}`,
  }));
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function joinWithAnd(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
