/**
 * The census's own validation, applied before the return is sent
 * (docs/domain.md#census-validation): each record the Department for Education's checks would
 * reject (errors) or query (warnings), with the rule's wording and how to mend it in
 * Continuum. Pure: one child's record in, its findings out.
 */
import type { IsoDate } from '../../calendar/domain/iso-date';
import { REASONS_FOR_CLOSURE } from '../../referrals/domain/census-codes';
import { isDisabilityUncoded, UNCODED_DISABILITY, type CensusChild } from './census-record';

export type Severity = 'error' | 'warning';

export interface CensusRule {
  code: string;
  severity: Severity;
  /** The rule, in the census's terms. */
  rule: string;
  /** What to do in Continuum to mend the record. */
  mend: string;
}

export interface CensusFinding {
  code: string;
  severity: Severity;
  rule: string;
  mend: string;
  childId: string;
  /** The record the finding is about: the child, a referral or an assessment. */
  subjectType: 'child' | 'referral' | 'initial_assessment' | 'core_assessment' | 'assessment';
  subjectId: string;
  /** The census field at fault. */
  field: string;
}

export const CENSUS_RULES = {
  factorsOnUnauthorisedAssessment: {
    code: 'factors_on_unauthorised_assessment',
    severity: 'error',
    rule: 'FactorsIdentifiedAtAssessment must not be given for an assessment without an AssessmentAuthorisationDate',
    mend: 'Complete the assessment (its completion date is the authorisation date), or record its factors only when it completes',
  },
  nfaWithAssessment: {
    code: 'referral_nfa_with_assessment',
    severity: 'error',
    rule: 'ReferralNFA must be false when the episode has an assessment',
    mend: "Correct the referral's decision to initial_assessment (POST /referrals/:id/decision/correction), or correct the assessment recorded against the wrong referral",
  },
  closedWithoutReason: {
    code: 'closed_without_reason',
    severity: 'error',
    rule: 'ReasonForClosure must be given when CINclosureDate is given',
    mend: 'Record the reason the episode closed (PUT /referrals/:id/closure with reasonForClosure)',
  },
  reasonWithoutClosure: {
    code: 'reason_without_closure',
    severity: 'error',
    rule: 'ReasonForClosure must not be given for an episode without a CINclosureDate',
    mend: 'Complete the assessment that ends the episode, or correct the reason recorded',
  },
  closedWithoutPrimaryNeed: {
    code: 'closed_without_primary_need',
    severity: 'error',
    rule: 'PrimaryNeedCode must be given when CINclosureDate is given and ReferralNFA is false',
    mend: "Record the primary need (N0–N9) on the episode's assessment (PUT /referrals/:id/closure with primaryNeed)",
  },
  referralAfterClosure: {
    code: 'referral_after_closure',
    severity: 'error',
    rule: 'CINreferralDate must not be after CINclosureDate',
    mend: "Correct the referral date (PATCH /referrals/:id), or the completion date of the episode's last assessment",
  },
  assessmentBeforeReferral: {
    code: 'assessment_before_referral',
    severity: 'error',
    rule: 'AssessmentActualStartDate must not be before CINreferralDate',
    mend: "Correct the referral date (PATCH /referrals/:id) or the assessment's start date",
  },
  authorisedBeforeStart: {
    code: 'assessment_authorised_before_start',
    severity: 'error',
    rule: 'AssessmentAuthorisationDate must not be before AssessmentActualStartDate',
    mend: "Correct the assessment's completion date or its start date",
  },
  ethnicityNotObtained: {
    code: 'ethnicity_not_obtained',
    severity: 'warning',
    rule: 'Ethnicity is NOBT (information not yet obtained)',
    mend: "Ask the family and record the child's ethnicity, or REFU if they refuse to say",
  },
  disabilityNotCoded: {
    code: 'disability_not_coded',
    severity: 'warning',
    rule: `The child is recorded as disabled with no disability code: Disability is written ${UNCODED_DISABILITY} (other)`,
    mend: "Record the child's disabilities as DfE codes (MOB … DDA) on the child's record (disabilities)",
  },
} as const satisfies Record<string, CensusRule>;

function finding(
  rule: CensusRule,
  childId: string,
  subjectType: CensusFinding['subjectType'],
  subjectId: string,
  field: string,
): CensusFinding {
  return { ...rule, childId, subjectType, subjectId, field };
}

const SUBJECT_OF_KIND = {
  initial: 'initial_assessment',
  core: 'core_assessment',
  single: 'assessment',
} as const;

function before(a: IsoDate, b: IsoDate): boolean {
  return a < b;
}

/** The findings of one child's record, in the order of the message (child, then episodes). */
export function validateCensusChild(child: CensusChild): CensusFinding[] {
  const out: CensusFinding[] = [];
  if (child.ethnicity === 'NOBT') {
    out.push(
      finding(
        CENSUS_RULES.ethnicityNotObtained,
        child.childId,
        'child',
        child.childId,
        'Ethnicity',
      ),
    );
  }
  if (isDisabilityUncoded(child)) {
    out.push(
      finding(
        CENSUS_RULES.disabilityNotCoded,
        child.childId,
        'child',
        child.childId,
        'Disabilities',
      ),
    );
  }
  for (const e of child.episodes) {
    const at = (rule: CensusRule, field: string): CensusFinding =>
      finding(rule, child.childId, 'referral', e.referralId, field);
    if (e.referralNfa && e.assessments.length > 0) {
      out.push(at(CENSUS_RULES.nfaWithAssessment, 'ReferralNFA'));
    }
    if (e.closedAt !== null) {
      if (
        e.reasonForClosure === null ||
        !(REASONS_FOR_CLOSURE as readonly string[]).includes(e.reasonForClosure)
      ) {
        out.push(at(CENSUS_RULES.closedWithoutReason, 'ReasonForClosure'));
      }
      if (!e.referralNfa && e.primaryNeed === null) {
        out.push(at(CENSUS_RULES.closedWithoutPrimaryNeed, 'PrimaryNeedCode'));
      }
      if (before(e.closedAt, e.referredAt)) {
        out.push(at(CENSUS_RULES.referralAfterClosure, 'CINreferralDate'));
      }
    } else if (e.reasonForClosure !== null) {
      out.push(at(CENSUS_RULES.reasonWithoutClosure, 'ReasonForClosure'));
    }
    for (const a of e.assessments) {
      const of = (rule: CensusRule, field: string): CensusFinding =>
        finding(rule, child.childId, SUBJECT_OF_KIND[a.kind], a.id, field);
      if (a.factors.length > 0 && a.authorisedAt === null) {
        out.push(of(CENSUS_RULES.factorsOnUnauthorisedAssessment, 'FactorsIdentifiedAtAssessment'));
      }
      if (before(a.startedAt, e.referredAt)) {
        out.push(of(CENSUS_RULES.assessmentBeforeReferral, 'AssessmentActualStartDate'));
      }
      if (a.authorisedAt !== null && before(a.authorisedAt, a.startedAt)) {
        out.push(of(CENSUS_RULES.authorisedBeforeStart, 'AssessmentAuthorisationDate'));
      }
    }
  }
  return out;
}

export const FINDING_CSV_COLUMNS = [
  'severity',
  'code',
  'childId',
  'subjectType',
  'subjectId',
  'field',
  'rule',
  'mend',
] as const;
