/**
 * Statistical disclosure control for breakdowns (docs/domain.md#breakdowns-and-suppression).
 *
 * Primary suppression is the house rule of indicators.ts: a group whose count is 1–4, or whose
 * percentage or rate rests on a denominator of 1–4, is hidden. A breakdown adds a second risk:
 * the item's total is published beside its groups, so a single hidden group is the total less
 * the others. Where exactly one group of an item would be hidden, the next smallest group that
 * has children in it is hidden too (complementary suppression); two or more hidden groups cannot
 * be told apart from the total.
 */
import type { MetricDefinition } from './catalogue';
import { isDisclosive, valueOf, type MetricCounts } from './indicators';

export interface GroupCounts extends MetricCounts {
  group: string;
}

export interface GroupValue {
  group: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean;
}

/** How many children a group holds: its denominator for a ratio, its count otherwise. */
function size(metric: MetricDefinition, counts: MetricCounts): number {
  const n = metric.unit === 'count' ? counts.numerator : counts.denominator;
  return n ?? 0;
}

/**
 * The groups to hide, by index: primary suppression, then one complement where exactly one group
 * is hidden. Ties for the complement go to the group listed first, so the answer is stable.
 */
export function suppressedGroups(
  metric: MetricDefinition,
  groups: readonly MetricCounts[],
): Set<number> {
  const hidden = new Set<number>();
  if (!metric.suppressible) return hidden;
  groups.forEach((counts, i) => {
    if (isDisclosive(metric, counts)) hidden.add(i);
  });
  if (hidden.size !== 1) return hidden;
  let complement = -1;
  groups.forEach((counts, i) => {
    if (hidden.has(i) || size(metric, counts) <= 0) return;
    if (complement === -1 || size(metric, counts) < size(metric, groups[complement])) {
      complement = i;
    }
  });
  if (complement !== -1) hidden.add(complement);
  return hidden;
}

/** The published groups of one item (`suppress` false: as they are, for those who may see them). */
export function groupValues(
  metric: MetricDefinition,
  groups: readonly GroupCounts[],
  suppress: boolean,
): GroupValue[] {
  const hidden = suppress ? suppressedGroups(metric, groups) : new Set<number>();
  return groups.map((counts, i) =>
    hidden.has(i)
      ? { group: counts.group, numerator: null, denominator: null, value: null, suppressed: true }
      : {
          group: counts.group,
          numerator: counts.numerator,
          denominator: counts.denominator,
          value: valueOf(metric, counts),
          suppressed: false,
        },
  );
}
