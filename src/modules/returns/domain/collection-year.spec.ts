import { latestEndedCollectionYear, openInYear, parseCollectionYear } from './collection-year';

describe('parseCollectionYear', () => {
  it('gives the year ending 31 March', () => {
    expect(parseCollectionYear('2025')).toEqual({
      year: 2025,
      from: '2024-04-01',
      to: '2025-03-31',
    });
  });

  it.each([
    ['25'],
    ['2025.0'],
    [' 2025'],
    ['abcd'],
    ['1999'],
    ['2101'],
    [''],
    [undefined],
    [2025],
    [['2025']],
  ])('refuses %j', (value) => {
    expect(parseCollectionYear(value)).toBeNull();
  });
});

describe('openInYear', () => {
  const year = parseCollectionYear('2025')!;
  it.each([
    ['2024-04-01', null, true],
    ['2020-01-01', null, true],
    ['2025-03-31', null, true],
    ['2025-04-01', null, false],
    ['2023-01-01', '2024-03-31', false],
    ['2023-01-01', '2024-04-01', true],
    ['2024-06-01', '2024-07-01', true],
  ])('an episode from %s to %s is open in 2024-25: %s', (from, to, open) => {
    expect(openInYear(year, from, to)).toBe(open);
  });
});

describe('latestEndedCollectionYear', () => {
  it.each([
    ['2026-12-02', 2026],
    ['2026-04-01', 2026],
    ['2026-03-31', 2026],
    ['2026-03-30', 2025],
    ['2026-01-01', 2025],
    ['2025-12-31', 2025],
  ])('on %s is %i', (today, year) => {
    expect(latestEndedCollectionYear(today)).toBe(year);
  });
});
