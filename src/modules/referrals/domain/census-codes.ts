/**
 * The code lists of the Department for Education's Children in Need census (2024 schema)
 * that Continuum records at the point of work: referral sources, primary need, assessment
 * factors and reasons for closure (docs/domain.md#children-in-need-census). The same lists
 * are the enumerations of config/returns/cin-census.xsd; a test keeps the two equal.
 */

/** ReferralSource: who referred the child. */
export const REFERRAL_SOURCES = [
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
] as const;
export type ReferralSourceCode = (typeof REFERRAL_SOURCES)[number];

export const REFERRAL_SOURCE_LABELS: Readonly<Record<ReferralSourceCode, string>> = {
  '1A': 'INDIVIDUAL – family member, relative or carer',
  '1B': 'INDIVIDUAL – acquaintance (including neighbours and child minders)',
  '1C': 'INDIVIDUAL – self',
  '1D': 'INDIVIDUAL – other (including strangers)',
  '2A': 'SCHOOLS',
  '2B': 'EDUCATION SERVICES',
  '3A': 'HEALTH SERVICES – general practitioner (GP)',
  '3B': 'HEALTH SERVICES – health visitor',
  '3C': 'HEALTH SERVICES – school nurse',
  '3D': 'HEALTH SERVICES – other primary health services',
  '3E': 'HEALTH SERVICES – A&E (accident and emergency department)',
  '3F': 'HEALTH SERVICES – other (for example hospice)',
  '4': 'HOUSING - local authority housing or housing association',
  '5A': 'LA SERVICES – social care for example adults social care services',
  '5B': 'LA SERVICES – other internal (department other than social care in local authorities, for example, youth offending (excluding housing))',
  '5C': 'LA SERVICES – external, for example, from another local authority’s adults social care services',
  '5D': 'LA SERVICES – early help',
  '6': 'POLICE',
  '7': 'OTHER LEGAL AGENCY – including courts, probation, immigration, CAFCASS (Children and Family Court Advisory and Support Service) or prison',
  '8': 'OTHER – including children’s centres, independent agency providers or voluntary organisations',
  '9': 'ANONYMOUS',
  '10': 'UNKNOWN',
};

/** PrimaryNeedCode: the main reason the child is in need (N0 not stated). */
export const PRIMARY_NEEDS = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9', 'N0'] as const;
export type PrimaryNeedCode = (typeof PRIMARY_NEEDS)[number];

export const PRIMARY_NEED_LABELS: Readonly<Record<PrimaryNeedCode, string>> = {
  N1: 'Abuse or neglect',
  N2: "Child's disability",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
};

/** AssessmentFactors: the factors identified at assessment. */
export const ASSESSMENT_FACTORS = [
  '1A',
  '1B',
  '1C',
  '2A',
  '2B',
  '2C',
  '3A',
  '3B',
  '3C',
  '4A',
  '4B',
  '4C',
  '5A',
  '5B',
  '5C',
  '6A',
  '6B',
  '6C',
  '7A',
  '8B',
  '8C',
  '8D',
  '8E',
  '8F',
  '9A',
  '10A',
  '11A',
  '12A',
  '13A',
  '14A',
  '15A',
  '16A',
  '17A',
  '18B',
  '18C',
  '19B',
  '19C',
  '20',
  '21',
  '22A',
  '23A',
  '24A',
] as const;
export type AssessmentFactorCode = (typeof ASSESSMENT_FACTORS)[number];

/** ReasonForClosure: why the episode ended. */
export const REASONS_FOR_CLOSURE = [
  'RC1',
  'RC2',
  'RC3',
  'RC4',
  'RC5',
  'RC6',
  'RC7',
  'RC8',
  'RC9',
] as const;
export type ReasonForClosureCode = (typeof REASONS_FOR_CLOSURE)[number];

export const REASON_FOR_CLOSURE_LABELS: Readonly<Record<ReasonForClosureCode, string>> = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
};

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
