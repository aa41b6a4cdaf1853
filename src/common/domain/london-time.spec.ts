import { londonDate, londonInstant } from './london-time';

/** How London's clocks read at an instant, e.g. '27/03/2011, 03:00:00'. */
const londonReading = (instant: Date): string =>
  instant.toLocaleString('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23' });

describe('londonInstant', () => {
  it.each([
    ['2011-05-06', 9, 0, '2011-05-06T08:00:00.000Z', 'a summer day is on BST'],
    ['2011-12-01', 9, 0, '2011-12-01T09:00:00.000Z', 'a winter day is on GMT'],
    [
      '2011-05-06',
      0,
      30,
      '2011-05-05T23:30:00.000Z',
      'half past midnight in summer is the day before in UTC',
    ],
    [
      '2011-12-01',
      0,
      30,
      '2011-12-01T00:30:00.000Z',
      'half past midnight in winter is the same in UTC',
    ],
    ['2021-07-15', 9, 0, '2021-07-15T08:00:00.000Z', 'a summer day in 2021 is on BST'],
    ['2021-01-15', 9, 0, '2021-01-15T09:00:00.000Z', 'a winter day in 2021 is on GMT'],
    [
      '2021-07-15',
      0,
      30,
      '2021-07-14T23:30:00.000Z',
      'half past midnight in summer 2021 is the day before in UTC',
    ],
    [
      '2021-01-15',
      0,
      30,
      '2021-01-15T00:30:00.000Z',
      'half past midnight in winter 2021 is the same in UTC',
    ],
    ['2011-06-30', 23, 59, '2011-06-30T22:59:00.000Z', 'the last minute of a summer day is on BST'],
  ])('gives %s at %i:%i as %s (%s)', (date, hour, minute, expected) => {
    expect(londonInstant(date, hour, minute).toISOString()).toBe(expected);
  });

  it.each([
    // Spring forward: Sunday 27 March 2011 and Sunday 28 March 2021, 01:00 GMT becomes 02:00 BST.
    [
      '2011-03-26',
      9,
      0,
      '2011-03-26T09:00:00.000Z',
      'the day before the 2011 spring change is on GMT',
    ],
    [
      '2011-03-26',
      0,
      30,
      '2011-03-26T00:30:00.000Z',
      'the night before the 2011 spring change is on GMT',
    ],
    [
      '2011-03-27',
      0,
      30,
      '2011-03-27T00:30:00.000Z',
      'the 2011 spring change day before 01:00 is on GMT',
    ],
    [
      '2011-03-27',
      9,
      0,
      '2011-03-27T08:00:00.000Z',
      'the 2011 spring change day after 02:00 is on BST',
    ],
    [
      '2011-03-28',
      0,
      30,
      '2011-03-27T23:30:00.000Z',
      'the night after the 2011 spring change is on BST',
    ],
    [
      '2011-03-28',
      9,
      0,
      '2011-03-28T08:00:00.000Z',
      'the day after the 2011 spring change is on BST',
    ],
    [
      '2021-03-27',
      9,
      0,
      '2021-03-27T09:00:00.000Z',
      'the day before the 2021 spring change is on GMT',
    ],
    [
      '2021-03-28',
      0,
      30,
      '2021-03-28T00:30:00.000Z',
      'the 2021 spring change day before 01:00 is on GMT',
    ],
    [
      '2021-03-28',
      9,
      0,
      '2021-03-28T08:00:00.000Z',
      'the 2021 spring change day after 02:00 is on BST',
    ],
    [
      '2021-03-29',
      0,
      30,
      '2021-03-28T23:30:00.000Z',
      'the night after the 2021 spring change is on BST',
    ],
    [
      '2021-03-29',
      9,
      0,
      '2021-03-29T08:00:00.000Z',
      'the day after the 2021 spring change is on BST',
    ],
    // Fall back: Sunday 30 October 2011 and Sunday 31 October 2021, 02:00 BST becomes 01:00 GMT.
    [
      '2011-10-29',
      9,
      0,
      '2011-10-29T08:00:00.000Z',
      'the day before the 2011 autumn change is on BST',
    ],
    [
      '2011-10-30',
      0,
      30,
      '2011-10-29T23:30:00.000Z',
      'the 2011 autumn change day before 01:00 is on BST',
    ],
    [
      '2011-10-30',
      9,
      0,
      '2011-10-30T09:00:00.000Z',
      'the 2011 autumn change day after 02:00 is on GMT',
    ],
    [
      '2011-10-31',
      0,
      30,
      '2011-10-31T00:30:00.000Z',
      'the night after the 2011 autumn change is on GMT',
    ],
    [
      '2011-10-31',
      9,
      0,
      '2011-10-31T09:00:00.000Z',
      'the day after the 2011 autumn change is on GMT',
    ],
    [
      '2021-10-30',
      9,
      0,
      '2021-10-30T08:00:00.000Z',
      'the day before the 2021 autumn change is on BST',
    ],
    [
      '2021-10-31',
      0,
      30,
      '2021-10-30T23:30:00.000Z',
      'the 2021 autumn change day before 01:00 is on BST',
    ],
    [
      '2021-10-31',
      9,
      0,
      '2021-10-31T09:00:00.000Z',
      'the 2021 autumn change day after 02:00 is on GMT',
    ],
    [
      '2021-11-01',
      0,
      30,
      '2021-11-01T00:30:00.000Z',
      'the night after the 2021 autumn change is on GMT',
    ],
    [
      '2021-11-01',
      9,
      0,
      '2021-11-01T09:00:00.000Z',
      'the day after the 2021 autumn change is on GMT',
    ],
  ])('gives %s at %i:%i as %s around a clock change (%s)', (date, hour, minute, expected) => {
    expect(londonInstant(date, hour, minute).toISOString()).toBe(expected);
  });

  it.each([
    ['2011-03-27', 1, 0, '2011-03-27T01:00:00.000Z', '02:00'],
    ['2011-03-27', 1, 30, '2011-03-27T01:30:00.000Z', '02:30'],
    ['2021-03-28', 1, 59, '2021-03-28T01:59:00.000Z', '02:59'],
  ])(
    'moves %s %i:%i, which the spring change skips, an hour later to %s (%s BST)',
    (date, hour, minute, expected, shownInLondon) => {
      const instant = londonInstant(date, hour, minute);
      expect(instant.toISOString()).toBe(expected);
      expect(londonReading(instant)).toContain(`${shownInLondon}:00`);
    },
  );

  it('puts the spring-forward gap times after the last minute before the change', () => {
    const before = londonInstant('2011-03-27', 0, 59);
    const inGap = londonInstant('2011-03-27', 1, 0);
    const after = londonInstant('2011-03-27', 2, 0);
    expect(before.getTime()).toBeLessThan(inGap.getTime());
    expect(inGap.getTime()).toBe(after.getTime());
  });

  it.each([
    ['2011-10-30', 1, 0, '2011-10-30T00:00:00.000Z'],
    ['2011-10-30', 1, 30, '2011-10-30T00:30:00.000Z'],
    ['2021-10-31', 1, 30, '2021-10-31T00:30:00.000Z'],
    ['2021-10-31', 1, 59, '2021-10-31T00:59:00.000Z'],
  ])(
    'gives the first (BST) occurrence of %s %i:%i, which the autumn change repeats: %s',
    (date, hour, minute, expected) => {
      expect(londonInstant(date, hour, minute).toISOString()).toBe(expected);
    },
  );

  it.each([
    ['2011-10-30', 0, 59, '2011-10-29T23:59:00.000Z'],
    ['2011-10-30', 2, 0, '2011-10-30T02:00:00.000Z'],
  ])(
    'is unaffected just outside the repeated autumn hour: %s %i:%i is %s',
    (date, hour, minute, expected) => {
      expect(londonInstant(date, hour, minute).toISOString()).toBe(expected);
    },
  );

  it('reads back as the same wall-clock time in London on every day of 2011 and 2021', () => {
    const mismatches: string[] = [];
    for (const year of [2011, 2021]) {
      for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) {
        const date = new Date(time).toISOString().slice(0, 10);
        const [y, m, d] = date.split('-');
        for (const [hour, minute, shown] of [
          [9, 0, '09:00:00'],
          [0, 30, '00:30:00'],
        ] as const) {
          const reading = londonReading(londonInstant(date, hour, minute));
          if (reading !== `${d}/${m}/${y}, ${shown}`)
            mismatches.push(`${date} ${shown}: ${reading}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('defaults the minute to zero', () => {
    expect(londonInstant('2011-05-06', 9).toISOString()).toBe('2011-05-06T08:00:00.000Z');
  });

  it('uses British Standard Time all year during the 1968-1971 experiment', () => {
    expect(londonInstant('1970-01-15', 9).toISOString()).toBe('1970-01-15T08:00:00.000Z');
  });

  it.each([
    ['2011-02-30', 9, 0, 'date'],
    ['6/5/2011', 9, 0, 'date'],
    ['2011-05-06', 24, 0, 'hour'],
    ['2011-05-06', -1, 0, 'hour'],
    ['2011-05-06', 9.5, 0, 'hour'],
    ['2011-05-06', Number.NaN, 0, 'hour'],
    ['2011-05-06', 9, 60, 'minute'],
    ['2011-05-06', 9, 0.5, 'minute'],
  ])('rejects %s at %s:%s with a RangeError naming the %s', (date, hour, minute, name) => {
    expect(() => londonInstant(date, hour, minute)).toThrow(RangeError);
    expect(() => londonInstant(date, hour, minute)).toThrow(name);
  });

  it('answers a remembered instant as a new Date each time, so that a caller may change it', () => {
    const first = londonInstant('2011-05-06', 9);
    first.setTime(0);
    const again = londonInstant('2011-05-06', 9);
    expect(again.toISOString()).toBe('2011-05-06T08:00:00.000Z');
    expect(again).not.toBe(londonInstant('2011-05-06', 9));
  });

  it('answers the same as ever after more instants than it remembers', () => {
    const summer = londonInstant('2011-05-06', 9).toISOString();
    // 11 000 distinct hours from 2011: more than the 10 000 it keeps.
    for (let i = 0; i < 11_000; i += 1) {
      const date = new Date(Date.UTC(2011, 0, 1 + Math.floor(i / 24))).toISOString().slice(0, 10);
      londonInstant(date, i % 24);
    }
    expect(londonInstant('2011-05-06', 9).toISOString()).toBe(summer);
    expect(londonInstant('2011-12-01', 9).toISOString()).toBe('2011-12-01T09:00:00.000Z');
    expect(londonReading(londonInstant('2012-10-28', 1, 30))).toBe('28/10/2012, 01:30:00');
  });
});

describe('londonDate', () => {
  it.each([
    // instant (UTC), date in London, why
    ['2011-01-15T12:00:00.000Z', '2011-01-15', 'midday in winter'],
    ['2011-03-26T23:59:59.999Z', '2011-03-26', 'the last moment before the day BST starts (GMT)'],
    ['2011-03-27T00:00:00.000Z', '2011-03-27', 'midnight GMT on the day BST starts'],
    ['2011-03-27T00:59:00.000Z', '2011-03-27', '00:59 GMT, a minute before BST starts'],
    ['2011-03-27T01:00:00.000Z', '2011-03-27', 'the instant BST starts (02:00 BST)'],
    ['2011-03-27T22:59:59.999Z', '2011-03-27', '23:59:59 BST on the day BST starts'],
    ['2011-03-27T23:00:00.000Z', '2011-03-28', 'midnight BST after the change'],
    ['2011-03-31T23:30:00.000Z', '2011-04-01', 'the start of the financial year, in BST'],
    ['2011-06-30T22:59:59.999Z', '2011-06-30', '23:59:59 BST in summer'],
    ['2011-06-30T23:00:00.000Z', '2011-07-01', 'midnight BST in summer'],
    ['2011-06-30T23:30:00.000Z', '2011-07-01', '23:30 UTC in summer is the next day in London'],
    ['2011-10-29T22:59:59.999Z', '2011-10-29', '23:59:59 BST the evening before BST ends'],
    ['2011-10-29T23:00:00.000Z', '2011-10-30', 'midnight BST on the day BST ends'],
    ['2011-10-30T00:30:00.000Z', '2011-10-30', 'the first 01:30 (BST) on the day BST ends'],
    ['2011-10-30T01:00:00.000Z', '2011-10-30', 'the instant BST ends (01:00 GMT)'],
    ['2011-10-30T01:30:00.000Z', '2011-10-30', 'the second 01:30 (GMT) on the day BST ends'],
    ['2011-10-30T23:30:00.000Z', '2011-10-30', '23:30 GMT after BST ends'],
    ['2011-10-30T23:59:59.999Z', '2011-10-30', 'the last moment of the day BST ends'],
    ['2011-12-31T23:30:00.000Z', '2011-12-31', '23:30 UTC in winter is the same day in London'],
    ['2012-01-01T00:00:00.000Z', '2012-01-01', 'midnight at the new year'],
    ['2012-02-29T12:00:00.000Z', '2012-02-29', 'a leap day'],
    ['2012-03-25T00:59:59.999Z', '2012-03-25', 'a moment before BST starts in 2012'],
    ['2012-03-31T23:30:00.000Z', '2012-04-01', 'the start of the 2012 financial year, in BST'],
    ['1971-10-31T01:59:59.999Z', '1971-10-31', 'British Standard Time, before 1972'],
    ['1940-06-30T22:30:00.000Z', '1940-06-30', 'wartime summer time, before 1972'],
    ['1840-01-01T23:59:00.000Z', '1840-01-01', 'London mean time, before 1847'],
  ])('dates %s as %s in London (%s)', (instant, date) => {
    expect(londonDate(new Date(instant))).toBe(date);
  });

  it('gives the date formatting each instant afresh would, around every midnight from 1972 to 2040', () => {
    // Canada's short date is written YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      dateStyle: 'short',
    });
    // London's midnight falls at 23:00 or 00:00 UTC, so a date kept for the wrong hour would
    // show here; each hour is asked first at one moment of it and then at others.
    const minute = 60_000;
    const around = [
      -60 * minute,
      -1,
      30 * minute,
      60 * minute - 1,
      0,
      45 * minute,
      120 * minute - 1,
      60 * minute,
      -31 * minute,
      -90 * minute,
    ];
    const wrong: string[] = [];
    for (let day = Date.UTC(1972, 0, 2); day < Date.UTC(2040, 0, 1); day += 1440 * minute) {
      for (const offset of around) {
        const instant = new Date(day + offset);
        if (londonDate(instant) !== format.format(instant)) wrong.push(instant.toISOString());
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an invalid date, as formatting it does', () => {
    expect(() => londonDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('always writes the date as YYYY-MM-DD', () => {
    expect(londonDate(new Date('2011-02-03T10:00:00.000Z'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
