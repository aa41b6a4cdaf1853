/**
 * Re-referrals (docs/domain.md#re-referral): a referral for a child who had a previous referral
 * whose referral date falls within the 12 months before this one, that is on
 * or after the same calendar date one year earlier.
 */
import { assertIsoDate, compareIsoDates, type IsoDate } from '../../../common/domain/iso-date';

export interface DatedReferral {
  id: string;
  referredAt: IsoDate;
}

/**
 * The same calendar date one year earlier.
 *
 * 29 February has no counterpart in the year before, so it maps to 28 February
 * of the previous year: the last date that exists in that month, which keeps the
 * window at a full year rather than stretching it to 1 March (so a previous
 * referral on 28 February 2011 IS within a year of one on 29 February 2012).
 * Every other date maps to the same month and day: 1 March 2013 → 1 March 2012.
 *
 * Throws a RangeError for an invalid date, or when the result would fall
 * before the earliest supported year (1900).
 */
export function oneYearEarlier(date: IsoDate): IsoDate {
  assertIsoDate(date);
  const year = Number(date.slice(0, 4)) - 1;
  const monthDay = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  const result = `${String(year)}${monthDay}`;
  assertIsoDate(result, 'one year earlier');
  return result;
}

/**
 * The id of the most recent earlier referral within the re-referral window,
 * or null if there is none (so this referral is not a re-referral).
 *
 * The window is [oneYearEarlier(referredAt), referredAt], both ends included:
 * a previous referral exactly one year earlier counts, one a day earlier does
 * not. A referral recorded the same day counts (the caller passes only
 * referrals created before this one). A candidate dated after `referredAt`
 * (an older referral entered late) does not make this one a re-referral.
 *
 * Among several candidates the latest referredAt wins; on equal dates, the
 * last in the array. `selfId`, if given, is excluded, so the caller may pass a
 * list that includes this referral itself.
 *
 * Throws a RangeError if `referredAt` or any candidate's date is not a valid
 * date.
 */
export function findPreviousReferral(
  referredAt: IsoDate,
  earlier: ReadonlyArray<DatedReferral>,
  selfId?: string,
): string | null {
  const windowStart = oneYearEarlier(referredAt);
  let best: DatedReferral | null = null;
  for (const [index, candidate] of earlier.entries()) {
    assertIsoDate(candidate.referredAt, `earlier[${index}].referredAt`);
    if (selfId !== undefined && candidate.id === selfId) continue;
    if (compareIsoDates(candidate.referredAt, windowStart) < 0) continue;
    if (compareIsoDates(candidate.referredAt, referredAt) > 0) continue;
    // >= rather than >: on equal dates the later entry in the array wins.
    if (best === null || compareIsoDates(candidate.referredAt, best.referredAt) >= 0) {
      best = candidate;
    }
  }
  return best === null ? null : best.id;
}
