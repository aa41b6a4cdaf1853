/**
 * The bank holiday list (config/bank-holidays.json), shaped like one division
 * of the GOV.UK bank holidays feed plus where and when it was obtained.
 * Parsing is pure: the caller reads the file and hands over the parsed JSON.
 */
import { isIsoDate, type IsoDate } from '../../../common/domain/iso-date';

export interface BankHolidayEvent {
  date: IsoDate;
  title: string;
  notes: string;
}

export interface BankHolidayList {
  division: string;
  source: string;
  retrieved: IsoDate;
  events: BankHolidayEvent[];
}

/**
 * Validates parsed JSON into a BankHolidayList. Throws an Error with a
 * one-line message naming the problem: a missing or mistyped field, a date
 * that is not a real YYYY-MM-DD date, events out of date order, or two events
 * on one date. Unknown extra fields (such as GOV.UK's `bunting`) are dropped.
 */
export function parseBankHolidayList(json: unknown): BankHolidayList {
  const root = asRecord(json, '');
  const division = nonEmptyString(root, 'division', '');
  const source = nonEmptyString(root, 'source', '');
  const retrieved = isoDateField(root, 'retrieved', '');
  if (!('events' in root)) throw new Error('events is missing');
  const rawEvents = root['events'];
  if (!Array.isArray(rawEvents)) throw new Error('events must be an array');
  // The years the list covers run from its first event's to its last's: it needs one.
  if (rawEvents.length === 0) throw new Error('events must name at least one bank holiday');

  const events: BankHolidayEvent[] = [];
  rawEvents.forEach((raw: unknown, i: number) => {
    const where = `events[${i}]`;
    const event = asRecord(raw, where);
    const date = isoDateField(event, 'date', where);
    const title = nonEmptyString(event, 'title', where);
    const notes = stringField(event, 'notes', where);
    const previous = events[events.length - 1];
    if (previous !== undefined) {
      if (date === previous.date) {
        throw new Error(`${where}.date ${date} is already used by events[${i - 1}]`);
      }
      if (date < previous.date) {
        throw new Error(
          `${where}.date ${date} comes before events[${i - 1}] (${previous.date}): events must be sorted by date`,
        );
      }
    }
    events.push({ date, title, notes });
  });

  return { division, source, retrieved, events };
}

/** The dates of the list, for use as (part of) a NonWorkingDays set. */
export function bankHolidayDates(list: BankHolidayList): ReadonlySet<IsoDate> {
  return new Set(list.events.map((event) => event.date));
}

function at(where: string, field: string): string {
  return where === '' ? field : `${where}.${field}`;
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where === '' ? 'the file' : where} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function stringField(record: Record<string, unknown>, field: string, where: string): string {
  if (!(field in record)) throw new Error(`${at(where, field)} is missing`);
  const value = record[field];
  if (typeof value !== 'string') throw new Error(`${at(where, field)} must be a string`);
  return value;
}

function nonEmptyString(record: Record<string, unknown>, field: string, where: string): string {
  const value = stringField(record, field, where);
  if (value.trim() === '') throw new Error(`${at(where, field)} must not be empty`);
  return value;
}

function isoDateField(record: Record<string, unknown>, field: string, where: string): IsoDate {
  const value = stringField(record, field, where);
  if (!isIsoDate(value)) {
    throw new Error(
      `${at(where, field)} must be a real YYYY-MM-DD date, not ${JSON.stringify(value)}`.replace(
        /\s*[\r\n]+\s*/g,
        ' ',
      ),
    );
  }
  return value;
}
