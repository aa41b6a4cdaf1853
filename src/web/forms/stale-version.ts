import { DomainError } from '../../common/errors/domain-error';

/** Whether a save was refused because someone else changed the record first. */
export function isStaleVersion(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'VERSION_CONFLICT';
}

/**
 * What the form shows when its save met a newer version: who changed the record and when,
 * and the version the user's answers can now be saved over if they choose to.
 */
export interface StaleVersionView {
  changedBy: string;
  changedAt: Date | string;
  /** The record's version now: the form's hidden `version` becomes this one. */
  currentVersion: number;
  /** Where "Discard my changes" goes: the page with the record as it is now. */
  discardHref: string;
}

/**
 * The view for the stale-version warning (views/partials/stale-version.njk). The page renders
 * the form again with the user's own answers (nothing saved), the warning above it, and the
 * hidden version set to the current one: the user chooses to save theirs over the other
 * change ("Save my changes") or to discard theirs (a link back to the page).
 */
export function staleVersionView(
  latest: { version: number; changedBy: string; changedAt: Date | string },
  discardHref: string,
): StaleVersionView {
  return {
    changedBy: latest.changedBy,
    changedAt: latest.changedAt,
    currentVersion: latest.version,
    discardHref,
  };
}
