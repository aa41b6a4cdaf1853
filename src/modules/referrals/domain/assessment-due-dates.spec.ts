import { readFileSync } from 'fs';
import { join } from 'path';
import { bankHolidayDates, parseBankHolidayList } from '../../calendar/domain/bank-holidays';
import type { IsoDate } from '../../../common/domain/iso-date';
import {
  isWorkingDay,
  workingDaysBetween,
  type NonWorkingDays,
} from '../../calendar/domain/working-days';
import {
  completedInTime,
  CORE_ASSESSMENT_WORKING_DAYS,
  coreAssessmentDueDate,
  INITIAL_ASSESSMENT_WORKING_DAYS,
  initialAssessmentDueDate,
  workingDaysRemaining,
  workingDaysWaited,
} from './assessment-due-dates';

const BANK_HOLIDAYS: NonWorkingDays = bankHolidayDates(
  parseBankHolidayList(
    JSON.parse(
      readFileSync(join(__dirname, '../../../../config/bank-holidays.json'), 'utf8'),
    ) as unknown,
  ),
);

const withClosures = (...dates: IsoDate[]): NonWorkingDays => new Set([...BANK_HOLIDAYS, ...dates]);

describe('the timescales', () => {
  it('are 7 working days for an initial assessment and 35 for a core assessment', () => {
    expect(INITIAL_ASSESSMENT_WORKING_DAYS).toBe(7);
    expect(CORE_ASSESSMENT_WORKING_DAYS).toBe(35);
  });
});

describe('initialAssessmentDueDate', () => {
  it.each([
    [
      '2011-04-21',
      '2011-05-06',
      'the worked example of docs/domain.md#working-days: Thursday, over Easter, the Royal wedding and May Day',
    ],
    ['2011-06-03', '2011-06-14', 'a Friday referral'],
    ['2011-06-04', '2011-06-14', 'a Saturday referral counts from the Saturday as day 0'],
    ['2011-06-05', '2011-06-14', 'a Sunday referral counts from the Sunday as day 0'],
    ['2011-06-06', '2011-06-15', 'a Monday referral'],
    ['2011-05-30', '2011-06-08', 'a referral on the Spring bank holiday counts from it as day 0'],
    ['2010-12-23', '2011-01-06', 'a span over Christmas and New Year 2010 with substitute days'],
    ['2011-12-21', '2012-01-04', 'a span over Christmas and New Year 2011 with substitute days'],
    ['2012-04-04', '2012-04-17', 'a span over Easter 2012'],
    [
      '2012-06-01',
      '2012-06-14',
      'a span over the 2012 Diamond Jubilee and moved Spring bank holiday',
    ],
    ['2022-09-15', '2022-09-27', 'a span over the 2022 State Funeral'],
  ])('for a referral on %s is %s: %s', (referredAt, expected) => {
    expect(initialAssessmentDueDate(referredAt, BANK_HOLIDAYS)).toBe(expected);
    expect(isWorkingDay(expected, BANK_HOLIDAYS)).toBe(true);
    expect(workingDaysBetween(referredAt, expected, BANK_HOLIDAYS)).toBe(7);
  });

  it.each([
    [
      '2011-06-10',
      '2011-06-15',
      'a weekday closure inside the span moves the due date one working day',
    ],
    [
      '2011-06-14',
      '2011-06-15',
      'a closure on what would have been the due date moves it one working day',
    ],
    ['2011-06-11', '2011-06-14', 'a closure on a Saturday changes nothing'],
    ['2011-06-03', '2011-06-14', 'a closure on the referral date itself changes nothing'],
    ['2011-06-15', '2011-06-14', 'a closure after the due date changes nothing'],
  ])('with a local closure on %s is %s for a referral on 2011-06-03: %s', (closure, expected) => {
    expect(initialAssessmentDueDate('2011-06-03', withClosures(closure))).toBe(expected);
  });

  it('rejects an invalid referral date with a RangeError', () => {
    expect(() => initialAssessmentDueDate('2011-02-29', BANK_HOLIDAYS)).toThrow(RangeError);
  });
});

describe('coreAssessmentDueDate', () => {
  it.each([
    ['2011-06-06', '2011-07-25', 'seven whole weeks with no bank holiday'],
    [
      '2011-04-14',
      '2011-06-09',
      'a span over Easter, the Royal wedding, May Day and the Spring bank holiday 2011',
    ],
    ['2011-12-01', '2012-01-24', 'a span over Christmas and New Year 2011'],
    [
      '2012-05-07',
      '2012-06-27',
      'commencement on the Early May bank holiday, then over the 2012 Jubilee',
    ],
    [
      '2022-08-29',
      '2022-10-18',
      'commencement on the Summer bank holiday, then over the 2022 State Funeral',
    ],
  ])('for commencement on %s is %s: %s', (commencedAt, expected) => {
    expect(coreAssessmentDueDate(commencedAt, BANK_HOLIDAYS)).toBe(expected);
    expect(isWorkingDay(expected, BANK_HOLIDAYS)).toBe(true);
    expect(workingDaysBetween(commencedAt, expected, BANK_HOLIDAYS)).toBe(35);
  });

  it('moves one working day later for a local closure day inside the span', () => {
    expect(coreAssessmentDueDate('2011-06-06', withClosures('2011-07-01'))).toBe('2011-07-26');
  });
});

describe('completedInTime', () => {
  it.each([
    ['2011-05-06', true, 'on the due date'],
    ['2011-05-05', true, 'the day before the due date'],
    ['2011-04-21', true, 'on the referral date itself'],
    ['2011-05-07', false, 'the day after the due date, even though it is a Saturday'],
    ['2011-05-09', false, 'the first working day after the due date'],
  ])('for completion on %s against a due date of 2011-05-06 is %s: %s', (completedAt, expected) => {
    expect(completedInTime(completedAt, '2011-05-06')).toBe(expected);
  });

  it('rejects an invalid date with a RangeError', () => {
    expect(() => completedInTime('2011-05-32', '2011-05-06')).toThrow(RangeError);
  });
});

describe('workingDaysRemaining', () => {
  it.each([
    ['2011-04-21', '2011-05-06', 7, 'on the referral date, all 7 working days remain'],
    [
      '2011-04-30',
      '2011-05-06',
      4,
      'on a Saturday before the due date, with the May Day holiday still to come',
    ],
    ['2011-05-03', '2011-05-06', 3, 'on a Tuesday before a Friday due date'],
    ['2011-05-05', '2011-05-06', 1, 'on the working day before the due date'],
    ['2011-05-06', '2011-05-06', 0, 'on the due date'],
    [
      '2011-05-07',
      '2011-05-06',
      0,
      'on the Saturday after a Friday due date no working day has yet passed',
    ],
    [
      '2011-05-08',
      '2011-05-06',
      0,
      'on the Sunday after a Friday due date no working day has yet passed',
    ],
    ['2011-05-09', '2011-05-06', -1, 'on the first working day after the due date'],
    ['2011-05-10', '2011-05-06', -2, 'on the second working day after the due date'],
    ['2011-05-14', '2011-05-06', -5, 'on the Saturday a week after the due date'],
    [
      '2011-12-26',
      '2011-12-23',
      0,
      'on Boxing Day after a due date of the Friday before Christmas',
    ],
    ['2011-12-27', '2011-12-23', 0, 'on the substitute Christmas Day after that due date'],
    ['2011-12-28', '2011-12-23', -1, 'on the first working day after Christmas 2011'],
    ['2012-01-03', '2011-12-23', -4, 'after New Year 2012 and its substitute day'],
  ])('on %s with a due date of %s is %d: %s', (today, dueDate, expected) => {
    expect(workingDaysRemaining(today, dueDate, BANK_HOLIDAYS)).toBe(expected);
  });

  it('counts a local closure day as no working day in either direction', () => {
    const closures = withClosures('2011-05-04', '2011-05-10');
    expect(workingDaysRemaining('2011-05-03', '2011-05-06', closures)).toBe(2);
    expect(workingDaysRemaining('2011-05-11', '2011-05-06', closures)).toBe(-2);
  });
});

describe('workingDaysWaited', () => {
  it.each([
    ['2011-04-21', '2011-04-21', 0, 'on the referral date itself'],
    ['2011-04-21', '2011-04-22', 0, 'on Good Friday after a Thursday referral'],
    ['2011-04-21', '2011-04-26', 1, 'on the Tuesday after Easter Monday'],
    ['2011-04-21', '2011-05-06', 7, 'on the initial assessment due date'],
    ['2011-06-04', '2011-06-06', 1, 'on the Monday after a Saturday referral'],
    ['2011-05-30', '2011-05-31', 1, 'on the day after a referral made on a bank holiday'],
    ['2012-06-01', '2012-06-06', 1, 'after the 2012 Jubilee holidays'],
  ])('for a referral on %s is, on %s, %d working days: %s', (referredAt, today, expected) => {
    expect(workingDaysWaited(referredAt, today, BANK_HOLIDAYS)).toBe(expected);
  });

  it('rejects a today before the referral date with a RangeError', () => {
    expect(() => workingDaysWaited('2011-04-21', '2011-04-20', BANK_HOLIDAYS)).toThrow(RangeError);
  });
});
