import { readFileSync } from 'fs';
import { join } from 'path';
import { bankHolidayDates, parseBankHolidayList } from './bank-holidays';
import { addDays, type IsoDate } from '../../../common/domain/iso-date';
import {
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
  type NonWorkingDays,
} from './working-days';

const BANK_HOLIDAYS: NonWorkingDays = bankHolidayDates(
  parseBankHolidayList(
    JSON.parse(
      readFileSync(join(__dirname, '../../../../config/bank-holidays.json'), 'utf8'),
    ) as unknown,
  ),
);

const withClosures = (...dates: IsoDate[]): NonWorkingDays => new Set([...BANK_HOLIDAYS, ...dates]);

const MS_PER_DAY = 86_400_000;

/** Day-by-day reference implementation, deliberately naive and independent of iso-date. */
function naiveAddWorkingDays(date: IsoDate, days: number, nonWorking: NonWorkingDays): IsoDate {
  const step = days < 0 ? -MS_PER_DAY : MS_PER_DAY;
  let remaining = Math.abs(days);
  let time = Date.parse(`${date}T00:00:00Z`);
  while (remaining > 0) {
    time += step;
    const day = new Date(time);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (!weekend && !nonWorking.has(day.toISOString().slice(0, 10))) remaining--;
  }
  return new Date(time).toISOString().slice(0, 10);
}

function naiveWorkingDaysBetween(from: IsoDate, to: IsoDate, nonWorking: NonWorkingDays): number {
  let count = 0;
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let time = Date.parse(`${from}T00:00:00Z`) + MS_PER_DAY; time <= end; time += MS_PER_DAY) {
    const day = new Date(time);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (!weekend && !nonWorking.has(day.toISOString().slice(0, 10))) count++;
  }
  return count;
}

describe('isWorkingDay', () => {
  it.each([
    ['2011-04-21', true, 'an ordinary Thursday'],
    ['2011-04-22', false, 'Good Friday'],
    ['2011-04-23', false, 'a Saturday'],
    ['2011-04-24', false, 'a Sunday (Easter Day)'],
    ['2011-04-25', false, 'Easter Monday'],
    ['2011-04-29', false, 'the 2011 Royal wedding'],
    ['2011-12-25', false, 'Christmas Day on a Sunday'],
    ['2011-12-27', false, 'the substitute Christmas Day'],
    ['2002-05-27', true, 'the last Monday in May 2002, when the Spring bank holiday was moved'],
    ['2002-06-03', false, 'the Golden Jubilee'],
    ['2002-06-04', false, 'the moved 2002 Spring bank holiday'],
    ['2020-05-04', true, 'the first Monday in May 2020, when the Early May bank holiday was moved'],
    ['2020-05-08', false, 'VE day 2020'],
    ['2022-05-30', true, 'the last Monday in May 2022, when the Spring bank holiday was moved'],
    ['2022-09-19', false, 'the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', false, 'the Coronation of King Charles III'],
    ['2023-12-27', true, 'the day after Boxing Day 2023'],
  ])('treats %s as a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, BANK_HOLIDAYS)).toBe(expected);
  });

  it('treats a local closure day as non-working', () => {
    expect(isWorkingDay('2011-05-18', BANK_HOLIDAYS)).toBe(true);
    expect(isWorkingDay('2011-05-18', withClosures('2011-05-18'))).toBe(false);
  });

  it('refuses an invalid date', () => {
    expect(() => isWorkingDay('2011-02-29', BANK_HOLIDAYS)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // docs/domain.md#working-days: referral Thursday 2011-04-21 -> initial assessment due Friday 2011-05-06, across Good Friday,
    // Easter Monday, the Royal wedding and the Early May bank holiday.
    ['2011-04-21', 7, '2011-05-06', 'the worked example'],
    [
      '2011-04-21',
      35,
      '2011-06-16',
      '35 working days from the example referral, across the Spring bank holiday',
    ],
    ['2011-04-21', 1, '2011-04-26', 'the day after Easter 2011 is four days off'],
    ['2019-04-18', 1, '2019-04-23', 'Maundy Thursday to the Tuesday after Easter'],
    // Christmas and New Year on weekends.
    [
      '2004-12-24',
      1,
      '2004-12-29',
      'Christmas 2004 on a Saturday moves both days to Mon 27 and Tue 28',
    ],
    ['2004-12-24', 4, '2005-01-04', 'New Year 2005 on a Saturday moves to Mon 3 January'],
    ['2010-12-23', 5, '2011-01-04', 'Christmas 2010 on a Saturday and New Year 2011 on a Saturday'],
    [
      '2011-12-23',
      1,
      '2011-12-28',
      'Christmas 2011 on a Sunday: Boxing Day Mon 26, Christmas Tue 27',
    ],
    ['2011-12-23', 4, '2012-01-03', 'New Year 2012 on a Sunday moves to Mon 2 January'],
    ['2015-12-24', 1, '2015-12-29', 'Boxing Day 2015 on a Saturday moves to Mon 28'],
    ['2016-12-23', 3, '2016-12-30', 'Christmas 2016 on a Sunday'],
    ['2016-12-23', 4, '2017-01-03', 'New Year 2017 on a Sunday moves to Mon 2 January'],
    ['2020-12-24', 1, '2020-12-29', 'Boxing Day 2020 on a Saturday moves to Mon 28'],
    ['2020-12-24', 4, '2021-01-04', 'New Year 2021 on a Friday'],
    ['2021-12-24', 3, '2021-12-31', 'Christmas 2021 on a Saturday'],
    ['2021-12-24', 4, '2022-01-04', 'New Year 2022 on a Saturday moves to Mon 3 January'],
    ['2022-12-23', 1, '2022-12-28', 'Christmas 2022 on a Sunday'],
    ['2022-12-23', 4, '2023-01-03', 'New Year 2023 on a Sunday moves to Mon 2 January'],
    ['2021-11-15', 35, '2022-01-06', '35 working days across Christmas 2021 and New Year 2022'],
    // Jubilees and other proclaimed days.
    ['2002-05-24', 1, '2002-05-27', 'the last Monday in May 2002 was a working day'],
    [
      '2002-05-31',
      1,
      '2002-06-05',
      'the Golden Jubilee Mon 3 and moved Spring bank holiday Tue 4 June 2002',
    ],
    ['2012-05-25', 1, '2012-05-28', 'the last Monday in May 2012 was a working day'],
    [
      '2012-06-01',
      1,
      '2012-06-06',
      'the moved Spring bank holiday Mon 4 and Diamond Jubilee Tue 5 June 2012',
    ],
    ['2022-05-27', 1, '2022-05-30', 'the last Monday in May 2022 was a working day'],
    [
      '2022-06-01',
      1,
      '2022-06-06',
      'the moved Spring bank holiday Thu 2 and Platinum Jubilee Fri 3 June 2022',
    ],
    ['2020-05-01', 1, '2020-05-04', 'the first Monday in May 2020 was a working day'],
    ['2020-05-07', 1, '2020-05-11', 'the Early May bank holiday moved to VE day, Fri 8 May 2020'],
    [
      '2022-09-16',
      1,
      '2022-09-20',
      'the State Funeral of Queen Elizabeth II, Mon 19 September 2022',
    ],
    [
      '2022-08-15',
      35,
      '2022-10-05',
      '35 working days across the Summer bank holiday and the State Funeral',
    ],
    ['2023-04-28', 1, '2023-05-02', 'the Early May bank holiday 2023'],
    ['2023-05-05', 1, '2023-05-09', 'the Coronation of King Charles III, Mon 8 May 2023'],
    // Day 0 need not be a working day.
    ['2011-04-23', 1, '2011-04-26', 'a Saturday start, with Easter Monday next'],
    ['2024-06-01', 1, '2024-06-03', 'a Saturday start'],
    ['2024-06-02', 1, '2024-06-03', 'a Sunday start'],
    ['2023-01-01', 1, '2023-01-03', 'New Year’s Day on a Sunday, with the substitute day next'],
    ['2011-04-22', 1, '2011-04-26', 'a Good Friday start'],
    ['2023-12-25', 1, '2023-12-27', 'a Christmas Day start'],
    ['2022-09-19', 7, '2022-09-28', 'a start on the State Funeral'],
    // days = 0 returns the date unchanged, working day or not.
    ['2011-04-21', 0, '2011-04-21', 'zero days from a working day'],
    ['2011-04-23', 0, '2011-04-23', 'zero days from a Saturday'],
    ['2020-05-08', 0, '2020-05-08', 'zero days from a bank holiday'],
    // Negative days: working days before.
    ['2011-05-06', -2, '2011-05-04', 'two working days before the example due date'],
    ['2011-05-06', -7, '2011-04-21', 'back from the example due date to the referral'],
    [
      '2011-06-16',
      -35,
      '2011-04-21',
      'back 35 working days across the Spring bank holiday and Easter',
    ],
    [
      '2011-05-03',
      -1,
      '2011-04-28',
      'back over the Early May bank holiday, a weekend and the Royal wedding',
    ],
    ['2022-12-28', -2, '2022-12-22', 'back over Christmas 2022'],
    ['2012-06-06', -1, '2012-06-01', 'back over the Diamond Jubilee weekend'],
    ['2011-05-01', -1, '2011-04-28', 'back from a Sunday'],
    ['2011-05-02', -1, '2011-04-28', 'back from a bank holiday'],
    ['2023-01-03', -1, '2022-12-30', 'back over New Year 2023'],
  ])('%s plus %i working days is %s (%s)', (date, days, expected) => {
    expect(addWorkingDays(date, days, BANK_HOLIDAYS)).toBe(expected);
  });

  it('moves a due date past a local closure day an admin adds', () => {
    expect(addWorkingDays('2011-05-13', 3, BANK_HOLIDAYS)).toBe('2011-05-18');
    expect(addWorkingDays('2011-05-13', 3, withClosures('2011-05-18'))).toBe('2011-05-19');
    expect(addWorkingDays('2011-05-13', 3, withClosures('2011-05-14', '2011-05-15'))).toBe(
      '2011-05-18',
    );
  });

  it('sees a change to a set it has already been given', () => {
    const closures = new Set(['2011-05-18', '2011-05-25']);
    expect(addWorkingDays('2011-05-13', 3, closures)).toBe('2011-05-19');
    closures.delete('2011-05-18');
    closures.add('2011-05-19');
    expect(addWorkingDays('2011-05-13', 3, closures)).toBe('2011-05-18');
    expect(workingDaysBetween('2011-05-13', '2011-05-20', closures)).toBe(4);
    closures.delete('2011-05-19');
    expect(workingDaysBetween('2011-05-13', '2011-05-20', closures)).toBe(5);
  });

  it('counts only weekends when no non-working days are given', () => {
    expect(addWorkingDays('2011-04-21', 7, new Set())).toBe('2011-05-02');
    expect(addWorkingDays('2011-04-21', 3650, new Set())).toBe('2025-04-17');
  });

  it('handles ten years of working days and agrees with a day-by-day count', () => {
    const due = addWorkingDays('2011-04-21', 3650, BANK_HOLIDAYS);
    expect(due).toBe(naiveAddWorkingDays('2011-04-21', 3650, BANK_HOLIDAYS));
    expect(addWorkingDays(due, -3650, BANK_HOLIDAYS)).toBe('2011-04-21');
  });

  it.each([[1.5], [-0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'refuses a non-integer number of days (%p)',
    (days) => {
      expect(() => addWorkingDays('2011-04-21', days, BANK_HOLIDAYS)).toThrow(RangeError);
    },
  );

  it.each([['2011-02-29'], ['2011-4-21'], ['21/04/2011']])(
    'refuses the invalid start date %j',
    (date) => {
      expect(() => addWorkingDays(date, 7, BANK_HOLIDAYS)).toThrow(RangeError);
    },
  );

  it('refuses an invalid date in the non-working set', () => {
    expect(() => addWorkingDays('2011-04-21', 7, new Set(['2011-02-30']))).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2011-04-21', '2011-04-21', 0, 'the same working day'],
    ['2011-04-22', '2011-04-22', 0, 'the same bank holiday'],
    ['2011-04-23', '2011-04-24', 0, 'Saturday to Sunday'],
    ['2011-05-13', '2011-05-16', 1, 'Friday to Monday'],
    ['2011-05-27', '2011-05-30', 0, 'Friday to the Spring bank holiday Monday'],
    ['2011-05-27', '2011-05-31', 1, 'Friday to the Tuesday after the Spring bank holiday'],
    ['2011-04-21', '2011-05-06', 7, 'the worked example'],
    ['2011-04-21', '2011-06-16', 35, '35 working days from the example referral'],
    ['2004-12-24', '2005-01-04', 4, 'across Christmas 2004 and New Year 2005'],
    ['2022-12-23', '2023-01-03', 4, 'across Christmas 2022 and New Year 2023'],
    ['2022-09-16', '2022-09-20', 1, 'across the State Funeral'],
    ['2010-12-31', '2011-12-31', 251, 'the whole of 2011 (260 weekdays, 9 bank holidays)'],
    ['2021-12-31', '2022-12-31', 250, 'the whole of 2022 (260 weekdays, 10 bank holidays)'],
    ['1999-12-31', '2028-12-31', 7327, '2000 to 2028 (7565 weekdays, 238 bank holidays)'],
  ])('counts from %s to %s as %i (%s)', (from, to, expected) => {
    expect(workingDaysBetween(from, to, BANK_HOLIDAYS)).toBe(expected);
  });

  it.each([
    ['2011-05-18', 4, 'a closure mid-week reduces the count'],
    ['2011-05-20', 4, 'a closure on the end date reduces the count'],
    ['2011-05-13', 5, 'a closure on the start date does not (the start is day 0)'],
    ['2011-05-14', 5, 'a closure on a Saturday does not'],
    ['2011-05-23', 5, 'a closure after the end date does not'],
  ])(
    'with a local closure on %s counts 2011-05-13 to 2011-05-20 as %i: %s',
    (closure, expected) => {
      expect(workingDaysBetween('2011-05-13', '2011-05-20', BANK_HOLIDAYS)).toBe(5);
      expect(workingDaysBetween('2011-05-13', '2011-05-20', withClosures(closure))).toBe(expected);
    },
  );

  it('agrees with a day-by-day count over ten years', () => {
    expect(workingDaysBetween('2012-03-14', '2024-11-02', BANK_HOLIDAYS)).toBe(
      naiveWorkingDaysBetween('2012-03-14', '2024-11-02', BANK_HOLIDAYS),
    );
  });

  it('refuses a start after the end', () => {
    expect(() => workingDaysBetween('2011-05-06', '2011-04-21', BANK_HOLIDAYS)).toThrow(RangeError);
  });

  it.each([
    ['2011-02-29', '2011-03-01'],
    ['2011-03-01', '2011-3-2'],
  ])('refuses the invalid range %s to %s', (from, to) => {
    expect(() => workingDaysBetween(from, to, BANK_HOLIDAYS)).toThrow(RangeError);
  });
});

/** Every day of the awkward stretches: jubilees, weekend Christmases and New Years, 2020 to 2023. */
const SWEEP_WINDOWS: ReadonlyArray<readonly [IsoDate, IsoDate]> = [
  ['2001-12-01', '2003-01-31'],
  ['2004-11-15', '2006-01-31'],
  ['2009-12-01', '2013-01-31'],
  ['2015-12-01', '2017-01-31'],
  ['2019-12-01', '2023-06-30'],
  ['2027-12-01', '2028-12-31'],
];

describe('working-day arithmetic across every day of the awkward years', () => {
  const dates: IsoDate[] = [];
  for (const [first, last] of SWEEP_WINDOWS) {
    for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  }

  it('counts back exactly n working days to any date n working days ahead, for n from 0 to 40', () => {
    const failures: string[] = [];
    for (const date of dates) {
      for (let n = 0; n <= 40; n++) {
        const due = addWorkingDays(date, n, BANK_HOLIDAYS);
        const counted = workingDaysBetween(date, due, BANK_HOLIDAYS);
        if (counted !== n) failures.push(`${date} + ${n} = ${due}, counted back as ${counted}`);
        if (n > 0 && !isWorkingDay(due, BANK_HOLIDAYS))
          failures.push(`${date} + ${n} = ${due}, not a working day`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lands where a day-by-day count lands, forwards and backwards, for n from -40 to 40', () => {
    const failures: string[] = [];
    // Every 13th day: every weekday in turn, and a spread of dates around each holiday.
    for (const date of dates.filter((_, i) => i % 13 === 0)) {
      for (let n = -40; n <= 40; n++) {
        const fast = addWorkingDays(date, n, BANK_HOLIDAYS);
        const slow = naiveAddWorkingDays(date, n, BANK_HOLIDAYS);
        if (fast !== slow) failures.push(`${date} ${n}: ${fast} but day by day ${slow}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('going back n working days then forward n returns to the start when the start is a working day', () => {
    const failures: string[] = [];
    for (const date of dates.filter((_, i) => i % 2 === 0)) {
      if (!isWorkingDay(date, BANK_HOLIDAYS)) continue;
      for (let n = 1; n <= 40; n++) {
        const back = addWorkingDays(date, -n, BANK_HOLIDAYS);
        if (addWorkingDays(back, n, BANK_HOLIDAYS) !== date)
          failures.push(`${date} -${n} = ${back}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('performance', () => {
  it('adds 3650 working days and counts 29 years in well under a millisecond each', () => {
    const runs = 500;
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) {
      addWorkingDays('2000-01-04', 3650, BANK_HOLIDAYS);
      addWorkingDays('2028-12-20', -3650, BANK_HOLIDAYS);
      workingDaysBetween('1999-12-31', '2028-12-31', BANK_HOLIDAYS);
    }
    const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / (runs * 3);
    expect(perCallMs).toBeLessThan(1);
  });
});
