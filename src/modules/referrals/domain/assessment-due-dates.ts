/**
 * Assessment timescales (docs/domain.md#working-days, docs/domain.md#assessment-timescales; national indicators NI59 and NI60).
 *
 * An initial assessment must be completed within 7 working days of the
 * referral date, a core assessment within 35 working days of its commencement
 * date. The referral (or commencement) date is day 0 whether or not it is a
 * working day; the due date is the 7th (35th) working day after it, and
 * completion on or before the due date is in time. Example: referral Thursday
 * 2011-04-21 → initial assessment due Friday 2011-05-06.
 *
 * Working days are Monday to Friday minus the NonWorkingDays set (bank
 * holidays plus local closure days), as in calendar/domain/working-days.
 */
import { compareIsoDates, type IsoDate } from '../../../common/domain/iso-date';
import {
  addWorkingDays,
  workingDaysBetween,
  type NonWorkingDays,
} from '../../calendar/domain/working-days';

export const INITIAL_ASSESSMENT_WORKING_DAYS = 7;
export const CORE_ASSESSMENT_WORKING_DAYS = 35;

/**
 * The 7th working day after the referral date (NI59), or the `days`-th under a framework that
 * sets another timescale (docs/domain.md#assessment-frameworks).
 */
export function initialAssessmentDueDate(
  referredAt: IsoDate,
  nonWorking: NonWorkingDays,
  days: number = INITIAL_ASSESSMENT_WORKING_DAYS,
): IsoDate {
  return addWorkingDays(referredAt, days, nonWorking);
}

/** The 35th working day after the core assessment's commencement date (NI60), or the `days`-th. */
export function coreAssessmentDueDate(
  commencedAt: IsoDate,
  nonWorking: NonWorkingDays,
  days: number = CORE_ASSESSMENT_WORKING_DAYS,
): IsoDate {
  return addWorkingDays(commencedAt, days, nonWorking);
}

/** Completed on or before the due date. RangeError for an invalid date. */
export function completedInTime(completedAt: IsoDate, dueDate: IsoDate): boolean {
  return compareIsoDates(completedAt, dueDate) <= 0;
}

/**
 * Working days left until the due date: 0 on the due date, 1 on the working
 * day before it; negative when overdue, -1 on the first working day after it.
 * Counted with workingDaysBetween in whichever direction, so on a non-working
 * day after the due date the overdue count is the working days after the due
 * date up to and including `today`: a Saturday straight after a Friday due
 * date gives 0 (never -0), the Monday after gives -1.
 */
export function workingDaysRemaining(
  today: IsoDate,
  dueDate: IsoDate,
  nonWorking: NonWorkingDays,
): number {
  if (compareIsoDates(today, dueDate) <= 0) return workingDaysBetween(today, dueDate, nonWorking);
  // 0 - n rather than -n, so that "no working day yet" is 0, not -0.
  return 0 - workingDaysBetween(dueDate, today, nonWorking);
}

/**
 * Working days a referral has waited for a decision: the working days after
 * the referral date up to and including `today` (0 on the day itself).
 * RangeError if `today` is before the referral date.
 */
export function workingDaysWaited(
  referredAt: IsoDate,
  today: IsoDate,
  nonWorking: NonWorkingDays,
): number {
  if (compareIsoDates(today, referredAt) < 0) {
    throw new RangeError(`today (${today}) is before the referral date (${referredAt})`);
  }
  return workingDaysBetween(referredAt, today, nonWorking);
}
