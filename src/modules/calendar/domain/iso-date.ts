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
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year, month and day of a well-formed date, or undefined if the value is not one. */
function parts(value: unknown): [number, number, number] | undefined {
  if (typeof value !== 'string') return undefined;
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
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
  if (!Number.isInteger(epochDay)) throw new RangeError(`epoch day must be an integer, got ${String(epochDay)}`);
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
  return new RangeError(`${name} must be a real calendar date written YYYY-MM-DD (1900-2999), got ${describe(value)}`);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
