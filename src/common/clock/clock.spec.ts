import { Clock, SystemClock, londonDate } from './clock';

class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }
}

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

describe('Clock', () => {
  it.each([
    ['2011-06-30T23:30:00.000Z', '2011-07-01'],
    ['2011-12-31T23:30:00.000Z', '2011-12-31'],
    ['2011-03-27T00:59:00.000Z', '2011-03-27'],
    ['2011-10-30T00:30:00.000Z', '2011-10-30'],
  ])('standing at %s, gives today as %s in Europe/London', (instant, today) => {
    const clock = new FixedClock(new Date(instant));
    expect(clock.now().toISOString()).toBe(instant);
    expect(clock.today()).toBe(today);
  });

  it('the system clock tells the current time and today in London', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now().getTime();
    const today = clock.today();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    expect([londonDate(new Date(before)), londonDate(new Date(after))]).toContain(today);
  });
});
