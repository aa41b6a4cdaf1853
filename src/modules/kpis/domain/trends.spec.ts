import {
  lastClosedQuarter,
  parsePeriod,
  periodsWithin,
  trendPeriods,
  type TrendFrequency,
} from './periods';

describe('trends follow the indicator frequency', () => {
  it.each<[TrendFrequency, string, string[]]>([
    [
      'monthly',
      'FY2011-12-Q1',
      [
        '2010-06',
        '2010-07',
        '2010-08',
        '2010-09',
        '2010-10',
        '2010-11',
        '2010-12',
        '2011-01',
        '2011-02',
        '2011-03',
        '2011-04',
        '2011-05',
        '2011-06',
      ],
    ],
    [
      'monthly',
      '2012-01',
      [
        '2011-01',
        '2011-02',
        '2011-03',
        '2011-04',
        '2011-05',
        '2011-06',
        '2011-07',
        '2011-08',
        '2011-09',
        '2011-10',
        '2011-11',
        '2011-12',
        '2012-01',
      ],
    ],
    [
      'quarterly',
      'FY2011-12-Q1',
      [
        'FY2009-10-Q2',
        'FY2009-10-Q3',
        'FY2009-10-Q4',
        'FY2010-11-Q1',
        'FY2010-11-Q2',
        'FY2010-11-Q3',
        'FY2010-11-Q4',
        'FY2011-12-Q1',
      ],
    ],
    [
      'quarterly',
      '2012-02',
      [
        'FY2010-11-Q1',
        'FY2010-11-Q2',
        'FY2010-11-Q3',
        'FY2010-11-Q4',
        'FY2011-12-Q1',
        'FY2011-12-Q2',
        'FY2011-12-Q3',
        'FY2011-12-Q4',
      ],
    ],
    ['annual', 'FY2011-12-Q1', ['FY2007-08', 'FY2008-09', 'FY2009-10', 'FY2010-11', 'FY2011-12']],
    ['annual', 'FY2011-12-Q4', ['FY2007-08', 'FY2008-09', 'FY2009-10', 'FY2010-11', 'FY2011-12']],
    ['annual', '2012-03', ['FY2007-08', 'FY2008-09', 'FY2009-10', 'FY2010-11', 'FY2011-12']],
  ])('a %s trend to %s shows %j', (frequency, last, expected) => {
    expect(trendPeriods(frequency, parsePeriod(last)).map((p) => p.id)).toEqual(expected);
  });

  it.each([
    ['FY2011-12-Q4', 'month', ['2012-01', '2012-02', '2012-03']],
    ['FY2011-12', 'quarter', ['FY2011-12-Q1', 'FY2011-12-Q2', 'FY2011-12-Q3', 'FY2011-12-Q4']],
    ['FY2011-12-Q2', 'quarter', ['FY2011-12-Q2']],
    ['2011-05', 'quarter', []],
    ['FY2011-12-Q1', 'year', []],
  ] as const)('%s holds the %ss %j', (outer, kind, expected) => {
    expect(periodsWithin(parsePeriod(outer), kind).map((p) => p.id)).toEqual(expected);
  });

  it.each([
    ['2026-12-02', 'FY2026-27-Q2'],
    ['2026-10-01', 'FY2026-27-Q2'],
    ['2026-09-30', 'FY2026-27-Q1'],
    ['2027-01-01', 'FY2026-27-Q3'],
    ['2026-04-15', 'FY2025-26-Q4'],
  ])('on %s the last closed quarter is %s', (today, quarter) => {
    expect(lastClosedQuarter(today).id).toBe(quarter);
  });
});
