import { FormErrors } from '../../../web/forms/form-errors';
import { text, whole } from '../../../web/forms/posted-answers';
import type { FormFields } from '../../../web/forms/service-errors';
import { parsePeriod, PeriodError } from '../domain/periods';
import type { Frequency } from '../domain/plan';

/** "Set a target": a financial year of the plan and the target (empty: no target that year). */
export interface TargetAnswers {
  year: string;
  target: string;
}

/** "Enter a value" of an entered indicator, as typed; `version` is '' for a new value. */
export interface ValueAnswers {
  period: string;
  localityId: string;
  numerator: string;
  denominator: string;
  value: string;
  version: string;
}

export const TARGET_FIELDS: FormFields = {
  targets: { id: 'target', label: 'the target' },
  version: { id: 'year', label: 'the plan’s version' },
};

export const VALUE_FIELDS: FormFields = {
  period: { id: 'period', label: 'the period' },
  localityId: { id: 'localityId', label: 'the locality' },
  numerator: {
    id: 'numerator',
    label: 'the numerator',
    messages: { 'is a count': 'The numerator is a count of children: enter 0 or more' },
  },
  denominator: {
    id: 'denominator',
    label: 'the denominator',
    messages: { 'is a count': 'The denominator is a count of children: enter 0 or more' },
  },
  value: { id: 'value', label: 'the value' },
  version: { id: 'period', label: 'the version' },
};

/** How each frequency's periods are written, for the period field's hint. */
export const FREQUENCY_PERIOD_HINTS: Record<Frequency, string> = {
  monthly:
    'A month, for example 2026-09 (a quarter or a year can be entered too: FY2026-27-Q2, FY2026-27)',
  quarterly: 'A quarter, for example FY2026-27-Q2 (April to June is Q1)',
  annual: 'A financial year, for example FY2026-27',
};

const NUMBER = /^\d+(\.\d+)?$/;

/** A typed number ("1,200", "94.5"); undefined when empty, NaN when not a number. */
function numberOf(typed: string): number | undefined {
  const bare = typed.trim().replace(/,/g, '');
  if (bare === '') return undefined;
  return NUMBER.test(bare) ? Number(bare) : Number.NaN;
}

/**
 * A posted target: the year one of the plan's, the target a number from 0 or empty (removed);
 * the body of SetTargetsDto (one year) with the plan's version the form was shown with.
 */
export function checkTarget(
  posted: Record<string, unknown>,
  years: readonly string[],
): { answers: TargetAnswers; errors: FormErrors; input: object } {
  const answers = { year: text(posted, 'year'), target: text(posted, 'target').trim() };
  const errors = new FormErrors();
  if (!years.includes(answers.year)) errors.add('year', 'Select the financial year');
  const target = numberOf(answers.target);
  if (Number.isNaN(target) || (target !== undefined && target > 1e9)) {
    errors.add('target', 'Enter the target as a number from 0, like 80 or 94.5, or leave it empty');
  }
  const version = whole(posted, 'version');
  return {
    answers,
    errors,
    input: {
      targets: { [years.includes(answers.year) ? answers.year : years[0]]: target ?? null },
      version: Number.isNaN(version) ? 0 : version,
    },
  };
}

/**
 * A posted value of an entered indicator: the period written as one (the plan's years are the
 * service's rule), the numbers numbers; the body of EnteredValueDto, with the value's version
 * when the form replaces one.
 */
export function checkValue(posted: Record<string, unknown>): {
  answers: ValueAnswers;
  errors: FormErrors;
  input: object;
} {
  const answers: ValueAnswers = {
    period: text(posted, 'period').trim(),
    localityId: text(posted, 'localityId'),
    numerator: text(posted, 'numerator').trim(),
    denominator: text(posted, 'denominator').trim(),
    value: text(posted, 'value').trim(),
    version: text(posted, 'version'),
  };
  const errors = new FormErrors();
  let period = answers.period;
  if (period === '') errors.add('period', 'Enter the period');
  else {
    try {
      period = parsePeriod(period).id;
    } catch (error) {
      if (!(error instanceof PeriodError)) throw error;
      errors.add(
        'period',
        'Enter the period as a month (2026-09), a quarter (FY2026-27-Q2) or a financial year (FY2026-27)',
      );
    }
  }
  const numbers: Record<'numerator' | 'denominator' | 'value', number | undefined> = {
    numerator: numberOf(answers.numerator),
    denominator: numberOf(answers.denominator),
    value: numberOf(answers.value),
  };
  if (numbers.value === undefined) errors.add('value', 'Enter the value');
  for (const [field, n] of Object.entries(numbers)) {
    if (Number.isNaN(n)) errors.add(field, `Enter the ${field} as a number from 0, like 14`);
  }
  const version = whole(posted, 'version');
  const usable = (n: number | undefined): number | undefined =>
    n === undefined || Number.isNaN(n) ? undefined : n;
  return {
    answers,
    errors,
    input: {
      period: errors.field('period') ? 'FY2000-01' : period,
      ...(answers.localityId ? { localityId: answers.localityId } : {}),
      ...(usable(numbers.numerator) === undefined ? {} : { numerator: numbers.numerator }),
      ...(usable(numbers.denominator) === undefined ? {} : { denominator: numbers.denominator }),
      value: usable(numbers.value) ?? 0,
      ...(Number.isNaN(version) ? {} : { version }),
    },
  };
}
