/**
 * Distance travelled (docs/domain.md#needs-reduced): a case's first completed CAF beside its
 * latest, element by element. Levels run 0 (strength) to 3 (acute); a lower total at the latest
 * version means the family's needs have reduced.
 */
import { ELEMENT_CODES } from './caf-elements';

export interface CompletedVersion {
  versionNo: number;
  completedAt: Date | string;
  elements: readonly { code: string; level: number }[];
}

export interface ElementProgress {
  code: string;
  first: number | null;
  latest: number | null;
  /** latest − first; null when the element was not assessed in both. */
  change: number | null;
}

export interface CaseProgress {
  first: { version: number; completedAt: Date | string };
  latest: { version: number; completedAt: Date | string };
  elements: ElementProgress[];
  totalFirst: number;
  totalLatest: number;
}

const total = (version: CompletedVersion): number =>
  version.elements.reduce((sum, element) => sum + element.level, 0);

/** Progress from the completed versions (any order); null when none is completed. */
export function caseProgress(completed: readonly CompletedVersion[]): CaseProgress | null {
  if (completed.length === 0) return null;
  const sorted = [...completed].sort((a, b) => a.versionNo - b.versionNo);
  const first = sorted[0];
  const latest = sorted[sorted.length - 1];
  const level = (version: CompletedVersion, code: string): number | null =>
    version.elements.find((element) => element.code === code)?.level ?? null;
  const order = new Map<string, number>(ELEMENT_CODES.map((code, i) => [code, i]));
  const codes = [...new Set([...first.elements, ...latest.elements].map((e) => e.code))].sort(
    (a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || a.localeCompare(b),
  );
  return {
    first: { version: first.versionNo, completedAt: first.completedAt },
    latest: { version: latest.versionNo, completedAt: latest.completedAt },
    elements: codes.map((code) => {
      const before = level(first, code);
      const after = level(latest, code);
      return {
        code,
        first: before,
        latest: after,
        change: before === null || after === null ? null : after - before,
      };
    }),
    totalFirst: total(first),
    totalLatest: total(latest),
  };
}

/** Whether a case counts as "needs reduced": two completed versions or more, a lower total. */
export function needsReduced(progress: CaseProgress | null): boolean | null {
  if (!progress || progress.first.version === progress.latest.version) return null;
  return progress.totalLatest < progress.totalFirst;
}
