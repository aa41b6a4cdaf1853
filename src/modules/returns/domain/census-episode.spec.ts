import { censusEpisode, type EpisodeFacts } from './census-episode';
import { parseCollectionYear } from './collection-year';

const YEAR = parseCollectionYear('2025')!;

const FACTS: EpisodeFacts = {
  referralId: 'r1',
  referredAt: '2024-05-01',
  source: 'police',
  cinSource: null,
  fromCase: false,
  referrerAgencyType: 'social_care',
  outcome: 'initial_assessment',
  decidedAt: '2024-05-02',
  endedOn: '2024-06-20',
  closureReason: null,
  primaryNeed: 'N4',
  initial: null,
  core: null,
  single: {
    id: 's1',
    startedAt: '2024-05-02',
    completedAt: '2024-06-20',
    outcome: 'no_further_action',
    factors: ['21'],
  },
};

describe('censusEpisode', () => {
  it('derives the referral source and the reason for closure that were not recorded', () => {
    expect(censusEpisode(FACTS, YEAR)).toEqual({
      referralId: 'r1',
      referredAt: '2024-05-01',
      cinSource: '6',
      primaryNeed: 'N4',
      closedAt: '2024-06-20',
      reasonForClosure: 'RC8',
      referralNfa: false,
      assessments: [
        {
          id: 's1',
          kind: 'single',
          startedAt: '2024-05-02',
          authorisedAt: '2024-06-20',
          factors: ['21'],
        },
      ],
    });
  });

  it('keeps what was recorded', () => {
    const e = censusEpisode({ ...FACTS, cinSource: '3A', closureReason: 'RC7' }, YEAR);
    expect([e.cinSource, e.reasonForClosure]).toEqual(['3A', 'RC7']);
  });

  it.each([
    ['no_further_action', 'RC8', true],
    ['signposted_universal', 'RC8', true],
    ['step_down_early_help', 'RC8', true],
  ])(
    'a referral decided %s without assessment is ReferralNFA, closed with %s',
    (outcome, reason, nfa) => {
      const e = censusEpisode({ ...FACTS, outcome, endedOn: '2024-05-02', single: null }, YEAR);
      expect([e.reasonForClosure, e.referralNfa, e.assessments]).toEqual([reason, nfa, []]);
    },
  );

  it('closes an initial assessment stepped down to early help with RC9, and lists both assessments of the old framework', () => {
    const e = censusEpisode(
      {
        ...FACTS,
        single: null,
        initial: { id: 'i1', completedAt: '2024-05-09', outcome: 'core_assessment', factors: [] },
        core: { id: 'c1', commencedAt: '2024-05-10', completedAt: '2024-06-20', factors: ['4B'] },
        closureReason: 'RC7',
      },
      YEAR,
    );
    expect(e.assessments.map((a) => [a.kind, a.startedAt, a.authorisedAt])).toEqual([
      ['initial', '2024-05-02', '2024-05-09'],
      ['core', '2024-05-10', '2024-06-20'],
    ]);
    expect(
      censusEpisode(
        {
          ...FACTS,
          single: null,
          initial: {
            id: 'i1',
            completedAt: '2024-05-09',
            outcome: 'step_down_early_help',
            factors: [],
          },
          endedOn: '2024-05-09',
        },
        YEAR,
      ).reasonForClosure,
    ).toBe('RC9');
  });

  it('shows the episode as it stood on 31 March: a later closure, authorisation and its factors are left out', () => {
    const e = censusEpisode(
      {
        ...FACTS,
        referredAt: '2025-03-03',
        decidedAt: '2025-03-04',
        endedOn: '2025-04-20',
        single: { ...FACTS.single!, startedAt: '2025-03-04', completedAt: '2025-04-20' },
      },
      YEAR,
    );
    expect([
      e.closedAt,
      e.reasonForClosure,
      e.assessments[0].authorisedAt,
      e.assessments[0].factors,
    ]).toEqual([null, null, null, []]);
  });

  it('leaves out an assessment that started after 31 March, and a decision made after it', () => {
    const e = censusEpisode(
      {
        ...FACTS,
        referredAt: '2025-03-31',
        decidedAt: '2025-04-01',
        outcome: 'no_further_action',
        endedOn: '2025-04-01',
        single: null,
      },
      YEAR,
    );
    expect([e.referralNfa, e.closedAt, e.assessments]).toEqual([false, null, []]);
  });
});
