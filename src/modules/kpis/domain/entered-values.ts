/**
 * Entered indicators (docs/domain.md#entered-indicators): figures that come from other systems
 * (children missing from home, school attendance) typed in or loaded as CSV. What makes an
 * entered figure acceptable is here; where it is kept is kpis-entered.repository.ts.
 */
import { parse } from 'csv-parse/sync';
import type { Unit } from './catalogue';
import { FEED_COLUMNS } from './feed';
import { parsePeriod, PeriodError, type Period } from './periods';

/** The financial years a plan covers, first and last inclusive (`FY2008-09`). */
export interface PlanYears {
  from: string;
  to: string;
}

export interface EnteredValue {
  period: string;
  /** null: the whole authority. */
  localityId: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number;
}

export interface EnteredInput {
  period: unknown;
  localityId?: unknown;
  numerator?: unknown;
  denominator?: unknown;
  value: unknown;
}

/** Problems are `{field, message}`; the message starts with the field's name. */
export interface FieldProblem {
  field: 'period' | 'localityId' | 'numerator' | 'denominator' | 'value';
  message: string;
}

const MAX_VALUE = 1e12;

/** Whether a period lies wholly within the plan's financial years. */
export function withinYears(period: Period, years: PlanYears): boolean {
  return period.from >= parsePeriod(years.from).from && period.to <= parsePeriod(years.to).to;
}

function count(raw: unknown, field: 'numerator' | 'denominator', problems: FieldProblem[]) {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push({ field, message: `${field} must be a number` });
    return null;
  }
  if (raw < 0) {
    problems.push({ field, message: `${field} is a count and cannot be negative` });
    return null;
  }
  if (!Number.isInteger(raw) || raw > MAX_VALUE) {
    problems.push({ field, message: `${field} must be a whole number (a count of children)` });
    return null;
  }
  return raw;
}

/**
 * Checks one entered figure for an indicator of `unit` in a plan covering `years`: the period
 * is a month, quarter or financial year inside the plan's years; the value a number, not
 * negative (a percentage at most 100); numerator and denominator, when given, whole numbers
 * from 0, the numerator of a percentage no more than its denominator.
 */
export function checkEnteredValue(
  input: EnteredInput,
  unit: Unit,
  years: PlanYears,
): { value: EnteredValue; problems: [] } | { value: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  let period: Period | null = null;
  if (typeof input.period !== 'string') {
    problems.push({ field: 'period', message: 'period is required' });
  } else {
    try {
      period = parsePeriod(input.period);
      if (!withinYears(period, years)) {
        problems.push({
          field: 'period',
          message: `period ${period.id} is outside the plan's years (${years.from} to ${years.to})`,
        });
      }
    } catch (error) {
      if (!(error instanceof PeriodError)) throw error;
      problems.push({ field: 'period', message: error.message });
    }
  }
  const localityId =
    input.localityId === undefined || input.localityId === null ? null : input.localityId;
  if (localityId !== null && typeof localityId !== 'string') {
    problems.push({ field: 'localityId', message: 'localityId must be a locality id' });
  }
  const numerator = count(input.numerator, 'numerator', problems);
  const denominator = count(input.denominator, 'denominator', problems);
  let value: number | null = null;
  if (input.value === undefined || input.value === null) {
    problems.push({ field: 'value', message: 'value is required' });
  } else if (typeof input.value !== 'number' || !Number.isFinite(input.value)) {
    problems.push({ field: 'value', message: 'value must be a number' });
  } else if (input.value < 0) {
    problems.push({ field: 'value', message: 'value cannot be negative' });
  } else if (input.value > MAX_VALUE) {
    problems.push({ field: 'value', message: `value must be at most ${MAX_VALUE}` });
  } else if (unit === 'percent' && input.value > 100) {
    problems.push({ field: 'value', message: 'value is a percentage, from 0 to 100' });
  } else if (unit === 'count' && !Number.isInteger(input.value)) {
    problems.push({ field: 'value', message: 'value is a count and must be a whole number' });
  } else {
    value = input.value;
  }
  if (unit === 'percent' && numerator !== null && denominator !== null && numerator > denominator) {
    problems.push({
      field: 'numerator',
      message: 'numerator cannot be more than the denominator of a percentage',
    });
  }
  if (problems.length > 0 || period === null || value === null) {
    return { value: null, problems };
  }
  return {
    value: {
      period: period.id,
      localityId: localityId as string | null,
      numerator,
      denominator,
      value,
    },
    problems: [],
  };
}

/**
 * The columns a values CSV must have, and may have; the feed's other columns may be there too and
 * are ignored.
 */
export const VALUES_CSV_REQUIRED = ['period', 'indicator_code', 'locality_code', 'value'] as const;
export const VALUES_CSV_OPTIONAL = ['numerator', 'denominator'] as const;
const VALUES_CSV_KNOWN: ReadonlySet<string> = new Set([
  ...FEED_COLUMNS,
  ...VALUES_CSV_REQUIRED,
  ...VALUES_CSV_OPTIONAL,
]);

export const VALUES_CSV_MAX_ROWS = 20_000;

export interface CsvProblem {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  message: string;
}

export interface CsvRow extends EnteredValue {
  indicatorCode: string;
  row: number;
}

export interface CsvContext {
  /** The entered indicators of the plan, by code, with their unit. */
  indicators: ReadonlyMap<string, { unit: Unit }>;
  /** Every indicator code of the plan (to tell "not entered" from "unknown"). */
  allIndicators: ReadonlySet<string>;
  /** Locality ids by their code, lower case; `ALL` is the whole authority. */
  localities: ReadonlyMap<string, string>;
  years: PlanYears;
}

/** A number as a CSV cell holds it: blank is none; otherwise digits with an optional point. */
function cellNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN;
}

/**
 * Reads a values CSV: all or nothing. Returns every row when each is good, or every problem
 * (row and column named) when any is not: a header without a required column or with an
 * unknown one, a row for an unknown indicator or locality, one that is not entered, a period
 * outside the plan, a value that is not a number, a negative count, and a row that repeats an
 * earlier one's indicator, period and locality.
 */
export function parseValuesCsv(
  text: string,
  context: CsvContext,
): { rows: CsvRow[]; problems: [] } | { rows: null; problems: CsvProblem[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      rows: null,
      problems: [
        {
          row: typeof line === 'number' ? line : 1,
          column: '',
          message: 'the file is not CSV (each row must have as many cells as the header)',
        },
      ],
    };
  }
  if (records.length === 0) {
    return { rows: null, problems: [{ row: 1, column: '', message: 'the file is empty' }] };
  }
  const header = records[0].map((cell) => cell.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  header.forEach((column, i) => {
    if (!VALUES_CSV_KNOWN.has(column)) {
      problems.push({
        row: 1,
        column: column || `column ${i + 1}`,
        message: `is not a column of the values file (it needs ${VALUES_CSV_REQUIRED.join(', ')}; numerator and denominator are optional)`,
      });
    } else if (header.indexOf(column) !== i) {
      problems.push({ row: 1, column, message: 'appears twice in the header' });
    }
  });
  for (const column of VALUES_CSV_REQUIRED) {
    if (!header.includes(column))
      problems.push({ row: 1, column, message: 'is missing from the header' });
  }
  if (problems.length > 0) return { rows: null, problems };
  if (records.length - 1 > VALUES_CSV_MAX_ROWS) {
    return {
      rows: null,
      problems: [
        {
          row: VALUES_CSV_MAX_ROWS + 2,
          column: '',
          message: `at most ${VALUES_CSV_MAX_ROWS} rows at once`,
        },
      ],
    };
  }
  const at = (record: string[], column: string): string => {
    const i = header.indexOf(column);
    return i === -1 ? '' : (record[i] ?? '');
  };
  const rows: CsvRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    const before = problems.length;
    const code = at(record, 'indicator_code').trim();
    const indicator = context.indicators.get(code);
    if (code === '') problems.push({ row, column: 'indicator_code', message: 'is required' });
    else if (!indicator) {
      problems.push({
        row,
        column: 'indicator_code',
        message: context.allIndicators.has(code)
          ? `${code} is computed by the service; only entered indicators take values`
          : `${code} is not an indicator of the plan`,
      });
    }
    const localityCode = at(record, 'locality_code').trim();
    const localityId =
      localityCode.toUpperCase() === 'ALL'
        ? null
        : context.localities.get(localityCode.toLowerCase());
    if (localityCode === '')
      problems.push({
        row,
        column: 'locality_code',
        message: 'is required (ALL for the whole authority)',
      });
    else if (localityId === undefined) {
      problems.push({ row, column: 'locality_code', message: `${localityCode} is not a locality` });
    }
    const numbers: Record<'numerator' | 'denominator' | 'value', number | null> = {
      numerator: null,
      denominator: null,
      value: null,
    };
    let numbersOk = true;
    for (const column of ['numerator', 'denominator', 'value'] as const) {
      const parsed = cellNumber(at(record, column));
      if (Number.isNaN(parsed)) {
        problems.push({
          row,
          column,
          message: `${JSON.stringify(at(record, column).slice(0, 40))} is not a number`,
        });
        numbersOk = false;
      } else numbers[column] = parsed;
    }
    if (indicator && numbersOk) {
      const checked = checkEnteredValue(
        { period: at(record, 'period').trim(), ...numbers },
        indicator.unit,
        context.years,
      );
      for (const problem of checked.problems) {
        problems.push({ row, column: problem.field, message: problem.message });
      }
      if (checked.value && localityId !== undefined && problems.length === before) {
        const key = `${code}|${checked.value.period}|${localityId ?? 'ALL'}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          problems.push({
            row,
            column: 'period',
            message: `repeats row ${earlier} (${code}, ${checked.value.period}, ${localityCode})`,
          });
        } else {
          seen.set(key, row);
          rows.push({ ...checked.value, localityId, indicatorCode: code, row });
        }
      }
    } else if (!numbersOk || !indicator) {
      // The period is still checked, so that one pass names every bad cell.
      try {
        parsePeriod(at(record, 'period').trim());
      } catch (error) {
        if (!(error instanceof PeriodError)) throw error;
        problems.push({ row, column: 'period', message: error.message });
      }
    }
  });
  if (problems.length > 0) return { rows: null, problems };
  if (rows.length === 0) {
    return { rows: null, problems: [{ row: 2, column: '', message: 'the file has no rows' }] };
  }
  return { rows, problems: [] };
}
