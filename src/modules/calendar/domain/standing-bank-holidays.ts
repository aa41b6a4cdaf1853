/**
 * The standing rules for bank holidays in England and Wales, for the years the official list
 * (config/bank-holidays.json) does not cover (docs/domain.md#working-days-past-the-list).
 *
 * Banking and Financial Dealings Act 1971, Schedule 1, with the days added to it by the
 * annual royal proclamations: New Year's Day (from 1974), Good Friday and Christmas Day
 * (common law), Easter Monday, the first Monday of May (from 1978), the last Monday of May,
 * the last Monday of August and Boxing Day. A day that falls on a Saturday or Sunday is
 * replaced by the next weekday that is not already a bank holiday, as the official list does
 * (Christmas on a Saturday: Monday 27 and Tuesday 28 December; on a Sunday: Boxing Day on
 * Monday 26, Christmas's substitute on Tuesday 27).
 *
 * Years before 1971 follow the same rules (a provisional answer, not the Bank Holidays Act
 * 1871's Whit Monday and first Monday of August). The one-off days proclaimed before 2000 that
 * are on record here are applied for their year (ONE_OFF_CHANGES).
 */
import type { BankHolidayEvent } from './bank-holidays';
import { fromEpochDay, toEpochDay, type IsoDate } from '../../../common/domain/iso-date';

/** A change proclaimed for one year: an extra day, or a standing day moved to another date. */
export interface OneOffChange {
  readonly date: IsoDate;
  readonly title: string;
  /** The standing day this one replaces, if it was moved. */
  readonly replaces?: IsoDate;
}

/**
 * Proclaimed days before the official list, as published records give them
 * (docs/domain.md#working-days-past-the-list says which, and which were left out).
 */
export const ONE_OFF_CHANGES: readonly OneOffChange[] = [
  { date: '1977-06-07', title: 'Silver Jubilee of Elizabeth II' },
  { date: '1981-07-29', title: 'Wedding of the Prince of Wales and Lady Diana Spencer' },
  {
    date: '1995-05-08',
    title: 'Early May bank holiday (VE Day, 50th anniversary)',
    replaces: '1995-05-01',
  },
  { date: '1999-12-31', title: 'Millennium celebrations' },
];

/** First year of each standing day that did not exist from 1971. */
const NEW_YEARS_DAY_FROM = 1974;
const EARLY_MAY_FROM = 1978;

/**
 * Easter Sunday in the Gregorian calendar: the anonymous Gregorian algorithm (Nature, 1876;
 * also known as Meeus/Jones/Butcher), exact for every Gregorian year.
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** The bank holidays of one year by the standing rules, in date order. */
export function standingBankHolidays(year: number): BankHolidayEvent[] {
  const taken = new Set<number>();
  const events: { day: number; title: string; notes: string }[] = [];
  /** A fixed-date day, moved to the next free weekday when it falls on a weekend. */
  const fixed = (date: IsoDate, title: string): void => {
    let day = toEpochDay(date);
    let notes = '';
    while (isWeekend(day) || taken.has(day)) {
      day += 1;
      notes = 'Substitute day';
    }
    taken.add(day);
    events.push({ day, title, notes });
  };
  const onDay = (day: number, title: string): void => {
    taken.add(day);
    events.push({ day, title, notes: '' });
  };

  const easter = toEpochDay(easterSunday(year));
  onDay(easter - 2, 'Good Friday');
  onDay(easter + 1, 'Easter Monday');
  if (year >= EARLY_MAY_FROM) onDay(firstMonday(year, 5), 'Early May bank holiday');
  onDay(lastMonday(year, 5), 'Spring bank holiday');
  onDay(lastMonday(year, 8), 'Summer bank holiday');
  if (year >= NEW_YEARS_DAY_FROM) fixed(`${year}-01-01`, 'New Year’s Day');
  fixed(`${year}-12-25`, 'Christmas Day');
  fixed(`${year}-12-26`, 'Boxing Day');

  for (const change of ONE_OFF_CHANGES) {
    if (Number(change.date.slice(0, 4)) !== year) continue;
    if (change.replaces !== undefined) {
      const replaced = toEpochDay(change.replaces);
      const index = events.findIndex((event) => event.day === replaced);
      if (index >= 0) events.splice(index, 1);
    }
    onDay(toEpochDay(change.date), change.title);
  }

  return events
    .sort((x, y) => x.day - y.day)
    .map((event) => ({ date: fromEpochDay(event.day), title: event.title, notes: event.notes }));
}

/** 1970-01-01 was a Thursday: epoch day 2 is a Saturday, 3 a Sunday. */
function isWeekend(epochDay: number): boolean {
  const weekday = (((epochDay + 3) % 7) + 7) % 7; // Monday 0 … Sunday 6
  return weekday >= 5;
}

function mondayOnOrAfter(epochDay: number): number {
  const weekday = (((epochDay + 3) % 7) + 7) % 7;
  return epochDay + ((7 - weekday) % 7);
}

function firstMonday(year: number, month: number): number {
  return mondayOnOrAfter(toEpochDay(`${year}-${pad2(month)}-01`));
}

function lastMonday(year: number, month: number): number {
  const firstOfNext =
    month === 12 ? toEpochDay(`${year + 1}-01-01`) : toEpochDay(`${year}-${pad2(month + 1)}-01`);
  return mondayOnOrAfter(firstOfNext - 7);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
