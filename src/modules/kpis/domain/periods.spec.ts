import { parsePeriod, quarterOf, quartersEndingWith } from './periods';

describe('parsePeriod', () => {
  it.each([
    // id, from, to, financial year, population year, days, days in the financial year
    ['2011-04', '2011-04-01', '2011-04-30', 'FY2011-12', 2011, 30, 366],
    ['2012-02', '2012-02-01', '2012-02-29', 'FY2011-12', 2012, 29, 366],
    ['2011-02', '2011-02-01', '2011-02-28', 'FY2010-11', 2011, 28, 365],
    ['FY2011-12-Q1', '2011-04-01', '2011-06-30', 'FY2011-12', 2011, 91, 366],
    ['FY2011-12-Q2', '2011-07-01', '2011-09-30', 'FY2011-12', 2011, 92, 366],
    ['FY2011-12-Q3', '2011-10-01', '2011-12-31', 'FY2011-12', 2011, 92, 366],
    ['FY2011-12-Q4', '2012-01-01', '2012-03-31', 'FY2011-12', 2012, 91, 366],
    ['FY2011-12', '2011-04-01', '2012-03-31', 'FY2011-12', 2011, 366, 366],
    ['FY1999-00', '1999-04-01', '2000-03-31', 'FY1999-00', 1999, 366, 366],
    ['FY2012-13-Q4', '2013-01-01', '2013-03-31', 'FY2012-13', 2013, 90, 365],
  ])('%s is %s to %s in %s', (id, from, to, fy, populationYear, days, fyDays) => {
    expect(parsePeriod(id)).toEqual({
      id,
      kind: id.includes('-Q') ? 'quarter' : id.startsWith('FY') ? 'year' : 'month',
      from,
      to,
      financialYear: fy,
      populationYear,
      days,
      financialYearDays: fyDays,
    });
  });

  it.each([
    '2011-13',
    '2011-00',
    '2011-4',
    'FY2011-13',
    'FY2011-12-Q5',
    'FY2011-12-Q0',
    'FY2011',
    'fy2011-12',
    '2011-04-01',
    'Q1',
    '',
    ' 2011-04',
    'FY1989-90',
  ])('refuses %j, naming it', (id) => {
    expect(() => parsePeriod(id)).toThrow(`period ${JSON.stringify(id)} is not a month`);
  });
});

describe('quarters', () => {
  it.each([
    ['2011-04-01', 'FY2011-12-Q1'],
    ['2011-06-30', 'FY2011-12-Q1'],
    ['2011-07-01', 'FY2011-12-Q2'],
    ['2011-12-31', 'FY2011-12-Q3'],
    ['2012-01-01', 'FY2011-12-Q4'],
    ['2012-03-31', 'FY2011-12-Q4'],
  ])('%s is in %s', (date, quarter) => {
    expect(quarterOf(date).id).toBe(quarter);
  });

  it('lists the 8 quarters ending with one, oldest first', () => {
    expect(quartersEndingWith(parsePeriod('FY2011-12-Q2'), 8).map((q) => q.id)).toEqual([
      'FY2009-10-Q3',
      'FY2009-10-Q4',
      'FY2010-11-Q1',
      'FY2010-11-Q2',
      'FY2010-11-Q3',
      'FY2010-11-Q4',
      'FY2011-12-Q1',
      'FY2011-12-Q2',
    ]);
  });
});
