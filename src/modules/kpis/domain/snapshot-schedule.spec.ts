import { periodKindsOf, periodsToStage } from './snapshot-schedule';

describe('automatic snapshots are staged', () => {
  it.each([
    [
      ['quarterly', 'monthly', 'quarterly'],
      ['month', 'quarter'],
    ],
    [['annual'], ['year']],
    [
      ['monthly', 'annual', 'quarterly'],
      ['month', 'quarter', 'year'],
    ],
    [[], []],
  ] as const)('for frequencies %j: the kinds %j', (frequencies, kinds) => {
    expect(periodKindsOf(frequencies)).toEqual(kinds);
  });

  it.each([
    [
      '2026-12-02',
      ['2026-11', '2026-12', 'FY2026-27-Q2', 'FY2026-27-Q3', 'FY2025-26', 'FY2026-27'],
    ],
    [
      '2027-04-01',
      ['2027-03', '2027-04', 'FY2026-27-Q4', 'FY2027-28-Q1', 'FY2026-27', 'FY2027-28'],
    ],
    [
      '2027-01-31',
      ['2026-12', '2027-01', 'FY2026-27-Q3', 'FY2026-27-Q4', 'FY2025-26', 'FY2026-27'],
    ],
  ])('on %s for the period in progress and the one before, of each kind', (today, periods) => {
    expect(periodsToStage(['month', 'quarter', 'year'], today).map((p) => p.id)).toEqual(periods);
  });
});
