import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBankHolidayList } from './bank-holidays';
import { MAX_ISO_YEAR, MIN_ISO_YEAR } from '../../../common/domain/iso-date';
import { easterSunday, standingBankHolidays } from './standing-bank-holidays';

/**
 * Gauss's Easter algorithm with the Lichtenberg corrections for the Gregorian calendar: a
 * second, independent computation to check the anonymous Gregorian algorithm against.
 */
function gaussEaster(year: number): string {
  const a = year % 19;
  const b = year % 4;
  const c = year % 7;
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30;
  const n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30;
  const e = (2 * b + 4 * c + 6 * d + n) % 7;
  let day = 22 + d + e; // days from 1 March, counting 22 March as 22
  // The two exceptions of the Gregorian rule.
  if (d === 29 && e === 6) day = 50; // 19 April
  if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) day = 49; // 18 April
  const [month, date] = day > 31 ? [4, day - 31] : [3, day];
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

const dates = (year: number): string[] => standingBankHolidays(year).map((event) => event.date);

describe('easterSunday', () => {
  it('agrees with Gauss’s algorithm in every year from 1900 to 2999', () => {
    const disagreements: string[] = [];
    for (let year = MIN_ISO_YEAR; year <= MAX_ISO_YEAR; year++) {
      if (easterSunday(year) !== gaussEaster(year)) disagreements.push(String(year));
    }
    expect(disagreements).toEqual([]);
  });

  it.each([
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2031, '2031-04-13'],
    [2032, '2032-03-28'],
    [2033, '2033-04-17'],
    [2034, '2034-04-09'],
    [2035, '2035-03-25'],
    [2036, '2036-04-13'],
    [2037, '2037-04-05'],
    [2038, '2038-04-25'],
    [2039, '2039-04-10'],
    [2040, '2040-04-01'],
    // The earliest and latest possible Easters, and the two exceptions of the rule.
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [1981, '1981-04-19'],
    [1954, '1954-04-18'],
  ])('puts Easter %i on %s, as the published tables do', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('standingBankHolidays', () => {
  it.each<[number, string[]]>([
    // Christmas on a Saturday: Monday 27 and Tuesday 28 December.
    [2032, ['2032-01-01', '2032-12-27', '2032-12-28']],
    [2038, ['2038-01-01', '2038-12-27', '2038-12-28']],
    // Christmas on a Sunday: Monday 26 and Tuesday 27; New Year's Day on a Saturday: Monday 3.
    [2033, ['2033-01-03', '2033-12-26', '2033-12-27']],
    [2039, ['2039-01-03', '2039-12-26', '2039-12-27']],
    // New Year's Day on a Sunday: Monday 2 January.
    [2034, ['2034-01-02', '2034-12-25', '2034-12-26']],
    [2040, ['2040-01-02', '2040-12-25', '2040-12-26']],
    // Christmas on a Friday: Boxing Day moves to Monday 28.
    [2037, ['2037-01-01', '2037-12-25', '2037-12-28']],
    // Weekdays throughout.
    [2029, ['2029-01-01', '2029-12-25', '2029-12-26']],
    [2030, ['2030-01-01', '2030-12-25', '2030-12-26']],
    [2031, ['2031-01-01', '2031-12-25', '2031-12-26']],
    [2035, ['2035-01-01', '2035-12-25', '2035-12-26']],
    [2036, ['2036-01-01', '2036-12-25', '2036-12-26']],
  ])('in %i puts New Year, Christmas and Boxing Day on the working days %j', (year, expected) => {
    const all = dates(year);
    expect([all[0], ...all.slice(-2)]).toEqual(expected);
  });

  it.each<[number, string[]]>([
    [
      2030,
      [
        '2030-01-01',
        '2030-04-19',
        '2030-04-22',
        '2030-05-06',
        '2030-05-27',
        '2030-08-26',
        '2030-12-25',
        '2030-12-26',
      ],
    ],
    [
      2033,
      [
        '2033-01-03',
        '2033-04-15',
        '2033-04-18',
        '2033-05-02',
        '2033-05-30',
        '2033-08-29',
        '2033-12-26',
        '2033-12-27',
      ],
    ],
  ])('gives %i its eight bank holidays', (year, expected) => {
    expect(dates(year)).toEqual(expected);
  });

  it('puts Good Friday and Easter Monday round the independently computed Easter, 2029–2040', () => {
    for (let year = 2029; year <= 2040; year++) {
      const easter = Date.parse(gaussEaster(year));
      const day = (offset: number) =>
        new Date(easter + offset * 86_400_000).toISOString().slice(0, 10);
      const events = standingBankHolidays(year);
      expect(events.find((e) => e.title === 'Good Friday')?.date).toBe(day(-2));
      expect(events.find((e) => e.title === 'Easter Monday')?.date).toBe(day(1));
    }
  });

  it('gives every year from 1978 eight days, each a weekday, in date order', () => {
    for (let year = 1978; year <= MAX_ISO_YEAR; year++) {
      const all = dates(year);
      const extra = year === 1981 || year === 1999 ? 1 : 0;
      expect(all).toHaveLength(8 + extra);
      expect([...all].sort()).toEqual(all);
      for (const date of all) expect([0, 6]).not.toContain(new Date(date).getUTCDay());
    }
  });

  it('reproduces the official list in every year it covers except the years of proclaimed changes', () => {
    const list = parseBankHolidayList(
      JSON.parse(readFileSync(join(__dirname, '../../../../config/bank-holidays.json'), 'utf8')),
    );
    const byYear = new Map<number, string[]>();
    for (const event of list.events) {
      const year = Number(event.date.slice(0, 4));
      byYear.set(year, [...(byYear.get(year) ?? []), event.date]);
    }
    const differing: Record<number, { onlyInList: string[]; onlyInRules: string[] }> = {};
    for (const [year, official] of byYear) {
      const rules = dates(year);
      const onlyInList = official.filter((date) => !rules.includes(date));
      const onlyInRules = rules.filter((date) => !official.includes(date));
      if (onlyInList.length + onlyInRules.length > 0) differing[year] = { onlyInList, onlyInRules };
    }
    expect(differing).toEqual({
      2002: { onlyInList: ['2002-06-03', '2002-06-04'], onlyInRules: ['2002-05-27'] },
      2011: { onlyInList: ['2011-04-29'], onlyInRules: [] },
      2012: { onlyInList: ['2012-06-04', '2012-06-05'], onlyInRules: ['2012-05-28'] },
      2020: { onlyInList: ['2020-05-08'], onlyInRules: ['2020-05-04'] },
      2022: {
        onlyInList: ['2022-06-02', '2022-06-03', '2022-09-19'],
        onlyInRules: ['2022-05-30'],
      },
      2023: { onlyInList: ['2023-05-08'], onlyInRules: [] },
    });
  });

  it.each<[string, number, string[], string[]]>([
    ['the Millennium day', 1999, ['1999-12-31'], []],
    ['the VE Day move of the early May holiday', 1995, ['1995-05-08'], ['1995-05-01']],
    ['the royal wedding', 1981, ['1981-07-29'], []],
    ['the Silver Jubilee', 1977, ['1977-06-07'], []],
  ])('applies %s in %i', (_what, year, present, absent) => {
    const all = dates(year);
    for (const date of present) expect(all).toContain(date);
    for (const date of absent) expect(all).not.toContain(date);
  });

  it('has no early May holiday before 1978 and no New Year’s Day before 1974', () => {
    expect(dates(1977).filter((date) => date.startsWith('1977-05'))).toEqual(['1977-05-30']);
    expect(dates(1978)).toContain('1978-05-01');
    expect(dates(1973)[0]).toBe('1973-04-20');
    expect(dates(1974)[0]).toBe('1974-01-01');
  });
});
