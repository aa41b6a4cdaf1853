/**
 * Snapshots on their own (docs/domain.md#automatic-snapshots): each closed period of the kinds
 * the plan reports is frozen on the plan's `snapshotAfterWorkingDays`-th working day after it
 * ends, at 07:00 London time, so the published figures stand when nobody presses the button.
 */
import { addDays, type IsoDate } from '../../calendar/domain/iso-date';
import type { Frequency } from './plan';
import { financialYearOf, monthOf, quarterOf, type Period, type PeriodKind } from './periods';

/** The hour (Europe/London) of the due day at which an automatic snapshot is taken. */
export const AUTOMATIC_SNAPSHOT_HOUR = 7;

const KIND_OF: Readonly<Record<Frequency, PeriodKind>> = {
  monthly: 'month',
  quarterly: 'quarter',
  annual: 'year',
};

/** The kinds of period a plan's indicators report, each once (months before quarters before years). */
export function periodKindsOf(frequencies: readonly Frequency[]): PeriodKind[] {
  const kinds = new Set(frequencies.map((f) => KIND_OF[f]));
  return (['month', 'quarter', 'year'] as const).filter((kind) => kinds.has(kind));
}

/**
 * The periods to stage an automatic snapshot for on `today`: of each kind, the one in progress
 * (its snapshot waits for it to end) and the one before it (in case the service was down when it
 * fell due). Staging is idempotent, so staging the same period every sweep is harmless.
 */
export function periodsToStage(kinds: readonly PeriodKind[], today: IsoDate): Period[] {
  const of = { month: monthOf, quarter: quarterOf, year: financialYearOf };
  return kinds.flatMap((kind) => {
    const current = of[kind](today);
    return [of[kind](addDays(current.from, -1)), current];
  });
}
