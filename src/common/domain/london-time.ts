/**
 * Time in Europe/London (GMT in winter, BST in summer): the London date of an instant, and the
 * instant of a London wall-clock time, using the time zone rules built into Intl rather than
 * the server's own time zone, so the result is the same on any machine
 * (docs/domain.md#working-days).
 */
import { BoundedMap } from './bounded-map';
import { assertIsoDate, toEpochDay, type IsoDate } from './iso-date';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Since 1972 London has been on GMT or BST, changing between them on the hour in UTC, so every
 * instant in one UTC hour falls on the same London date: the dates of recent hours are kept
 * here. Formatting with a time zone cost a `POST /referrals` ~20 µs of CPU, the kept dates under
 * 2 µs (bench:floor --cpu-prof, 3 December 2026).
 */
const HOURLY_FROM_MS = Date.UTC(1972, 0, 1);
const dateOfHour = new BoundedMap<number, string>(1024);

/** The calendar date in Europe/London of an instant, as `YYYY-MM-DD`. */
export function londonDate(instant: Date): string {
  const ms = instant.getTime();
  // An invalid date (NaN) is formatted, and refused, as before.
  if (!(ms >= HOURLY_FROM_MS)) return LONDON_DATE.format(instant);
  return dateOfHour.remember(Math.floor(ms / MS_PER_HOUR), () => LONDON_DATE.format(instant));
}

let formatter: Intl.DateTimeFormat | undefined;

/** One formatter for the process: building one is far slower than using it. */
function londonFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

/**
 * London's offset from UTC at `instant` in milliseconds (0 for GMT, 3 600 000
 * for BST): the London wall-clock reading at that instant, taken as if it
 * were UTC, minus the instant.
 */
function londonOffsetAt(instant: number): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  const field: Record<string, number> = {};
  for (const part of londonFormatter().formatToParts(wholeSeconds)) {
    if (part.type !== 'literal') field[part.type] = Number(part.value);
  }
  const read = (name: string): number => {
    const value = field[name];
    if (value === undefined || !Number.isInteger(value)) {
      throw new Error(`Intl did not give the ${name} of a Europe/London time`);
    }
    return value;
  };
  const wall = Date.UTC(
    read('year'),
    read('month') - 1,
    read('day'),
    read('hour'),
    read('minute'),
    read('second'),
  );
  return wall - wholeSeconds;
}

function assertWholeNumberIn(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

/**
 * londonInstant's answers: asking Intl for London's offset is slow (tens of microseconds, four
 * times an answer), and the same few instants (reminder mornings) are asked for again and again.
 */
const instants = new BoundedMap<string, number>(10_000);

/**
 * The instant of a wall-clock time on a calendar date in Europe/London.
 * ('2011-05-06', 9) is 2011-05-06T08:00:00Z (BST); ('2011-12-01', 9) is
 * 2011-12-01T09:00:00Z (GMT).
 *
 * Method: take the wall-clock time as if it were UTC (the guess), measure
 * London's offset a day either side of it (London changes its clocks at most
 * once in any two days), correct the guess by each offset, and keep the
 * corrections whose own offset re-checks.
 *
 * Clock changes (both at 01:00 UTC on a Sunday):
 * - Spring forward: wall-clock times from 01:00 to 01:59 do not exist. They
 *   are read with the GMT offset still in force before the change, which
 *   moves them an hour later: 01:30 gives 01:30Z, shown in London as 02:30 BST
 *   (the later sensible instant; the same choice as JavaScript's Temporal
 *   "compatible" disambiguation).
 * - Fall back: wall-clock times from 01:00 to 01:59 happen twice. The first
 *   (BST) occurrence is returned: 01:30 gives 00:30Z, not 01:30Z.
 *
 * `minute` defaults to 0. RangeError for an invalid date, an hour outside
 * 0-23 or a minute outside 0-59 (whole numbers only).
 */
export function londonInstant(date: IsoDate, hour: number, minute = 0): Date {
  assertIsoDate(date);
  assertWholeNumberIn(hour, 'hour', 0, 23);
  assertWholeNumberIn(minute, 'minute', 0, 59);
  return new Date(
    instants.remember(`${date} ${hour}:${minute}`, () => londonInstantOf(date, hour, minute)),
  );
}

function londonInstantOf(date: IsoDate, hour: number, minute: number): number {
  const guess = toEpochDay(date) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
  const offsetBefore = londonOffsetAt(guess - MS_PER_DAY);
  const offsetAfter = londonOffsetAt(guess + MS_PER_DAY);

  // Candidates in order, earliest instant first (a larger offset is an earlier instant).
  const offsets =
    offsetBefore >= offsetAfter ? [offsetBefore, offsetAfter] : [offsetAfter, offsetBefore];
  for (const offset of offsets) {
    const candidate = guess - offset;
    if (londonOffsetAt(candidate) === offset) return candidate;
  }
  // No candidate re-checks: the time falls in the spring-forward gap.
  return guess - offsetBefore;
}
