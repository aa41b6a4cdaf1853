/**
 * Wall-clock times in Europe/London (GMT in winter, BST in summer) turned into
 * instants, using the time zone rules built into Intl rather than the server's
 * own time zone, so the result is the same on any machine.
 */
import { assertIsoDate, toEpochDay, type IsoDate } from '../../../common/domain/iso-date';

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

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
const instants = new Map<string, number>();
const MAX_REMEMBERED = 10_000;

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
  const key = `${date} ${hour}:${minute}`;
  let instant = instants.get(key);
  if (instant === undefined) {
    if (instants.size >= MAX_REMEMBERED) instants.clear();
    instants.set(key, (instant = londonInstantOf(date, hour, minute)));
  }
  return new Date(instant);
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
