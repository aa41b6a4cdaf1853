/**
 * A referral's episode as the census sees it on its reference date, 31 March
 * (docs/domain.md#children-in-need-census): what happened after the year's end is left out
 * (an episode closed later is open on the reference date; an assessment started later is not
 * yet there), and the referral source and reason for closure are derived when they were not
 * recorded.
 */
import {
  deriveCinSource,
  type AgencyType,
  type ReferralSource,
} from '../../referrals/domain/cin-source';
import { reasonAfterDecision } from '../../referrals/domain/reason-for-closure';
import type { IsoDate } from '../../calendar/domain/iso-date';
import type { CensusAssessment, CensusEpisode } from './census-record';
import type { CollectionYear } from './collection-year';

/** A referral's stored facts, as the return's query reads them. */
export interface EpisodeFacts {
  referralId: string;
  referredAt: IsoDate;
  source: ReferralSource;
  cinSource: string | null;
  fromCase: boolean;
  referrerAgencyType: AgencyType | null;
  /** The decision in force, if any. */
  outcome: string | null;
  decidedAt: IsoDate | null;
  /** The day the episode ended (null while open). */
  endedOn: IsoDate | null;
  closureReason: string | null;
  primaryNeed: string | null;
  initial: {
    id: string;
    completedAt: IsoDate | null;
    outcome: string | null;
    factors: string[];
  } | null;
  core: { id: string; commencedAt: IsoDate; completedAt: IsoDate | null; factors: string[] } | null;
  single: {
    id: string;
    startedAt: IsoDate;
    completedAt: IsoDate | null;
    outcome: string | null;
    factors: string[];
  } | null;
}

/** The reason for closure implied by how the episode ended, when none was recorded. */
function impliedReason(f: EpisodeFacts): string | null {
  if (f.outcome === null) return null;
  if (f.outcome !== 'initial_assessment') return reasonAfterDecision(f.outcome);
  const outcome = f.single?.outcome ?? f.initial?.outcome ?? null;
  if (outcome === 'no_further_action') return 'RC8';
  if (outcome === 'step_down_early_help') return 'RC9';
  return null;
}

export function censusEpisode(f: EpisodeFacts, year: CollectionYear): CensusEpisode {
  const byEnd = (date: IsoDate | null): IsoDate | null =>
    date !== null && date <= year.to ? date : null;
  const assessments: CensusAssessment[] = [];
  const add = (
    id: string,
    kind: CensusAssessment['kind'],
    startedAt: IsoDate | null,
    completedAt: IsoDate | null,
    factors: string[],
  ): void => {
    if (startedAt === null || startedAt > year.to) return;
    const authorisedAt = byEnd(completedAt);
    // Factors are identified when the assessment is authorised: none before.
    assessments.push({
      id,
      kind,
      startedAt,
      authorisedAt,
      factors: authorisedAt === null && completedAt !== null ? [] : factors,
    });
  };
  if (f.initial)
    add(f.initial.id, 'initial', f.decidedAt, f.initial.completedAt, f.initial.factors);
  if (f.core) add(f.core.id, 'core', f.core.commencedAt, f.core.completedAt, f.core.factors);
  if (f.single)
    add(f.single.id, 'single', f.single.startedAt, f.single.completedAt, f.single.factors);
  const closedAt = byEnd(f.endedOn);
  const decidedByEnd = f.outcome !== null && f.decidedAt !== null && f.decidedAt <= year.to;
  return {
    referralId: f.referralId,
    referredAt: f.referredAt,
    cinSource:
      f.cinSource ??
      deriveCinSource({
        source: f.source,
        referrerAgencyType: f.referrerAgencyType,
        fromEarlyHelpCase: f.fromCase,
      }),
    primaryNeed: f.primaryNeed,
    closedAt,
    reasonForClosure: closedAt === null ? null : (f.closureReason ?? impliedReason(f)),
    referralNfa: decidedByEnd && f.outcome !== 'initial_assessment',
    assessments,
  };
}
