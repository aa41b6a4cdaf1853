/**
 * The bank holidays of every year the service handles: the official list where it covers the
 * year, the standing rules elsewhere (docs/domain.md#working-days-past-the-list). An answer that
 * rests on a year the list does not cover is provisional.
 */
import type { BankHolidayEvent, BankHolidayList } from './bank-holidays';
import { addDays, MAX_ISO_YEAR, MIN_ISO_YEAR, type IsoDate } from '../../../common/domain/iso-date';
import { standingBankHolidays } from './standing-bank-holidays';

export interface HolidayCalendar {
  /** The first and last day of the years the official list covers. */
  readonly coveredFrom: IsoDate;
  readonly coveredTo: IsoDate;
  /** Every bank holiday from MIN_ISO_YEAR to MAX_ISO_YEAR, in date order. */
  readonly dates: readonly IsoDate[];
}

/**
 * The list covers the years from its first event's to its last event's; every other year takes
 * its days from the standing rules.
 */
export function holidayCalendar(list: BankHolidayList): HolidayCalendar {
  if (list.events.length === 0) throw new Error('events must name at least one bank holiday');
  const firstYear = Number(list.events[0].date.slice(0, 4));
  const lastYear = Number(list.events[list.events.length - 1].date.slice(0, 4));
  const dates: IsoDate[] = [];
  for (let year = MIN_ISO_YEAR; year < firstYear; year++) dates.push(...datesOf(year));
  dates.push(...list.events.map((event) => event.date));
  for (let year = lastYear + 1; year <= MAX_ISO_YEAR; year++) dates.push(...datesOf(year));
  return { coveredFrom: `${firstYear}-01-01`, coveredTo: `${lastYear}-12-31`, dates };
}

function datesOf(year: number): IsoDate[] {
  return standingBankHolidays(year).map((event: BankHolidayEvent) => event.date);
}

/**
 * Whether an answer counted over the days from `from` to `to` (either order) rests on a year
 * the list does not cover.
 */
export function isProvisional(calendar: HolidayCalendar, from: IsoDate, to: IsoDate): boolean {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return low < calendar.coveredFrom || high > calendar.coveredTo;
}

/** The bank holidays from `from` to `to` inclusive. */
export function holidaysBetween(
  calendar: HolidayCalendar,
  from: IsoDate,
  to: IsoDate,
): readonly IsoDate[] {
  return calendar.dates.filter((date) => date >= from && date <= to);
}

/**
 * Whether the list ends within `months` months of `today` (or has ended): the service warns at
 * start, so that someone adds the next years before due dates become provisional.
 */
export function listEndsSoon(calendar: HolidayCalendar, today: IsoDate, months = 12): boolean {
  const [year, month, day] = today.split('-').map(Number);
  const horizonMonth = month - 1 + months;
  const horizonYear = year + Math.floor(horizonMonth / 12);
  const monthOfYear = (horizonMonth % 12) + 1;
  const horizon = `${horizonYear}-${String(monthOfYear).padStart(2, '0')}-01`;
  // The same day of the month, or the month's last day when it has fewer days.
  const lastDay = Number(addDays(addMonthsStart(horizon), -1).slice(8));
  const sameDay = `${horizon.slice(0, 8)}${String(Math.min(day, lastDay)).padStart(2, '0')}`;
  return calendar.coveredTo < sameDay;
}

/** The first day of the month after the one `monthStart` begins. */
function addMonthsStart(monthStart: IsoDate): IsoDate {
  const year = Number(monthStart.slice(0, 4));
  const month = Number(monthStart.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
