import { readFileSync } from 'fs';
import { join } from 'path';
import { bankHolidayDates, parseBankHolidayList } from '../../calendar/domain/bank-holidays';
import type { IsoDate } from '../../../common/domain/iso-date';
import type { NonWorkingDays } from '../../calendar/domain/working-days';
import {
  collapsePastStages,
  coreAssessmentStages,
  initialAssessmentStages,
  REMINDER_HOUR,
  caseStages,
  meetingStages,
  nextMeetingDue,
  referralDecisionDueDate,
  referralDecisionStages,
  type PlannedStage,
} from './reminder-plan';

const BANK_HOLIDAYS: NonWorkingDays = bankHolidayDates(
  parseBankHolidayList(
    JSON.parse(
      readFileSync(join(__dirname, '../../../../config/bank-holidays.json'), 'utf8'),
    ) as unknown,
  ),
);

const WORKER = 'worker-1';
const MANAGER = 'manager-1';
const OTHER_MANAGER = 'manager-2';

/** One line per stage: 'stage recipient fireAt', in the order given. */
const lines = (stages: readonly PlannedStage[]): string[] =>
  stages.map((s) => `${s.stage} ${s.recipientUserId} ${s.fireAt.toISOString()}`);

const at = (iso: string): Date => new Date(iso);

/** The worked example of docs/domain.md#working-days: referral Thursday 2011-04-21, initial assessment due Friday 2011-05-06. */
const specExample = (escalateTo: readonly string[] = [MANAGER, OTHER_MANAGER]): PlannedStage[] =>
  initialAssessmentStages('2011-05-06', WORKER, escalateTo, BANK_HOLIDAYS);

describe('REMINDER_HOUR', () => {
  it('is nine in the morning', () => {
    expect(REMINDER_HOUR).toBe(9);
  });
});

describe('initialAssessmentStages', () => {
  it('plans the worked example of docs/domain.md#working-days: due soon Wednesday, due Friday, overdue on Monday, all 09:00 BST', () => {
    expect(specExample([MANAGER])).toEqual([
      {
        stage: 'ia_due_soon_2',
        type: 'initial_assessment_due_soon',
        recipientUserId: WORKER,
        fireAt: at('2011-05-04T08:00:00Z'),
      },
      {
        stage: 'ia_due',
        type: 'initial_assessment_due',
        recipientUserId: WORKER,
        fireAt: at('2011-05-06T08:00:00Z'),
      },
      {
        stage: 'ia_overdue',
        type: 'initial_assessment_overdue',
        recipientUserId: MANAGER,
        fireAt: at('2011-05-09T08:00:00Z'),
      },
    ]);
  });

  it.each<[string, IsoDate, string, string, string]>([
    [
      'a Friday due date escalates on the Monday',
      '2011-06-10',
      '2011-06-08T08:00:00Z',
      '2011-06-10T08:00:00Z',
      '2011-06-13T08:00:00Z',
    ],
    [
      'a due date of Friday 23 December 2011 escalates on Wednesday 28th, after the Boxing Day and substitute Christmas bank holidays',
      '2011-12-23',
      '2011-12-21T09:00:00Z',
      '2011-12-23T09:00:00Z',
      '2011-12-28T09:00:00Z',
    ],
    [
      'a due date of Friday 24 December 2021 escalates on Wednesday 29th, after the two substitute bank holidays',
      '2021-12-24',
      '2021-12-22T09:00:00Z',
      '2021-12-24T09:00:00Z',
      '2021-12-29T09:00:00Z',
    ],
    [
      'a due date of Maundy Thursday 2011 escalates on the Tuesday after Easter Monday',
      '2011-04-21',
      '2011-04-19T08:00:00Z',
      '2011-04-21T08:00:00Z',
      '2011-04-26T08:00:00Z',
    ],
    [
      'a due date just after the 2011 Royal wedding and Early May bank holidays is warned of before both',
      '2011-05-03',
      '2011-04-27T08:00:00Z',
      '2011-05-03T08:00:00Z',
      '2011-05-04T08:00:00Z',
    ],
    [
      'a due date just after the 2011 spring clock change is warned of at 09:00 GMT and due at 09:00 BST',
      '2011-03-28',
      '2011-03-24T09:00:00Z',
      '2011-03-28T08:00:00Z',
      '2011-03-29T08:00:00Z',
    ],
    [
      'a due date just before the 2011 autumn clock change is due at 09:00 BST and escalated at 09:00 GMT',
      '2011-10-28',
      '2011-10-26T08:00:00Z',
      '2011-10-28T08:00:00Z',
      '2011-10-31T09:00:00Z',
    ],
  ])('plans %s', (_what, dueDate, dueSoon, due, overdue) => {
    expect(lines(initialAssessmentStages(dueDate, WORKER, [MANAGER], BANK_HOLIDAYS))).toEqual([
      `ia_due_soon_2 ${WORKER} ${at(dueSoon).toISOString()}`,
      `ia_due ${WORKER} ${at(due).toISOString()}`,
      `ia_overdue ${MANAGER} ${at(overdue).toISOString()}`,
    ]);
  });

  it('counts local closure days as well as bank holidays', () => {
    const closures = new Set([...BANK_HOLIDAYS, '2011-06-13']);
    expect(lines(initialAssessmentStages('2011-06-10', WORKER, [MANAGER], closures))).toContain(
      `ia_overdue ${MANAGER} 2011-06-14T08:00:00.000Z`,
    );
  });

  it('escalates to every manager, in the order given', () => {
    expect(lines(specExample([MANAGER, OTHER_MANAGER])).slice(2)).toEqual([
      `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
      `ia_overdue ${OTHER_MANAGER} 2011-05-09T08:00:00.000Z`,
    ]);
  });

  it('escalates once to a manager listed twice', () => {
    expect(lines(specExample([MANAGER, OTHER_MANAGER, MANAGER])).slice(2)).toEqual([
      `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
      `ia_overdue ${OTHER_MANAGER} 2011-05-09T08:00:00.000Z`,
    ]);
  });

  it('plans no escalation when there is nobody to escalate to', () => {
    expect(specExample([]).map((s) => s.stage)).toEqual(['ia_due_soon_2', 'ia_due']);
  });

  it.each<[string, IsoDate, string, readonly string[]]>([
    ['an invalid due date', '2011-02-30', WORKER, [MANAGER]],
    ['an empty worker id', '2011-05-06', '', [MANAGER]],
    ['a blank manager id', '2011-05-06', WORKER, [MANAGER, ' ']],
  ])('rejects %s with a RangeError', (_what, dueDate, worker, managers) => {
    expect(() => initialAssessmentStages(dueDate, worker, managers, BANK_HOLIDAYS)).toThrow(
      RangeError,
    );
  });
});

describe('coreAssessmentStages', () => {
  it('plans reminders 10 and 5 working days before and on the due date, and an escalation the working day after', () => {
    // 10 and 5 working days before Friday 2011-05-06 skip Good Friday, Easter Monday,
    // the Royal wedding and the Early May bank holiday.
    expect(coreAssessmentStages('2011-05-06', WORKER, [MANAGER], BANK_HOLIDAYS)).toEqual([
      {
        stage: 'ca_due_soon_10',
        type: 'core_assessment_due_soon',
        recipientUserId: WORKER,
        fireAt: at('2011-04-18T08:00:00Z'),
      },
      {
        stage: 'ca_due_soon_5',
        type: 'core_assessment_due_soon',
        recipientUserId: WORKER,
        fireAt: at('2011-04-27T08:00:00Z'),
      },
      {
        stage: 'ca_due',
        type: 'core_assessment_due',
        recipientUserId: WORKER,
        fireAt: at('2011-05-06T08:00:00Z'),
      },
      {
        stage: 'ca_overdue',
        type: 'core_assessment_overdue',
        recipientUserId: MANAGER,
        fireAt: at('2011-05-09T08:00:00Z'),
      },
    ]);
  });

  it.each<[string, IsoDate, string[]]>([
    [
      'across the 2011 autumn clock change, each stage at 09:00 London time on its own date',
      '2011-11-04',
      [
        `ca_due_soon_10 ${WORKER} 2011-10-21T08:00:00.000Z`,
        `ca_due_soon_5 ${WORKER} 2011-10-28T08:00:00.000Z`,
        `ca_due ${WORKER} 2011-11-04T09:00:00.000Z`,
        `ca_overdue ${MANAGER} 2011-11-07T09:00:00.000Z`,
      ],
    ],
    [
      'across Christmas and New Year 2011, skipping 26 and 27 December and 2 January',
      '2012-01-03',
      [
        `ca_due_soon_10 ${WORKER} 2011-12-15T09:00:00.000Z`,
        `ca_due_soon_5 ${WORKER} 2011-12-22T09:00:00.000Z`,
        `ca_due ${WORKER} 2012-01-03T09:00:00.000Z`,
        `ca_overdue ${MANAGER} 2012-01-04T09:00:00.000Z`,
      ],
    ],
  ])('plans a core assessment %s', (_what, dueDate, expected) => {
    expect(lines(coreAssessmentStages(dueDate, WORKER, [MANAGER], BANK_HOLIDAYS))).toEqual(
      expected,
    );
  });

  it('escalates once to each distinct manager', () => {
    const stages = coreAssessmentStages(
      '2011-05-06',
      WORKER,
      [OTHER_MANAGER, MANAGER, OTHER_MANAGER],
      BANK_HOLIDAYS,
    );
    expect(stages.filter((s) => s.stage === 'ca_overdue').map((s) => s.recipientUserId)).toEqual([
      OTHER_MANAGER,
      MANAGER,
    ]);
  });
});

describe('collapsePastStages', () => {
  it.each<[string, string, string[]]>([
    [
      'leaves a plan entered before every stage unchanged',
      '2011-04-21T12:00:00Z',
      [
        `ia_due_soon_2 ${WORKER} 2011-05-04T08:00:00.000Z`,
        `ia_due ${WORKER} 2011-05-06T08:00:00.000Z`,
        `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
        `ia_overdue ${OTHER_MANAGER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'fires the due-soon reminder now and keeps the due reminder and escalation on time when entered between them',
      '2011-05-05T10:00:00Z',
      [
        `ia_due_soon_2 ${WORKER} 2011-05-05T10:00:00.000Z`,
        `ia_due ${WORKER} 2011-05-06T08:00:00.000Z`,
        `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
        `ia_overdue ${OTHER_MANAGER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'treats a stage due at exactly now as past and fires it now',
      '2011-05-04T08:00:00Z',
      [
        `ia_due_soon_2 ${WORKER} 2011-05-04T08:00:00.000Z`,
        `ia_due ${WORKER} 2011-05-06T08:00:00.000Z`,
        `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
        `ia_overdue ${OTHER_MANAGER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'gives the worker only the due reminder, now, when entered after the due instant but before the escalation',
      '2011-05-07T15:00:00Z',
      [
        `ia_due ${WORKER} 2011-05-07T15:00:00.000Z`,
        `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
        `ia_overdue ${OTHER_MANAGER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'gives the worker exactly one due reminder and each manager exactly one escalation, all now, when entered after the escalation',
      '2011-06-01T14:30:00Z',
      [
        `ia_due ${WORKER} 2011-06-01T14:30:00.000Z`,
        `ia_overdue ${MANAGER} 2011-06-01T14:30:00.000Z`,
        `ia_overdue ${OTHER_MANAGER} 2011-06-01T14:30:00.000Z`,
      ],
    ],
  ])('%s', (_what, now, expected) => {
    expect(lines(collapsePastStages(specExample(), at(now)))).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    [
      'fires only the 10-day reminder now for a core assessment entered between the 10- and 5-day reminders',
      '2011-04-20T09:00:00Z',
      [
        `ca_due_soon_10 ${WORKER} 2011-04-20T09:00:00.000Z`,
        `ca_due_soon_5 ${WORKER} 2011-04-27T08:00:00.000Z`,
        `ca_due ${WORKER} 2011-05-06T08:00:00.000Z`,
        `ca_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'fires only the 5-day reminder now for a core assessment entered after both due-soon reminders',
      '2011-05-05T09:00:00Z',
      [
        `ca_due_soon_5 ${WORKER} 2011-05-05T09:00:00.000Z`,
        `ca_due ${WORKER} 2011-05-06T08:00:00.000Z`,
        `ca_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'fires one due reminder and one escalation now for historic core assessment data',
      '2012-02-01T10:00:00Z',
      [
        `ca_due ${WORKER} 2012-02-01T10:00:00.000Z`,
        `ca_overdue ${MANAGER} 2012-02-01T10:00:00.000Z`,
      ],
    ],
  ])('%s', (_what, now, expected) => {
    const stages = coreAssessmentStages('2011-05-06', WORKER, [MANAGER], BANK_HOLIDAYS);
    expect(lines(collapsePastStages(stages, at(now)))).toEqual(expected);
  });

  it('keeps one stage per recipient and stage when a manager appears twice in the input', () => {
    const once = specExample([MANAGER]);
    const overdue = once[2];
    if (overdue === undefined) throw new Error('expected an escalation stage');
    const twice = [...once, { ...overdue, fireAt: new Date(overdue.fireAt.getTime()) }];
    expect(lines(collapsePastStages(twice, at('2011-04-21T12:00:00Z')))).toEqual(lines(once));
    expect(lines(collapsePastStages(twice, at('2011-06-01T12:00:00Z')))).toEqual([
      `ia_due ${WORKER} 2011-06-01T12:00:00.000Z`,
      `ia_overdue ${MANAGER} 2011-06-01T12:00:00.000Z`,
    ]);
  });

  it.each<[string, string, string[]]>([
    [
      'keeps both of their stages when only the reminders are past',
      '2011-05-07T12:00:00Z',
      [
        `ia_due ${WORKER} 2011-05-07T12:00:00.000Z`,
        `ia_overdue ${MANAGER} 2011-05-09T08:00:00.000Z`,
        `ia_overdue ${WORKER} 2011-05-09T08:00:00.000Z`,
      ],
    ],
    [
      'sends them only the escalation, now, once everything is past (the rule is per recipient across stages)',
      '2011-06-01T12:00:00Z',
      [
        `ia_overdue ${MANAGER} 2011-06-01T12:00:00.000Z`,
        `ia_overdue ${WORKER} 2011-06-01T12:00:00.000Z`,
      ],
    ],
  ])('for a worker who is also their own manager, %s', (_what, now, expected) => {
    const stages = initialAssessmentStages('2011-05-06', WORKER, [WORKER, MANAGER], BANK_HOLIDAYS);
    expect(lines(collapsePastStages(stages, at(now)))).toEqual(expected);
  });

  it('sorts its output by fire time, then stage, then recipient', () => {
    const stage = (name: string, recipient: string, iso: string): PlannedStage => ({
      stage: name,
      type: 'tac_review_overdue',
      recipientUserId: recipient,
      fireAt: at(iso),
    });
    const shuffled = [
      stage('b', 'u2', '2030-01-02T00:00:00Z'),
      stage('b', 'u1', '2030-01-02T00:00:00Z'),
      stage('a', 'u3', '2030-01-02T00:00:00Z'),
      stage('z', 'u4', '2030-01-01T00:00:00Z'),
    ];
    expect(lines(collapsePastStages(shuffled, at('2020-01-01T00:00:00Z')))).toEqual([
      'z u4 2030-01-01T00:00:00.000Z',
      'a u3 2030-01-02T00:00:00.000Z',
      'b u1 2030-01-02T00:00:00.000Z',
      'b u2 2030-01-02T00:00:00.000Z',
    ]);
  });

  it('does not change the stages it is given, nor share their dates', () => {
    const stages = specExample();
    const before = lines(stages);
    const result = collapsePastStages(stages, at('2011-05-05T10:00:00Z'));
    expect(lines(stages)).toEqual(before);
    for (const planned of result) {
      expect(stages.some((s) => s === planned || s.fireAt === planned.fireAt)).toBe(false);
    }
  });

  it('returns nothing for no stages', () => {
    expect(collapsePastStages([], at('2011-05-05T10:00:00Z'))).toEqual([]);
  });

  it.each<[string, readonly PlannedStage[], Date]>([
    ['an invalid now', specExample(), new Date(Number.NaN)],
    [
      'a stage with an invalid fire time',
      [{ stage: 'x', type: 'tac_review_overdue', recipientUserId: WORKER, fireAt: new Date('') }],
      at('2011-05-05T10:00:00Z'),
    ],
  ])('rejects %s with a RangeError', (_what, stages, now) => {
    expect(() => collapsePastStages(stages, now)).toThrow(RangeError);
  });
});

describe('referral decision reminders', () => {
  const none = new Set<string>();

  it.each([
    // referredAt, decision due (end of the next working day), escalation at 09:00 on the working day after
    ['2011-04-21', '2011-04-26', '2011-04-27T08:00:00.000Z'], // Good Friday and Easter Monday between
    ['2011-06-03', '2011-06-06', '2011-06-07T08:00:00.000Z'], // a Friday referral
    ['2011-12-01', '2011-12-02', '2011-12-05T09:00:00.000Z'], // GMT
  ])(
    'for a referral on %s, expects a decision by %s and escalates at %s',
    (referredAt, due, fireAt) => {
      const holidays = new Set(['2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02']);
      expect(referralDecisionDueDate(referredAt, 1, holidays)).toBe(due);
      const stages = referralDecisionStages(referredAt, 1, ['m1', 'm2', 'm1'], holidays);
      expect(stages.map((s) => [s.recipientUserId, s.type, s.fireAt.toISOString()])).toEqual([
        ['m1', 'referral_decision_overdue', fireAt],
        ['m2', 'referral_decision_overdue', fireAt],
      ]);
    },
  );

  it('plans nothing when nobody can be told', () => {
    expect(referralDecisionStages('2011-04-21', 1, [], none)).toEqual([]);
  });

  it.each([
    // referredAt, decision working days, due
    ['2011-04-21', 2, '2011-04-27'], // Thursday; Good Friday and Easter Monday skipped: Tue, Wed
    ['2011-06-03', 2, '2011-06-07'], // Friday: Mon, Tue
    ['2011-06-03', 5, '2011-06-10'],
  ])('counts a decision of %s over %i working days to %s', (referredAt, days, due) => {
    const holidays = new Set(['2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02']);
    expect(referralDecisionDueDate(referredAt, days, holidays)).toBe(due);
  });

  it.each([[0], [1.5], [-1]])('refuses %j decision working days with a RangeError', (days) => {
    expect(() => referralDecisionDueDate('2011-04-21', days, none)).toThrow(RangeError);
  });
});

describe('TAC reminders', () => {
  const none = new Set<string>();
  const active = {
    status: 'active' as const,
    tier: 2,
    leadProfessionalId: 'lp',
    cafCompletedOn: '2013-06-03',
    lastHeldOn: null,
    withoutLeadProfessionalSince: null,
  };
  const fired = (stages: ReturnType<typeof caseStages>) =>
    stages.map((s) => [s.stage, s.recipientUserId, s.fireAt.toISOString()]);

  it('escalates a first meeting not held within 20 working days of CAF completion, the working day after', () => {
    // 20 working days after Monday 2013-06-03 is Monday 2013-07-01; the escalation is on the 2nd.
    expect(fired(caseStages(active, ['m'], none))).toEqual([
      ['tac_first_meeting_overdue', 'm', '2013-07-02T08:00:00.000Z'],
    ]);
  });

  it('escalates a review six weeks after the last held meeting, naming the cycle', () => {
    const facts = { ...active, lastHeldOn: '2013-07-01' };
    expect(fired(caseStages(facts, ['m'], none))).toEqual([
      ['tac_review_overdue_2013-07-01', 'm', '2013-08-13T08:00:00.000Z'],
    ]);
  });

  it('escalates a tier 3 case without a lead professional for more than 5 working days', () => {
    const facts = {
      ...active,
      tier: 3,
      leadProfessionalId: null,
      lastHeldOn: '2013-07-01',
      withoutLeadProfessionalSince: '2013-07-05',
    };
    expect(fired(caseStages(facts, ['m'], none))).toContainEqual([
      'lead_professional_missing_2013-07-05',
      'm',
      '2013-07-15T08:00:00.000Z',
    ]);
  });

  it.each([
    [
      'the first meeting, 20 working days after CAF completion',
      active,
      { kind: 'first', dueOn: '2013-07-01' },
    ],
    [
      'the first meeting, moved by a bank holiday',
      { ...active, cafCompletedOn: '2013-08-05' },
      { kind: 'first', dueOn: '2013-09-03' },
    ],
    [
      'a review, 6 weeks after the last meeting held',
      { ...active, lastHeldOn: '2013-07-01' },
      { kind: 'review', dueOn: '2013-08-12' },
    ],
    ['nothing before the CAF is completed', { ...active, cafCompletedOn: null }, null],
    ['nothing for a closed case', { ...active, status: 'closed' as const }, null],
  ])('answers the next meeting due: %s', (_, facts, due) => {
    expect(nextMeetingDue(facts, BANK_HOLIDAYS)).toEqual(due);
  });

  it.each(['assessment', 'closed'] as const)('plans nothing for a case in %s', (status) => {
    expect(caseStages({ ...active, status }, ['m'], none)).toEqual([]);
  });

  it('reminds the lead professional of a meeting not recorded by its day + 2 working days, or at once when cancelled', () => {
    const now = new Date('2013-07-10T10:00:00Z');
    expect(
      fired(meetingStages({ status: 'scheduled', scheduledOn: '2013-07-05' }, 'lp', none, now)),
    ).toEqual([['tac_meeting_not_recorded', 'lp', '2013-07-10T08:00:00.000Z']]);
    expect(
      fired(meetingStages({ status: 'cancelled', scheduledOn: '2013-07-05' }, 'lp', none, now)),
    ).toEqual([['tac_meeting_cancelled', 'lp', now.toISOString()]]);
    expect(meetingStages({ status: 'held', scheduledOn: '2013-07-05' }, 'lp', none, now)).toEqual(
      [],
    );
    expect(
      meetingStages({ status: 'scheduled', scheduledOn: '2013-07-05' }, null, none, now),
    ).toEqual([]);
  });
});
