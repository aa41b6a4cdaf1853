/**
 * Working days: Monday to Friday, excluding the days in a NonWorkingDays set
 * (bank holidays in England and Wales plus any local closure days an admin
 * adds). Entries in the set that fall on a Saturday or Sunday change nothing.
 *
 * Counting: the start date is day 0 whether or not it is itself a working day;
 * day n is the n-th working day after it. Example: referral Thursday 2011-04-21,
 * due 7 working days later, is Friday 2011-05-06.
 *
 * Weekdays are counted arithmetically (whole weeks at a time) and non-working
 * days by binary search, so the cost of a call does not grow with the number
 * of days crossed.
 */
import {
  assertIsoDate,
  fromEpochDay,
  toEpochDay,
  type IsoDate,
} from '../../../common/domain/iso-date';

export type NonWorkingDays = ReadonlySet<IsoDate>;

/** Epoch day of a Monday (1970-01-05): the origin of the weekday index. */
const MONDAY_EPOCH_DAY = 4;

/** Monday 0 ... Sunday 6. */
function isoWeekday(epochDay: number): number {
  return (((epochDay - MONDAY_EPOCH_DAY) % 7) + 7) % 7;
}

function isWeekdayEpoch(epochDay: number): boolean {
  return isoWeekday(epochDay) < 5;
}

/**
 * Weekday index: increases by one on each Monday-to-Friday day and stays the
 * same over a weekend. weekdayIndex(b) - weekdayIndex(a) is the number of
 * weekdays in (a, b].
 */
function weekdayIndex(epochDay: number): number {
  const offset = epochDay - MONDAY_EPOCH_DAY;
  const weeks = Math.floor(offset / 7);
  const dayInWeek = offset - weeks * 7;
  return weeks * 5 + Math.min(dayInWeek + 1, 5);
}

/** The weekday whose weekdayIndex is `index`. */
function weekdayAt(index: number): number {
  const weeks = Math.floor((index - 1) / 5);
  const dayInWeek = index - 1 - weeks * 5;
  return MONDAY_EPOCH_DAY + weeks * 7 + dayInWeek;
}

interface ParsedClosures {
  /** The set's entries, in iteration order, when it was parsed. */
  readonly entries: readonly string[];
  /** Epoch days of the entries that fall on a weekday, ascending. */
  readonly weekdayDays: readonly number[];
}

/**
 * Parsed non-working sets, so that repeated calls with the same set (the usual
 * case: bank holidays plus closures, built once) do not re-parse every date.
 * A cached entry is used only if the set still holds exactly the same entries
 * in the same order, so a set that has been changed since is parsed afresh.
 */
const parsedSets = new WeakMap<NonWorkingDays, ParsedClosures>();

/** Sets made by frozenNonWorkingDays: they cannot change, so their cache entry needs no check. */
const frozenSets = new WeakSet<NonWorkingDays>();

/**
 * A non-working set that cannot be changed (add, delete and clear throw), parsed once: for the
 * long sets the service builds (every bank holiday of 1900–2999), which would otherwise be
 * compared entry by entry with the cache on every call.
 */
export function frozenNonWorkingDays(dates: Iterable<IsoDate>): NonWorkingDays {
  const set = new Set<IsoDate>(dates);
  const refuse = (): never => {
    throw new TypeError('A frozen non-working set cannot be changed');
  };
  set.add = refuse;
  set.delete = refuse;
  set.clear = refuse;
  weekdayClosures(set);
  frozenSets.add(set);
  return set;
}

/** Epoch days of the non-working days that fall on a weekday, ascending. */
function weekdayClosures(nonWorking: NonWorkingDays): readonly number[] {
  const cached = parsedSets.get(nonWorking);
  if (cached !== undefined && frozenSets.has(nonWorking)) return cached.weekdayDays;
  if (cached !== undefined && cached.entries.length === nonWorking.size) {
    let index = 0;
    let unchanged = true;
    for (const date of nonWorking) {
      if (date !== cached.entries[index++]) {
        unchanged = false;
        break;
      }
    }
    if (unchanged) return cached.weekdayDays;
  }

  const entries: string[] = [];
  const weekdayDays: number[] = [];
  for (const date of nonWorking) {
    assertIsoDate(date, 'non-working day');
    entries.push(date);
    const day = toEpochDay(date);
    if (isWeekdayEpoch(day)) weekdayDays.push(day);
  }
  weekdayDays.sort((a, b) => a - b);
  parsedSets.set(nonWorking, { entries, weekdayDays });
  return weekdayDays;
}

/** Number of entries of the ascending array `days` that are <= `limit`. */
function countAtMost(days: readonly number[], limit: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((days.at(mid) ?? Number.POSITIVE_INFINITY) <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many of the ascending `days` lie in [from, to]. */
function countWithin(days: readonly number[], from: number, to: number): number {
  return to < from ? 0 : countAtMost(days, to) - countAtMost(days, from - 1);
}

function assertInteger(days: number): void {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${String(days)}`);
}

/** Monday to Friday and not in the non-working set. */
export function isWorkingDay(date: IsoDate, nonWorking: NonWorkingDays): boolean {
  assertIsoDate(date);
  return isWeekdayEpoch(toEpochDay(date)) && !nonWorking.has(date);
}

/**
 * The `days`-th working day after `date` (date itself is day 0, whether or not
 * it is a working day). days = 0 returns date unchanged. Negative days: the
 * |days|-th working day before date (for "2 working days before the due date").
 */
export function addWorkingDays(date: IsoDate, days: number, nonWorking: NonWorkingDays): IsoDate {
  assertIsoDate(date);
  assertInteger(days);
  const closures = weekdayClosures(nonWorking);
  if (days === 0) return date;
  const start = toEpochDay(date);
  const wanted = Math.abs(days);

  // k-th weekday after (or before) start, for k >= 1.
  const forward = days > 0;
  const base = forward ? weekdayIndex(start) : weekdayIndex(start - 1);
  const kthWeekday = (k: number): number =>
    forward ? weekdayAt(base + k) : weekdayAt(base - k + 1);
  // Working days among the first k weekdays after (or before) start.
  const workingAmong = (k: number): number => {
    const end = kthWeekday(k);
    return (
      k - (forward ? countWithin(closures, start + 1, end) : countWithin(closures, end, start - 1))
    );
  };

  // workingAmong(k) never exceeds `wanted` while k <= the answer, and grows by at
  // most one per step of k, so jumping k by the shortfall never overshoots: the
  // loop stops at the smallest k with exactly `wanted` working days, whose k-th
  // weekday is the answer (a working day). Each pass skips past at least one
  // closure, so it runs at most closures.length + 1 times.
  let k = wanted;
  for (;;) {
    const shortfall = wanted - workingAmong(k);
    if (shortfall === 0) return fromEpochDay(kthWeekday(k));
    k += shortfall;
  }
}

/**
 * Working days after `from` up to and including `to`. Requires from <= to
 * (RangeError otherwise); from == to gives 0.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, nonWorking: NonWorkingDays): number {
  assertIsoDate(from, 'from');
  assertIsoDate(to, 'to');
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  if (start > end) throw new RangeError(`from (${from}) must not be after to (${to})`);
  const closures = weekdayClosures(nonWorking);
  return weekdayIndex(end) - weekdayIndex(start) - countWithin(closures, start + 1, end);
}
