import {
  checkEnteredValue,
  parseValuesCsv,
  type CsvContext,
  type EnteredInput,
} from './entered-values';
import { FEED_COLUMNS } from './feed';

const YEARS = { from: 'FY2008-09', to: 'FY2012-13' };

describe('an entered figure', () => {
  it('is accepted with a period inside the plan and a number', () => {
    expect(
      checkEnteredValue(
        { period: '2011-05', value: 12, numerator: 12, denominator: 400 },
        'rate',
        YEARS,
      ),
    ).toEqual({
      value: { period: '2011-05', localityId: null, numerator: 12, denominator: 400, value: 12 },
      problems: [],
    });
  });

  it.each<[string, EnteredInput, 'count' | 'percent' | 'rate', string, string]>([
    [
      'a period after the plan',
      { period: 'FY2013-14-Q1', value: 3 },
      'count',
      'period',
      "outside the plan's years",
    ],
    [
      'a period before the plan',
      { period: '2008-03', value: 3 },
      'count',
      'period',
      "outside the plan's years",
    ],
    [
      'a period that is not one',
      { period: 'Q1 2011', value: 3 },
      'count',
      'period',
      'is not a month',
    ],
    ['no period', { period: undefined, value: 3 }, 'count', 'period', 'period is required'],
    [
      'a value that is text',
      { period: '2011-05', value: '12' },
      'count',
      'value',
      'value must be a number',
    ],
    ['no value', { period: '2011-05', value: undefined }, 'count', 'value', 'value is required'],
    ['a negative value', { period: '2011-05', value: -1 }, 'rate', 'value', 'cannot be negative'],
    [
      'a percentage over 100',
      { period: '2011-05', value: 101 },
      'percent',
      'value',
      'from 0 to 100',
    ],
    [
      'a count with a fraction',
      { period: '2011-05', value: 2.5 },
      'count',
      'value',
      'whole number',
    ],
    [
      'a negative numerator',
      { period: '2011-05', value: 3, numerator: -3 },
      'rate',
      'numerator',
      'cannot be negative',
    ],
    [
      'a fractional denominator',
      { period: '2011-05', value: 3, denominator: 9.5 },
      'rate',
      'denominator',
      'whole number',
    ],
    [
      'a numerator over its denominator',
      { period: '2011-05', value: 50, numerator: 6, denominator: 5 },
      'percent',
      'numerator',
      'more than the denominator',
    ],
  ])('is refused for %s, naming %s', (_name, input, unit, field, message) => {
    const { problems } = checkEnteredValue(input, unit, YEARS);
    expect(problems).toEqual([
      expect.objectContaining({ field, message: expect.stringContaining(message) }),
    ]);
  });

  it('takes the first and the last day of the plan', () => {
    expect(checkEnteredValue({ period: '2008-04', value: 0 }, 'count', YEARS).problems).toEqual([]);
    expect(checkEnteredValue({ period: 'FY2012-13', value: 0 }, 'count', YEARS).problems).toEqual(
      [],
    );
  });
});

describe('a values CSV', () => {
  const context: CsvContext = {
    indicators: new Map([
      ['missing_from_home', { unit: 'count' }],
      ['school_attendance_pct', { unit: 'percent' }],
    ]),
    allIndicators: new Set(['missing_from_home', 'school_attendance_pct', 'referrals']),
    localities: new Map([
      ['e', 'east-id'],
      ['w', 'west-id'],
    ]),
    years: YEARS,
  };
  const csv = (...lines: string[]) => lines.join('\r\n') + '\r\n';

  it('loads every row when all are good, ALL being the whole authority', () => {
    const result = parseValuesCsv(
      csv(
        'period,indicator_code,locality_code,numerator,denominator,value',
        '2011-05,missing_from_home,E,,,7',
        '2011-05,missing_from_home,ALL,,,11',
        'FY2011-12,school_attendance_pct,w,930,1000,93',
      ),
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        indicatorCode: 'missing_from_home',
        period: '2011-05',
        localityId: 'east-id',
        numerator: null,
        denominator: null,
        value: 7,
      },
      {
        row: 3,
        indicatorCode: 'missing_from_home',
        period: '2011-05',
        localityId: null,
        numerator: null,
        denominator: null,
        value: 11,
      },
      {
        row: 4,
        indicatorCode: 'school_attendance_pct',
        period: 'FY2011-12',
        localityId: 'west-id',
        numerator: 930,
        denominator: 1000,
        value: 93,
      },
    ]);
  });

  it('loads a file in the feed layout, its other columns ignored', () => {
    const result = parseValuesCsv(
      csv(
        'period,from,to,indicator_code,metric,title,unit,locality_id,locality_code,locality_name,numerator,denominator,value,target,rag,suppressed,snapshot_id,snapshot_taken_at,commentary',
        '2011-05,2011-05-01,2011-05-31,missing_from_home,entered,Missing,count,,E,East,,,7,,,false,,,"Up, as expected"',
      ),
      context,
    );
    expect(result.rows).toHaveLength(1);
  });

  it('loads a file with every column of the feed, in the feed’s order', () => {
    const cells: Record<string, string> = {
      period: '2011-05',
      indicator_code: 'missing_from_home',
      locality_code: 'E',
      value: '7',
    };
    const result = parseValuesCsv(
      csv(FEED_COLUMNS.join(','), FEED_COLUMNS.map((column) => cells[column] ?? '').join(',')),
      context,
    );
    expect(result).toMatchObject({ problems: [] });
    expect(result.rows).toHaveLength(1);
  });

  it.each([
    [
      'a missing column',
      csv('period,indicator_code,value', '2011-05,missing_from_home,3'),
      [{ row: 1, column: 'locality_code', message: 'is missing from the header' }],
    ],
    [
      'an unknown column',
      csv('period,indicator_code,locality_code,value,colour', '2011-05,missing_from_home,E,3,red'),
      [{ row: 1, column: 'colour', message: expect.stringContaining('is not a column') }],
    ],
  ])('names the header for %s and loads nothing', (_name, text, problems) => {
    expect(parseValuesCsv(text, context)).toEqual({ rows: null, problems });
  });

  it('names every bad row and column at once and loads nothing', () => {
    const result = parseValuesCsv(
      csv(
        'period,indicator_code,locality_code,numerator,denominator,value',
        '2011-05,missing_from_home,E,,,7',
        '2011-05,missing_from_home,N,,,7',
        '2011-06,missing_from_home,E,,,seven',
        '2011-06,missing_from_home,W,-2,,1',
        '2020-06,missing_from_home,W,,,1',
        '2011-05,missing_from_home,e,,,8',
        '2011-05,referrals,E,,,8',
        '2011-05,nonsense,E,,,8',
      ),
      context,
    );
    expect(result.rows).toBeNull();
    expect(result.problems).toEqual([
      { row: 3, column: 'locality_code', message: 'N is not a locality' },
      { row: 4, column: 'value', message: '"seven" is not a number' },
      { row: 5, column: 'numerator', message: 'numerator is a count and cannot be negative' },
      { row: 6, column: 'period', message: expect.stringContaining("outside the plan's years") },
      { row: 7, column: 'period', message: 'repeats row 2 (missing_from_home, 2011-05, e)' },
      {
        row: 8,
        column: 'indicator_code',
        message: expect.stringContaining('computed by the service'),
      },
      { row: 9, column: 'indicator_code', message: 'nonsense is not an indicator of the plan' },
    ]);
  });

  it('refuses a file whose rows do not match the header, and an empty one', () => {
    expect(
      parseValuesCsv(csv('period,indicator_code,locality_code,value', '2011-05,x'), context)
        .problems[0],
    ).toEqual(expect.objectContaining({ message: expect.stringContaining('not CSV') }));
    expect(parseValuesCsv('', context).problems).toEqual([
      { row: 1, column: '', message: 'the file is empty' },
    ]);
    expect(
      parseValuesCsv(csv('period,indicator_code,locality_code,value'), context).problems,
    ).toEqual([{ row: 2, column: '', message: 'the file has no rows' }]);
  });
});
