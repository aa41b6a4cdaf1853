/**
 * The arithmetic of indicator values (docs/domain.md#indicators, docs/domain.md#suppression): values from numerators and
 * denominators, one-decimal rounding, annualising, RAG against a target, and small-number
 * suppression. Pure: the counts come from kpis.repository.ts.
 */
import type { MetricDefinition } from './catalogue';

export type Polarity = 'higher_is_better' | 'lower_is_better';
export type Rag = 'green' | 'amber' | 'red';

/** What a metric's query gives for one locality (or the whole authority). */
export interface MetricCounts {
  numerator: number | null;
  denominator: number | null;
  /** Only for medians, which are not a ratio: computed by the query. */
  median?: number | null;
  /** Only for entered figures, whose value is given, not formed. */
  value?: number | null;
}

export interface IndicatorValue {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  target: number | null;
  rag: Rag | null;
  suppressed: boolean;
}

/** `numerator / denominator × scale`, rounded half up to one decimal; null without a denominator. */
export function ratio(numerator: number, denominator: number, scale: number): number | null {
  if (denominator <= 0) return null;
  // numerator × scale × 10 / denominator is a correctly rounded division of integers, so a
  // true half (…5) is exact and Math.round rounds it up.
  return Math.round((numerator * scale * 10) / denominator) / 10;
}

export function roundOne(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The value of a metric from its counts. */
export function valueOf(metric: MetricDefinition, counts: MetricCounts): number | null {
  if (metric.name === 'entered') return counts.value ?? null;
  switch (metric.unit) {
    case 'count':
      return counts.numerator;
    case 'percent':
      return counts.numerator === null || counts.denominator === null
        ? null
        : ratio(counts.numerator, counts.denominator, 100);
    case 'rate':
      return counts.numerator === null || counts.denominator === null
        ? null
        : ratio(counts.numerator, counts.denominator, metric.per ?? 1);
    case 'median':
      return counts.median === null || counts.median === undefined ? null : roundOne(counts.median);
  }
}

/** A rate over `days` scaled to a year of `yearDays` (unrounded). */
export function annualise(rate: number, days: number, yearDays: number): number {
  return (rate * yearDays) / days;
}

/**
 * Green when the target is met; amber when within 5% of it (5% of the target's size);
 * red otherwise. No target or no value: null.
 */
export function ragOf(value: number | null, target: number | null, polarity: Polarity): Rag | null {
  if (value === null || target === null) return null;
  const tolerance = Math.abs(target) * 0.05;
  if (polarity === 'higher_is_better') {
    if (value >= target) return 'green';
    return value >= target - tolerance ? 'amber' : 'red';
  }
  if (value <= target) return 'green';
  return value <= target + tolerance ? 'amber' : 'red';
}

const small = (n: number | null): boolean => n !== null && n >= 1 && n <= 4;

/**
 * docs/domain.md#suppression: a published value hides any count from 1 to 4 and anything computed on a
 * denominator from 1 to 4. A numerator is itself a count, so a numerator of 1–4 hides the
 * item too (a "3 of 40" would publish the 3).
 */
export function isDisclosive(metric: MetricDefinition, counts: MetricCounts): boolean {
  return metric.suppressible && (small(counts.numerator) || small(counts.denominator));
}

/** The indicator's published or full value. */
export function indicatorValue(
  metric: MetricDefinition,
  counts: MetricCounts,
  target: number | null,
  polarity: Polarity,
  suppress: boolean,
): IndicatorValue {
  if (suppress && isDisclosive(metric, counts)) {
    return { numerator: null, denominator: null, value: null, target, rag: null, suppressed: true };
  }
  const value = valueOf(metric, counts);
  return {
    numerator: counts.numerator,
    denominator: counts.denominator,
    value,
    target,
    rag: ragOf(value, target, polarity),
    suppressed: false,
  };
}
