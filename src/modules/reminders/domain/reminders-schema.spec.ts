import { load } from 'js-yaml';
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  caseStages,
  coreAssessmentStages,
  DEFAULT_TIMESCALES,
  initialAssessmentStages,
  meetingStages,
  referralDecisionStages,
  singleAssessmentStages,
  type ReminderTimescales,
} from './reminder-plan';
import { parseReminderTimescales } from './reminders-schema';

const shipped = (): Record<string, unknown> =>
  load(readFileSync(join(__dirname, '../../../../config/reminders.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;

/** The shipped file with one value replaced at a dotted path. */
function withValue(path: string, value: unknown): unknown {
  const document = shipped();
  const keys = path.split('.');
  let node = document;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[keys[keys.length - 1]];
  else node[keys[keys.length - 1]] = value;
  return document;
}

describe('parseReminderTimescales', () => {
  it('reads the shipped config/reminders.yaml as the defaults of docs/domain.md#reminders-and-escalations', () => {
    expect(parseReminderTimescales(shipped())).toEqual(DEFAULT_TIMESCALES);
  });

  it.each([
    ['reminderHour', 24, 'reminderHour must be a whole number from 0 to 23'],
    ['reminderHour', 8.5, 'reminderHour must be a whole number from 0 to 23'],
    ['reminderHour', '9', 'reminderHour must be a whole number from 0 to 23'],
    ['reminderHour', undefined, 'reminderHour is missing'],
    [
      'referralDecisionWorkingDays',
      1,
      'referralDecisionWorkingDays is no longer read here: the decision timescale is the `decision` of each framework in assessment-framework.yaml',
    ],
    ['singleAssessment', undefined, 'singleAssessment is missing'],
    [
      'singleAssessment.dueSoonWorkingDays',
      [0],
      'singleAssessment.dueSoonWorkingDays[0] must be a whole number from 1 to 60',
    ],
    [
      'singleAssessment.dueSoonWorkingDays',
      undefined,
      'singleAssessment.dueSoonWorkingDays is missing',
    ],
    [
      'initialAssessment.dueSoonWorkingDays',
      2,
      'initialAssessment.dueSoonWorkingDays must be a list of working days',
    ],
    [
      'coreAssessment.dueSoonWorkingDays',
      [10, 10],
      'coreAssessment.dueSoonWorkingDays must not repeat a day',
    ],
    [
      'coreAssessment.dueSoonWorkingDays',
      [10, -5],
      'coreAssessment.dueSoonWorkingDays[1] must be a whole number from 1 to 60',
    ],
    ['tac.reviewEveryDays', null, 'tac.reviewEveryDays must be a whole number from 1 to 365'],
    ['tac.firstMeetingWorkingDays', undefined, 'tac.firstMeetingWorkingDays is missing'],
    ['tac.reviewEvryDays', 42, 'tac.reviewEvryDays is not a known key'],
    ['tac', [], 'tac. must be a mapping'],
  ])('refuses %s = %j: %s', (path, value, message) => {
    expect(() => parseReminderTimescales(withValue(path, value))).toThrow(message);
  });

  it('refuses a document that is not a mapping', () => {
    expect(() => parseReminderTimescales(null)).toThrow('must be a mapping');
    expect(() => parseReminderTimescales([1, 2])).toThrow('must be a mapping');
  });
});

describe('plans with other timescales', () => {
  const none = new Set<string>();
  const custom: ReminderTimescales = {
    reminderHour: 8,
    initialAssessmentDueSoonWorkingDays: [1, 3],
    coreAssessmentDueSoonWorkingDays: [15],
    singleAssessmentDueSoonWorkingDays: [10, 3],
    tac: {
      firstMeetingWorkingDays: 10,
      reviewEveryDays: 28,
      recordWithinWorkingDays: 1,
      leadProfessionalMissingWorkingDays: 3,
    },
  };
  const lines = (stages: readonly { stage: string; fireAt: Date }[]): string[] =>
    stages.map((s) => `${s.stage} ${s.fireAt.toISOString()}`);

  it('uses the configured hour and due-soon days, earliest first', () => {
    // Due Friday 2011-05-06 (BST: 08:00 London is 07:00Z); no holidays given.
    expect(lines(initialAssessmentStages('2011-05-06', 'w', ['m'], none, custom))).toEqual([
      'ia_due_soon_3 2011-05-03T07:00:00.000Z',
      'ia_due_soon_1 2011-05-05T07:00:00.000Z',
      'ia_due 2011-05-06T07:00:00.000Z',
      'ia_overdue 2011-05-09T07:00:00.000Z',
    ]);
    expect(lines(coreAssessmentStages('2011-12-20', 'w', ['m'], none, custom))).toEqual([
      'ca_due_soon_15 2011-11-29T08:00:00.000Z',
      'ca_due 2011-12-20T08:00:00.000Z',
      'ca_overdue 2011-12-21T08:00:00.000Z',
    ]);
    // Due Tuesday 2014-07-15 (BST); 10 working days before is Tuesday 1st, 3 before Thursday 10th.
    expect(lines(singleAssessmentStages('2014-07-15', 'w', ['m'], none, custom))).toEqual([
      'sa_due_soon_10 2014-07-01T07:00:00.000Z',
      'sa_due_soon_3 2014-07-10T07:00:00.000Z',
      'sa_due 2014-07-15T07:00:00.000Z',
      'sa_overdue 2014-07-16T07:00:00.000Z',
    ]);
  });

  it('reminds a single assessment 5 working days before by default', () => {
    expect(lines(singleAssessmentStages('2014-07-15', 'w', ['m'], none))).toEqual([
      'sa_due_soon_5 2014-07-08T08:00:00.000Z',
      'sa_due 2014-07-15T08:00:00.000Z',
      'sa_overdue 2014-07-16T08:00:00.000Z',
    ]);
  });

  it("escalates an undecided referral after its framework's decision working days, at the configured hour", () => {
    // Referred Thursday 2011-04-21, decided within 2 working days (Fri, Mon): told on Tuesday.
    expect(lines(referralDecisionStages('2011-04-21', 2, ['m'], none, custom))).toEqual([
      'referral_decision_overdue 2011-04-26T07:00:00.000Z',
    ]);
  });

  it('applies the configured TAC timescales', () => {
    const facts = {
      status: 'active' as const,
      tier: 3,
      leadProfessionalId: null,
      cafCompletedOn: '2011-04-01',
      lastHeldOn: '2011-04-08',
      withoutLeadProfessionalSince: '2011-04-04',
    };
    expect(lines(caseStages(facts, ['m'], none, custom))).toEqual([
      // review: 28 days after Friday 8 April is Friday 6 May; overdue the next working day
      'tac_review_overdue_2011-04-08 2011-05-09T07:00:00.000Z',
      // 3 working days after Monday 4 April is Thursday 7 April; told on Friday
      'lead_professional_missing_2011-04-04 2011-04-08T07:00:00.000Z',
    ]);
    expect(lines(caseStages({ ...facts, lastHeldOn: null, tier: 2 }, ['m'], none, custom))).toEqual(
      [
        // 10 working days after Friday 1 April is Friday 15 April; overdue on Monday 18th
        'tac_first_meeting_overdue 2011-04-18T07:00:00.000Z',
      ],
    );
    expect(
      lines(
        meetingStages(
          { status: 'scheduled', scheduledOn: '2011-04-08' },
          'lp',
          none,
          new Date('2011-04-01T00:00:00Z'),
          custom,
        ),
      ),
    ).toEqual(['tac_meeting_not_recorded 2011-04-12T07:00:00.000Z']);
  });
});
