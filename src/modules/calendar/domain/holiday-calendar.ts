/**
 * The bank holidays of every year the service handles: the official list where it covers the
 * year, the standing rules elsewhere (docs/domain.md#working-days-past-the-list). An answer that
 * rests on a year the list does not cover is provisional.
 */
import type { BankHolidayEvent, BankHolidayList } from './bank-holidays';
import { MAX_ISO_YEAR, MIN_ISO_YEAR, type IsoDate } from '../../../common/domain/iso-date';
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
  return calendar.coveredTo < monthsLater(today, months);
}

/** The same day `months` months later, or that month's last day when it is shorter. */
function monthsLater(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number);
  const index = month - 1 + months;
  const [toYear, toMonth] = [year + Math.floor(index / 12), (index % 12) + 1];
  const lastDay = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${toYear}-${pad(toMonth)}-${pad(Math.min(day, lastDay))}`;
}
