/**
 * Calendar dates as ISO 8601 strings, 'YYYY-MM-DD'.
 *
 * A calendar date has no time of day and no time zone. Arithmetic goes through
 * a day number (days since 1970-01-01) built with Date.UTC only, so the
 * server's local time zone and daylight saving never shift a date.
 */
export type IsoDate = string;

export const MIN_ISO_YEAR = 1900;
export const MAX_ISO_YEAR = 2999;

const MS_PER_DAY = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Value of the ASCII digit at `index`, or -1. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * Year, month and day of a well-formed date, or undefined if the value is not
 * one. Hand-rolled rather than a regular expression: it runs for every
 * non-working day on every working-day calculation.
 */
function parts(value: unknown): [number, number, number] | undefined {
  if (typeof value !== 'string' || value.length !== 10) return undefined;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined; // '-'
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  const m0 = digitAt(value, 5);
  const m1 = digitAt(value, 6);
  const d0 = digitAt(value, 8);
  const d1 = digitAt(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < MIN_ISO_YEAR || year > MAX_ISO_YEAR) return undefined;
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return [year, month, day];
}

/** True for a strict 'YYYY-MM-DD' string naming a real date in the years 1900 to 2999. */
export function isIsoDate(value: unknown): value is IsoDate {
  return parts(value) !== undefined;
}

/** Throws a RangeError unless `value` is a valid IsoDate. */
export function assertIsoDate(value: unknown, name = 'date'): asserts value is IsoDate {
  if (!isIsoDate(value)) throw invalidDate(name, value);
}

/** Days since 1970-01-01 (negative before it). */
export function toEpochDay(date: IsoDate): number {
  const p = parts(date);
  if (p === undefined) throw invalidDate('date', date);
  const [year, month, day] = p;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The date `epochDay` days after 1970-01-01; RangeError outside the years 1900 to 2999. */
export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay))
    throw new RangeError(`epoch day must be an integer, got ${String(epochDay)}`);
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (year < MIN_ISO_YEAR || year > MAX_ISO_YEAR) {
    throw new RangeError(`date is outside the supported years ${MIN_ISO_YEAR}-${MAX_ISO_YEAR}`);
  }
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `date` moved by a whole number of calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${String(days)}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** 0 Sunday, 1 Monday, ..., 6 Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Negative if a is before b, 0 if the same day, positive if a is after b. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a, 'a');
  assertIsoDate(b, 'b');
  // Fixed-width, zero-padded, most significant field first: string order is date order.
  return a < b ? -1 : a > b ? 1 : 0;
}

function invalidDate(name: string, value: unknown): RangeError {
  return new RangeError(
    `${name} must be a real calendar date written YYYY-MM-DD (1900-2999), got ${describe(value)}`,
  );
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${value.toString()}`;
  }
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : typeof value;
}
