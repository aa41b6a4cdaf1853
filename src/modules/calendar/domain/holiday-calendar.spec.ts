import type { BankHolidayList } from './bank-holidays';
import { holidayCalendar, holidaysBetween, isProvisional, listEndsSoon } from './holiday-calendar';
import { addWorkingDays, frozenNonWorkingDays, workingDaysBetween } from './working-days';

/** A list that covers 2011 and 2012 only, with 2011's royal wedding and 2012's jubilee. */
const SHORT_LIST: BankHolidayList = {
  division: 'england-and-wales',
  source: 'test',
  retrieved: '2012-01-01',
  events: [
    '2011-01-03',
    '2011-04-22',
    '2011-04-25',
    '2011-04-29',
    '2011-05-02',
    '2011-05-30',
    '2011-08-29',
    '2011-12-26',
    '2011-12-27',
    '2012-01-02',
    '2012-04-06',
    '2012-04-09',
    '2012-05-07',
    '2012-06-04',
    '2012-06-05',
    '2012-08-27',
    '2012-12-25',
    '2012-12-26',
  ].map((date) => ({ date, title: 'Bank holiday', notes: '' })),
};

describe('holidayCalendar', () => {
  const calendar = holidayCalendar(SHORT_LIST);

  it('covers the years of the list', () => {
    expect([calendar.coveredFrom, calendar.coveredTo]).toEqual(['2011-01-01', '2012-12-31']);
  });

  it('takes the covered years from the list and the others from the standing rules', () => {
    expect(holidaysBetween(calendar, '2012-05-01', '2012-06-30')).toEqual([
      '2012-05-07',
      '2012-06-04',
      '2012-06-05',
    ]);
    expect(holidaysBetween(calendar, '2013-01-01', '2013-04-30')).toEqual([
      '2013-01-01',
      '2013-03-29',
      '2013-04-01',
    ]);
    expect(holidaysBetween(calendar, '2010-12-20', '2010-12-31')).toEqual([
      '2010-12-27',
      '2010-12-28',
    ]);
    expect(holidaysBetween(calendar, '2999-12-20', '2999-12-31')).toHaveLength(2);
    expect(holidaysBetween(calendar, '1900-01-01', '1900-12-31')).toHaveLength(6);
  });

  it('holds every date once, in order', () => {
    expect(new Set(calendar.dates).size).toBe(calendar.dates.length);
    expect([...calendar.dates].sort()).toEqual(calendar.dates);
  });

  it('refuses a list with no events', () => {
    expect(() => holidayCalendar({ ...SHORT_LIST, events: [] })).toThrow(
      'events must name at least one bank holiday',
    );
  });

  it('counts past the list with the standing rules: Easter 2013 as the rules put it', () => {
    const nonWorking = frozenNonWorkingDays(calendar.dates);
    // Thursday before Good Friday 2013 (29 March), Easter Monday 1 April.
    expect(addWorkingDays('2013-03-28', 7, nonWorking)).toBe('2013-04-10');
    expect(workingDaysBetween('2012-12-24', '2013-01-02', nonWorking)).toBe(4);
  });
});

describe('isProvisional', () => {
  const calendar = holidayCalendar(SHORT_LIST);

  it.each<[string, string, string, boolean]>([
    ['inside the list', '2011-04-21', '2011-05-06', false],
    ['on its first and last days', '2011-01-01', '2012-12-31', false],
    ['ending a day after it', '2012-12-20', '2013-01-01', true],
    ['starting a day before it', '2010-12-31', '2011-01-10', true],
    ['wholly after it', '2030-04-18', '2030-05-01', true],
    ['given backwards', '2013-01-01', '2012-12-20', true],
  ])('is %s: %s to %s → %s', (_what, from, to, expected) => {
    expect(isProvisional(calendar, from, to)).toBe(expected);
  });
});

describe('listEndsSoon', () => {
  const calendar = holidayCalendar(SHORT_LIST);

  it.each<[string, boolean]>([
    ['2011-12-31', false],
    ['2012-01-01', true],
    ['2012-01-02', true],
    ['2012-06-30', true],
    ['2014-01-01', true],
  ])('on %s says %s for a list ending 2012-12-31', (today, expected) => {
    expect(listEndsSoon(calendar, today)).toBe(expected);
  });

  it('counts whole months from the day, the list’s end being 31 December of its last year', () => {
    const endsIn2013 = holidayCalendar({
      ...SHORT_LIST,
      events: [{ date: '2013-02-28', title: 'Test', notes: '' }],
    });
    // coveredTo is 2013-12-31 either way; a list ending 2013 is soon from 2013-01-01 on.
    expect(listEndsSoon(endsIn2013, '2012-12-31')).toBe(false);
    expect(listEndsSoon(endsIn2013, '2013-01-01')).toBe(true);
    expect(listEndsSoon(holidayCalendar(SHORT_LIST), '2012-02-29', 10)).toBe(false);
    expect(listEndsSoon(holidayCalendar(SHORT_LIST), '2012-02-29', 11)).toBe(true);
  });
});
