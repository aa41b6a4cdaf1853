import { CATALOGUE } from './catalogue';
import type { MetricCounts } from './indicators';
import { groupValues, suppressedGroups } from './suppression';

const count = (...numerators: number[]): MetricCounts[] =>
  numerators.map((numerator) => ({ numerator, denominator: null }));
const pct = (...pairs: [number, number][]): MetricCounts[] =>
  pairs.map(([numerator, denominator]) => ({ numerator, denominator }));
const hidden = (groups: MetricCounts[], metric = CATALOGUE.referrals): number[] =>
  [...suppressedGroups(metric, groups)].sort((a, b) => a - b);

describe('complementary suppression of a breakdown', () => {
  it.each<[string, MetricCounts[], number[]]>([
    ['hides nothing when every group is 0 or at least 5', count(0, 5, 12, 0), []],
    ['hides nothing for an item with no groups', [], []],
    [
      'hides a lone small group and the next smallest group with children',
      count(3, 9, 20, 0),
      [0, 1],
    ],
    ['takes the complement even when it is large', count(2, 40), [0, 1]],
    ['skips groups with no children when choosing the complement', count(0, 4, 0, 7, 30), [1, 3]],
    ['needs no complement when two groups are hidden already', count(1, 2, 50), [0, 1]],
    ['needs no complement when the would-be complement is itself hidden', count(4, 3, 6), [0, 1]],
    ['hides every small group, three at once', count(1, 2, 3, 100), [0, 1, 2]],
    ['breaks a tie for the complement by the first group listed', count(8, 1, 8), [0, 1]],
    ['has no complement when the other groups are empty', count(0, 3, 0), [1]],
    ['hides 1 and 4 but not 0 or 5 (the edges of the rule)', count(5, 0, 1, 4), [2, 3]],
  ])('%s', (_name, groups, expected) => {
    expect(hidden(groups)).toEqual(expected);
  });

  it.each<[string, MetricCounts[], number[]]>([
    [
      'hides a percentage on a small denominator and the next smallest denominator',
      pct([1, 3], [5, 9], [7, 30]),
      [0, 1],
    ],
    ['hides a percentage whose numerator is small', pct([2, 20], [10, 12], [20, 40]), [0, 1]],
    [
      'measures the complement by denominator, not numerator',
      pct([3, 20], [0, 50], [10, 11]),
      [0, 2],
    ],
    ['does not pick a group with a 0 denominator', pct([0, 0], [2, 10], [6, 25]), [1, 2]],
    ['leaves 0 of 10 (nothing to hide) alone', pct([0, 10], [6, 12]), []],
  ])('%s', (_name, groups, expected) => {
    expect(hidden(groups, CATALOGUE.nfa_pct)).toEqual(expected);
  });

  it('hides nothing for a metric that is not suppressed (a count of localities)', () => {
    expect(hidden(count(1, 2), CATALOGUE.localities_0_4_referrals_below_10_per_1000)).toEqual([]);
  });

  it('publishes hidden groups as null and marks them, the others with their value', () => {
    const groups = [
      { group: 'White', numerator: 7, denominator: 10 },
      { group: 'Mixed', numerator: 1, denominator: 6 },
      { group: 'Asian', numerator: 6, denominator: 8 },
      { group: 'Black', numerator: 0, denominator: 0 },
    ];
    expect(groupValues(CATALOGUE.nfa_pct, groups, true)).toEqual([
      { group: 'White', numerator: 7, denominator: 10, value: 70, suppressed: false },
      { group: 'Mixed', numerator: null, denominator: null, value: null, suppressed: true },
      { group: 'Asian', numerator: null, denominator: null, value: null, suppressed: true },
      { group: 'Black', numerator: 0, denominator: 0, value: null, suppressed: false },
    ]);
    expect(groupValues(CATALOGUE.nfa_pct, groups, false).map((g) => g.suppressed)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('leaves no hidden count that the total and the shown groups give away', () => {
    // Every split of 0–12 children over three groups: where groups are hidden, at least two are.
    for (let a = 0; a <= 12; a++)
      for (let b = 0; b <= 12; b++)
        for (let c = 0; c <= 12; c++) {
          const shown = hidden(count(a, b, c));
          const hiddenWithChildren = shown.filter((i) => [a, b, c][i] > 0);
          if (hiddenWithChildren.length === 1) {
            // Only when the others are empty, and then the total is the same small count,
            // itself suppressed.
            const total = a + b + c;
            expect(total).toBeGreaterThanOrEqual(1);
            expect(total).toBeLessThanOrEqual(4);
          }
        }
  });
});
