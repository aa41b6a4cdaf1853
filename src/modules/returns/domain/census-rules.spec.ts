import type { CensusChild, CensusEpisode } from './census-record';
import { CENSUS_RULES, validateCensusChild } from './census-rules';

const EPISODE: CensusEpisode = {
  referralId: 'r1',
  referredAt: '2024-05-01',
  cinSource: '5D',
  primaryNeed: 'N1',
  closedAt: '2024-06-20',
  reasonForClosure: 'RC8',
  referralNfa: false,
  assessments: [
    {
      id: 'a1',
      kind: 'single',
      startedAt: '2024-05-02',
      authorisedAt: '2024-06-20',
      factors: ['3A'],
    },
  ],
};

const CHILD: CensusChild = {
  childId: 'c1',
  upn: null,
  dateOfBirth: '2015-06-01',
  gender: 'male',
  ethnicity: 'WBRI',
  disabilities: [],
  disability: false,
  episodes: [EPISODE],
};

const withEpisode = (change: Partial<CensusEpisode>): CensusChild => ({
  ...CHILD,
  episodes: [{ ...EPISODE, ...change }],
});

describe('validateCensusChild', () => {
  it('finds nothing in a complete record', () => {
    expect(validateCensusChild(CHILD)).toEqual([]);
  });

  it('finds nothing in a no-further-action referral closed with RC8 without a primary need', () => {
    expect(
      validateCensusChild(withEpisode({ referralNfa: true, assessments: [], primaryNeed: null })),
    ).toEqual([]);
  });

  it('finds nothing in an open episode with an open assessment without factors', () => {
    expect(
      validateCensusChild(
        withEpisode({
          closedAt: null,
          reasonForClosure: null,
          primaryNeed: null,
          assessments: [
            { id: 'a1', kind: 'initial', startedAt: '2024-05-01', authorisedAt: null, factors: [] },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, CensusChild, keyof typeof CENSUS_RULES, string, string]>([
    [
      'factors on an assessment not authorised',
      withEpisode({
        closedAt: null,
        reasonForClosure: null,
        assessments: [
          {
            id: 'a1',
            kind: 'single',
            startedAt: '2024-05-02',
            authorisedAt: null,
            factors: ['3A'],
          },
        ],
      }),
      'factorsOnUnauthorisedAssessment',
      'assessment',
      'a1',
    ],
    [
      'ReferralNFA true with an assessment',
      withEpisode({ referralNfa: true }),
      'nfaWithAssessment',
      'referral',
      'r1',
    ],
    [
      'a closed episode without a reason',
      withEpisode({ reasonForClosure: null }),
      'closedWithoutReason',
      'referral',
      'r1',
    ],
    [
      'a reason on an open episode',
      withEpisode({ closedAt: null }),
      'reasonWithoutClosure',
      'referral',
      'r1',
    ],
    [
      'a closed episode without a primary need',
      withEpisode({ primaryNeed: null }),
      'closedWithoutPrimaryNeed',
      'referral',
      'r1',
    ],
    [
      'a referral date after the closure date',
      withEpisode({
        referredAt: '2024-06-21',
        assessments: [
          {
            id: 'a1',
            kind: 'core',
            startedAt: '2024-06-21',
            authorisedAt: '2024-06-21',
            factors: [],
          },
        ],
      }),
      'referralAfterClosure',
      'referral',
      'r1',
    ],
    [
      'an assessment starting before its referral',
      withEpisode({
        assessments: [
          {
            id: 'a1',
            kind: 'initial',
            startedAt: '2024-04-30',
            authorisedAt: '2024-06-20',
            factors: [],
          },
        ],
      }),
      'assessmentBeforeReferral',
      'initial_assessment',
      'a1',
    ],
    [
      'an assessment authorised before it started',
      withEpisode({
        assessments: [
          {
            id: 'a1',
            kind: 'core',
            startedAt: '2024-06-01',
            authorisedAt: '2024-05-20',
            factors: [],
          },
        ],
      }),
      'authorisedBeforeStart',
      'core_assessment',
      'a1',
    ],
    [
      'ethnicity NOBT',
      { ...CHILD, ethnicity: 'NOBT' as const },
      'ethnicityNotObtained',
      'child',
      'c1',
    ],
    [
      'a disabled child with no disability code',
      { ...CHILD, disability: true },
      'disabilityNotCoded',
      'child',
      'c1',
    ],
  ])('catches %s', (_what, child, rule, subjectType, subjectId) => {
    expect(validateCensusChild(child)).toEqual([
      expect.objectContaining({
        code: CENSUS_RULES[rule].code,
        severity: CENSUS_RULES[rule].severity,
        rule: CENSUS_RULES[rule].rule,
        mend: CENSUS_RULES[rule].mend,
        childId: 'c1',
        subjectType,
        subjectId,
      }),
    ]);
  });

  it.each([
    ['not disabled, no codes', { disability: false, disabilities: [] }],
    ['disabled, with codes', { disability: true, disabilities: ['MOB', 'LD'] as const }],
  ])('finds nothing about disabilities for a child %s', (_what, change) => {
    expect(validateCensusChild({ ...CHILD, ...change })).toEqual([]);
  });

  it('reports NOBT as a warning, not an error', () => {
    expect(validateCensusChild({ ...CHILD, ethnicity: 'NOBT' }).map((f) => f.severity)).toEqual([
      'warning',
    ]);
  });
});
