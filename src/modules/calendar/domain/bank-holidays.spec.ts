import { readFileSync } from 'fs';
import { join } from 'path';
import { bankHolidayDates, parseBankHolidayList, type BankHolidayList } from './bank-holidays';
import { addDays, dayOfWeek, isIsoDate, type IsoDate } from '../../../common/domain/iso-date';

const CONFIG_FILE = join(__dirname, '../../../../config/bank-holidays.json');

function loadList(): BankHolidayList {
  return parseBankHolidayList(JSON.parse(readFileSync(CONFIG_FILE, 'utf8')) as unknown);
}

/**
 * England and Wales bank holidays, written out independently of the data file.
 * 2012-2026 as published on GOV.UK; the rest from the statutory rules and the
 * proclaimed changes (see the file's `source`).
 */
// prettier-ignore
const EXPECTED: ReadonlyArray<readonly [number, readonly string[]]> = [
  [2000, ['2000-01-03', '2000-04-21', '2000-04-24', '2000-05-01', '2000-05-29', '2000-08-28', '2000-12-25', '2000-12-26']],
  [2001, ['2001-01-01', '2001-04-13', '2001-04-16', '2001-05-07', '2001-05-28', '2001-08-27', '2001-12-25', '2001-12-26']],
  // Golden Jubilee Mon 3 June; Spring bank holiday moved to Tue 4 June.
  [2002, ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26']],
  [2003, ['2003-01-01', '2003-04-18', '2003-04-21', '2003-05-05', '2003-05-26', '2003-08-25', '2003-12-25', '2003-12-26']],
  // Christmas on Saturday: Mon 27 and Tue 28.
  [2004, ['2004-01-01', '2004-04-09', '2004-04-12', '2004-05-03', '2004-05-31', '2004-08-30', '2004-12-27', '2004-12-28']],
  // New Year on Saturday; Christmas on Sunday: Boxing Day Mon 26, Christmas Tue 27.
  [2005, ['2005-01-03', '2005-03-25', '2005-03-28', '2005-05-02', '2005-05-30', '2005-08-29', '2005-12-26', '2005-12-27']],
  [2006, ['2006-01-02', '2006-04-14', '2006-04-17', '2006-05-01', '2006-05-29', '2006-08-28', '2006-12-25', '2006-12-26']],
  [2007, ['2007-01-01', '2007-04-06', '2007-04-09', '2007-05-07', '2007-05-28', '2007-08-27', '2007-12-25', '2007-12-26']],
  [2008, ['2008-01-01', '2008-03-21', '2008-03-24', '2008-05-05', '2008-05-26', '2008-08-25', '2008-12-25', '2008-12-26']],
  // Boxing Day on Saturday: Mon 28.
  [2009, ['2009-01-01', '2009-04-10', '2009-04-13', '2009-05-04', '2009-05-25', '2009-08-31', '2009-12-25', '2009-12-28']],
  [2010, ['2010-01-01', '2010-04-02', '2010-04-05', '2010-05-03', '2010-05-31', '2010-08-30', '2010-12-27', '2010-12-28']],
  // Royal wedding Fri 29 April.
  [2011, ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27']],
  // Spring bank holiday moved to Mon 4 June; Diamond Jubilee Tue 5 June.
  [2012, ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']],
  [2013, ['2013-01-01', '2013-03-29', '2013-04-01', '2013-05-06', '2013-05-27', '2013-08-26', '2013-12-25', '2013-12-26']],
  [2014, ['2014-01-01', '2014-04-18', '2014-04-21', '2014-05-05', '2014-05-26', '2014-08-25', '2014-12-25', '2014-12-26']],
  [2015, ['2015-01-01', '2015-04-03', '2015-04-06', '2015-05-04', '2015-05-25', '2015-08-31', '2015-12-25', '2015-12-28']],
  [2016, ['2016-01-01', '2016-03-25', '2016-03-28', '2016-05-02', '2016-05-30', '2016-08-29', '2016-12-26', '2016-12-27']],
  [2017, ['2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26']],
  [2018, ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26']],
  [2019, ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26']],
  // Early May bank holiday moved to Fri 8 May (VE day 75th anniversary).
  [2020, ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']],
  [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
  // Spring bank holiday moved to Thu 2 June; Platinum Jubilee Fri 3 June; State Funeral Mon 19 September.
  [2022, ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']],
  // Coronation of King Charles III Mon 8 May.
  [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
  [2024, ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']],
  [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
  [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
  [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  [2028, ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26']],
];

/** Western Easter Day by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('the Easter computus used to check the file', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
  ])('puts Easter Day %i on %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

const EXPECTED_COUNTS: Readonly<Record<number, number>> = {
  2002: 9,
  2011: 9,
  2012: 9,
  2022: 10,
  2023: 9,
};

describe('the England and Wales bank holiday file', () => {
  const list = loadList();
  const datesIn = (year: number): string[] =>
    list.events.filter((event) => event.date.startsWith(`${year}-`)).map((event) => event.date);

  it('parses as a bank holiday list for england-and-wales with its provenance', () => {
    expect(list.division).toBe('england-and-wales');
    expect(list.source).toContain('https://www.gov.uk/bank-holidays.json');
    expect(isIsoDate(list.retrieved)).toBe(true);
  });

  it('covers exactly the years 2000 to 2028', () => {
    const years = new Set(list.events.map((event) => Number(event.date.slice(0, 4))));
    expect([...years]).toEqual(EXPECTED.map(([year]) => year));
  });

  it.each(EXPECTED)('lists exactly the expected bank holidays in %i', (year, dates) => {
    expect(datesIn(year)).toEqual(dates);
  });

  it.each(EXPECTED.map(([year]) => [year, EXPECTED_COUNTS[year] ?? 8] as const))(
    '%i has %i bank holidays',
    (year, count) => {
      expect(datesIn(year)).toHaveLength(count);
    },
  );

  it.each(EXPECTED.map(([year]) => [year]))(
    'has Good Friday and Easter Monday around Easter Day %i',
    (year) => {
      const easter = easterSunday(year);
      const dates = datesIn(year);
      expect(dates).toContain(addDays(easter, -2));
      expect(dates).toContain(addDays(easter, 1));
    },
  );

  it('puts every bank holiday on a weekday', () => {
    const weekend = list.events.filter(
      (event) => dayOfWeek(event.date) === 0 || dayOfWeek(event.date) === 6,
    );
    expect(weekend).toEqual([]);
  });

  it('has 238 events in all', () => {
    expect(list.events).toHaveLength(EXPECTED.reduce((sum, [, dates]) => sum + dates.length, 0));
    expect(list.events).toHaveLength(238);
  });

  it.each([
    ['2002-06-03', 'Queen’s Golden Jubilee', 'Extra bank holiday'],
    ['2002-06-04', 'Spring bank holiday', 'Substitute day'],
    ['2011-04-29', 'Royal wedding', 'Extra bank holiday'],
    ['2012-06-04', 'Spring bank holiday', 'Substitute day'],
    ['2012-06-05', 'Queen’s Diamond Jubilee', 'Extra bank holiday'],
    ['2020-05-08', 'Early May bank holiday (VE day)', ''],
    ['2022-06-02', 'Spring bank holiday', ''],
    ['2022-06-03', 'Platinum Jubilee bank holiday', ''],
    ['2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II', ''],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III', ''],
    ['2021-12-27', 'Christmas Day', 'Substitute day'],
    ['2021-12-28', 'Boxing Day', 'Substitute day'],
    ['2022-12-26', 'Boxing Day', ''],
    ['2022-12-27', 'Christmas Day', 'Substitute day'],
    ['2022-01-03', 'New Year’s Day', 'Substitute day'],
    ['2015-12-28', 'Boxing Day', 'Substitute day'],
  ])('names %s "%s" with notes %j', (date, title, notes) => {
    expect(list.events.find((event) => event.date === date)).toEqual({ date, title, notes });
  });

  it('gives its dates as a set for working-day arithmetic', () => {
    const dates = bankHolidayDates(list);
    expect(dates.size).toBe(238);
    expect(dates.has('2011-04-29')).toBe(true);
    expect(dates.has('2011-04-28')).toBe(false);
  });
});

describe('parseBankHolidayList', () => {
  const valid = (): Record<string, unknown> => ({
    division: 'england-and-wales',
    source: 'test',
    retrieved: '2026-11-26',
    events: [
      { date: '2022-12-26', title: 'Boxing Day', notes: '' },
      { date: '2022-12-27', title: 'Christmas Day', notes: 'Substitute day', bunting: true },
    ],
  });

  it('accepts a well-formed list and drops fields it does not know', () => {
    expect(parseBankHolidayList(valid())).toEqual({
      division: 'england-and-wales',
      source: 'test',
      retrieved: '2026-11-26',
      events: [
        { date: '2022-12-26', title: 'Boxing Day', notes: '' },
        { date: '2022-12-27', title: 'Christmas Day', notes: 'Substitute day' },
      ],
    });
  });

  it('refuses a list with no events: the years it covers are those of its first and last', () => {
    expect(() => parseBankHolidayList({ ...valid(), events: [] })).toThrow(
      new Error('events must name at least one bank holiday'),
    );
  });

  type Input = Record<string, unknown>;
  const mutate = (change: (input: Input) => void): unknown => {
    const input = valid();
    change(input);
    return input;
  };
  const setEvent = (index: number, value: unknown) => (input: Input) => {
    (input['events'] as unknown[])[index] = value;
  };

  it.each<[string, unknown, string]>([
    ['null', null, 'the file must be a JSON object'],
    ['an array', [], 'the file must be a JSON object'],
    ['a string', 'england-and-wales', 'the file must be a JSON object'],
    ['no division', mutate((i) => delete i['division']), 'division is missing'],
    ['an empty division', mutate((i) => (i['division'] = '  ')), 'division must not be empty'],
    ['a numeric source', mutate((i) => (i['source'] = 42)), 'source must be a string'],
    ['no retrieved date', mutate((i) => delete i['retrieved']), 'retrieved is missing'],
    [
      'a bad retrieved date',
      mutate((i) => (i['retrieved'] = '26/11/2026')),
      'retrieved must be a real YYYY-MM-DD date, not "26/11/2026"',
    ],
    ['no events', mutate((i) => delete i['events']), 'events is missing'],
    ['events that are not an array', mutate((i) => (i['events'] = {})), 'events must be an array'],
    [
      'an event that is not an object',
      mutate(setEvent(1, '2022-12-27')),
      'events[1] must be a JSON object',
    ],
    [
      'an event with no date',
      mutate(setEvent(0, { title: 'Boxing Day', notes: '' })),
      'events[0].date is missing',
    ],
    [
      'an impossible date',
      mutate(setEvent(0, { date: '2022-02-30', title: 'Boxing Day', notes: '' })),
      'events[0].date must be a real YYYY-MM-DD date, not "2022-02-30"',
    ],
    [
      'a date without padding',
      mutate(setEvent(0, { date: '2022-12-6', title: 'Boxing Day', notes: '' })),
      'events[0].date must be a real YYYY-MM-DD date, not "2022-12-6"',
    ],
    [
      'an event with no title',
      mutate(setEvent(0, { date: '2022-12-26', notes: '' })),
      'events[0].title is missing',
    ],
    [
      'an event with an empty title',
      mutate(setEvent(0, { date: '2022-12-26', title: '', notes: '' })),
      'events[0].title must not be empty',
    ],
    [
      'an event with no notes',
      mutate(setEvent(0, { date: '2022-12-26', title: 'Boxing Day' })),
      'events[0].notes is missing',
    ],
    [
      'notes that are null',
      mutate(setEvent(0, { date: '2022-12-26', title: 'Boxing Day', notes: null })),
      'events[0].notes must be a string',
    ],
    [
      'events out of order',
      mutate(setEvent(1, { date: '2022-12-25', title: 'Christmas Day', notes: '' })),
      'events[1].date 2022-12-25 comes before events[0] (2022-12-26): events must be sorted by date',
    ],
    [
      'two events on one date',
      mutate(setEvent(1, { date: '2022-12-26', title: 'Christmas Day', notes: '' })),
      'events[1].date 2022-12-26 is already used by events[0]',
    ],
  ])('rejects %s with a message naming the path and the problem', (_case, input, message) => {
    expect(() => parseBankHolidayList(input)).toThrow(new Error(message));
  });

  it('reports problems on a single line', () => {
    const bad = mutate(setEvent(0, { date: '2022-12-26\n', title: 'Boxing Day', notes: '' }));
    expect(() => parseBankHolidayList(bad)).toThrow(/^[^\n]+$/);
  });
});
