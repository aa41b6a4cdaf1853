import {
  addDays,
  compareIsoDates,
  dayOfWeek,
  fromEpochDay,
  isIsoDate,
  toEpochDay,
} from './iso-date';

describe('isIsoDate', () => {
  it.each([
    ['2012-02-29', 'a leap day in a year divisible by 4'],
    ['2000-02-29', 'a leap day in 2000 (divisible by 400)'],
    ['2400-02-29', 'a leap day in 2400 (divisible by 400)'],
    ['2011-02-28', 'the last day of February in a common year'],
    ['2011-01-31', 'the 31st of a 31-day month'],
    ['2011-04-30', 'the 30th of a 30-day month'],
    ['2011-12-31', 'the last day of the year'],
    ['1900-01-01', 'the first supported day'],
    ['2999-12-31', 'the last supported day'],
  ])('accepts %s (%s)', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2011-02-29', 'a leap day in a common year'],
    ['1900-02-29', 'a leap day in 1900 (divisible by 100, not 400)'],
    ['2100-02-29', 'a leap day in 2100 (divisible by 100, not 400)'],
    ['2011-02-30', 'the 30th of February'],
    ['2011-04-31', 'the 31st of a 30-day month'],
    ['2011-13-01', 'month 13'],
    ['2011-00-10', 'month 00'],
    ['2011-01-00', 'day 00'],
    ['2011-01-32', 'day 32'],
    ['2011-2-3', 'single-digit month and day'],
    ['11-02-03', 'a two-digit year'],
    ['20110203', 'no separators'],
    ['2011/02/03', 'slashes'],
    ['2011-02-03T00:00:00Z', 'a timestamp'],
    [' 2011-02-03', 'leading space'],
    ['2011-02-03\n', 'a trailing newline'],
    ['1899-12-31', 'a year before 1900'],
    ['3000-01-01', 'a year after 2999'],
    ['+2011-02-03', 'a signed year'],
    ['２０１１-02-03', 'non-ASCII digits'],
    ['', 'the empty string'],
  ])('rejects %j (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it.each([
    [null],
    [undefined],
    [20110203],
    [new Date(Date.UTC(2011, 1, 3))],
    [{}],
    [['2011-02-03']],
  ])('rejects the non-string %p', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2011-04-21', 0, '2011-04-21'],
    ['2011-04-21', 1, '2011-04-22'],
    ['2011-04-30', 1, '2011-05-01'],
    ['2011-01-31', 1, '2011-02-01'],
    ['2011-12-31', 1, '2012-01-01'],
    ['2012-01-01', -1, '2011-12-31'],
    ['2012-02-28', 1, '2012-02-29'],
    ['2012-02-29', 1, '2012-03-01'],
    ['2011-02-28', 1, '2011-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2012-03-01', -1, '2012-02-29'],
    ['2011-03-01', -1, '2011-02-28'],
    ['2012-02-29', 365, '2013-02-28'],
    ['2012-02-29', 366, '2013-03-01'],
    ['2011-03-27', 1, '2011-03-28'], // clocks went forward in the UK overnight
    ['2011-10-30', 1, '2011-10-31'], // clocks went back in the UK overnight
    ['2000-01-01', 10_958, '2030-01-01'],
    ['2030-01-01', -10_958, '2000-01-01'],
    ['1970-01-01', -1, '1969-12-31'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([[0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'refuses a non-integer number of days (%p)',
    (days) => {
      expect(() => addDays('2011-04-21', days)).toThrow(RangeError);
    },
  );

  it.each([['2011-02-30'], ['2011-2-3'], ['']])('refuses the invalid date %j', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });

  it('refuses to leave the supported years', () => {
    expect(() => addDays('2999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('1900-01-01', -1)).toThrow(RangeError);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['1970-01-01', 4, 'Thursday'],
    ['1969-12-31', 3, 'Wednesday'],
    ['1900-01-01', 1, 'Monday'],
    ['2000-01-01', 6, 'Saturday'],
    ['2000-02-29', 2, 'Tuesday'],
    ['2011-04-21', 4, 'Thursday'],
    ['2011-04-29', 5, 'Friday'],
    ['2011-05-06', 5, 'Friday'],
    ['2011-12-25', 0, 'Sunday'],
    ['2020-05-08', 5, 'Friday'],
    ['2021-12-25', 6, 'Saturday'],
    ['2022-09-19', 1, 'Monday'],
    ['2023-05-08', 1, 'Monday'],
    ['2026-11-26', 4, 'Thursday'],
    ['2999-12-31', 2, 'Tuesday'],
  ])('%s is day %i (%s)', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  it('moves on by one each day across ten years', () => {
    let date = '2015-12-31';
    let expected = dayOfWeek(date);
    const failures: string[] = [];
    for (let i = 0; i < 3653; i++) {
      date = addDays(date, 1);
      expected = (expected + 1) % 7;
      if (dayOfWeek(date) !== expected) failures.push(date);
    }
    expect(failures).toEqual([]);
  });

  it('refuses an invalid date', () => {
    expect(() => dayOfWeek('2011-02-29')).toThrow(RangeError);
  });
});

describe('compareIsoDates', () => {
  it.each([
    ['2011-04-21', '2011-04-22', -1],
    ['2011-04-22', '2011-04-21', 1],
    ['2011-04-21', '2011-04-21', 0],
    ['2011-12-31', '2012-01-01', -1],
    ['2012-01-01', '2011-12-31', 1],
    ['2011-09-30', '2011-10-01', -1],
    ['1999-12-31', '2000-01-01', -1],
  ])('compares %s with %s as %i', (a, b, sign) => {
    expect(Math.sign(compareIsoDates(a, b))).toBe(sign);
  });

  it('sorts dates into calendar order', () => {
    const dates = ['2012-01-01', '2011-12-31', '2011-02-01', '2011-10-01', '2011-09-30'];
    expect([...dates].sort(compareIsoDates)).toEqual([
      '2011-02-01',
      '2011-09-30',
      '2011-10-01',
      '2011-12-31',
      '2012-01-01',
    ]);
  });

  it('refuses an invalid date on either side', () => {
    expect(() => compareIsoDates('2011-02-30', '2011-03-01')).toThrow(RangeError);
    expect(() => compareIsoDates('2011-03-01', '2011-3-1')).toThrow(RangeError);
  });
});

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-01-01', 10_957],
  ])('%s is epoch day %i and back', (date, epochDay) => {
    expect(toEpochDay(date)).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
  });
});
