/**
 * The census's collection year (docs/domain.md#children-in-need-census): collection year Y
 * is the year ending 31 March Y, from 1 April Y-1; its reference date is 31 March Y.
 */
import type { IsoDate } from '../../calendar/domain/iso-date';

export interface CollectionYear {
  year: number;
  from: IsoDate;
  to: IsoDate;
}

/** The first and last collection years accepted. */
export const FIRST_COLLECTION_YEAR = 2001;
export const LAST_COLLECTION_YEAR = 2100;

/** The collection year of `value` (a four-digit year), or null if it is not one. */
export function parseCollectionYear(value: unknown): CollectionYear | null {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  if (year < FIRST_COLLECTION_YEAR || year > LAST_COLLECTION_YEAR) return null;
  return { year, from: `${year - 1}-04-01`, to: `${year}-03-31` };
}

/** An episode from referredAt to closedAt (null: open) is open at some time in the year. */
export function openInYear(
  year: CollectionYear,
  referredAt: IsoDate,
  closedAt: IsoDate | null,
): boolean {
  return referredAt <= year.to && (closedAt === null || closedAt >= year.from);
}

/** The latest collection year that has ended by `today`: its 31 March is today or earlier. */
export function latestEndedCollectionYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) >= '03-31' ? year : year - 1;
}
