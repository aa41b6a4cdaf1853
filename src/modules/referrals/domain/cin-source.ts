/**
 * The census's referral source (docs/domain.md#census-referral-source): recorded on the
 * referral as `cinSource`, or derived when absent from the referral's `source`, the agency of
 * the referrer (the user who made the referral) and whether it came from an early help case.
 *
 * 1. A referral from an early help case (caseId given), or with source early_help, is 5D.
 * 2. Otherwise the source decides, where it names who referred: school 2A, health 3F (health
 *    services, other: Continuum does not know which health service), police 6, family 1A,
 *    self 1C, anonymous 9, other_la 5C.
 * 3. Source `other` is read from the referrer's agency: school 2A, health 3F, police 6,
 *    social_care 5A, youth_service 5B, housing 4, childrens_centre 8, voluntary 8, other 8;
 *    no agency known: 10 (unknown).
 */
import type { ReferralSourceCode } from './census-codes';

export type ReferralSource =
  | 'school'
  | 'health'
  | 'police'
  | 'early_help'
  | 'family'
  | 'self'
  | 'anonymous'
  | 'other_la'
  | 'other';

export type AgencyType =
  | 'school'
  | 'health'
  | 'police'
  | 'childrens_centre'
  | 'youth_service'
  | 'voluntary'
  | 'social_care'
  | 'housing'
  | 'other';

export const CIN_SOURCE_BY_SOURCE: Readonly<
  Record<Exclude<ReferralSource, 'other'>, ReferralSourceCode>
> = {
  early_help: '5D',
  school: '2A',
  health: '3F',
  police: '6',
  family: '1A',
  self: '1C',
  anonymous: '9',
  other_la: '5C',
};

export const CIN_SOURCE_BY_AGENCY: Readonly<Record<AgencyType, ReferralSourceCode>> = {
  school: '2A',
  health: '3F',
  police: '6',
  social_care: '5A',
  youth_service: '5B',
  housing: '4',
  childrens_centre: '8',
  voluntary: '8',
  other: '8',
};

export interface CinSourceFacts {
  source: ReferralSource;
  /** The referrer's agency type; null when the referrer has no agency. */
  referrerAgencyType: AgencyType | null;
  /** The referral was made from an early help (CAF) case. */
  fromEarlyHelpCase: boolean;
}

export function deriveCinSource(facts: CinSourceFacts): ReferralSourceCode {
  if (facts.fromEarlyHelpCase) return '5D';
  if (facts.source !== 'other') return CIN_SOURCE_BY_SOURCE[facts.source];
  return facts.referrerAgencyType === null ? '10' : CIN_SOURCE_BY_AGENCY[facts.referrerAgencyType];
}
