/**
 * Reminder plans for assessments (docs/domain.md#reminders-and-escalations): which notification goes to whom,
 * and when, for one assessment with a due date.
 *
 * Initial assessment: the assigned worker is reminded 2 working days before
 * the due date and on it; if it is not completed, their team's manager is
 * sent an escalation on the first working day after it. Core assessment: the
 * worker is reminded 10 and 5 working days before and on the due date; the
 * escalation is the working day after. Every stage fires at 09:00
 * Europe/London on its date.
 *
 * Late or historic data: collapsePastStages keeps, for each recipient, only
 * the latest stage that is already due, fired at once; future stages are
 * unchanged. An initial assessment entered after its due date therefore gives
 * its worker one 'due' reminder and the manager one escalation, not a burst.
 *
 * Pure: the caller supplies the non-working days and the current time, and
 * decides whether the assessment is still open (stages are only planned for
 * open assessments; cancelling them on completion is the caller's job).
 */
import { londonInstant } from '../../../common/domain/london-time';
import { addDays, type IsoDate } from '../../../common/domain/iso-date';
import { addWorkingDays, type NonWorkingDays } from '../../calendar/domain/working-days';

export type NotificationType =
  | 'initial_assessment_due_soon'
  | 'initial_assessment_due'
  | 'initial_assessment_overdue'
  | 'core_assessment_due_soon'
  | 'core_assessment_due'
  | 'core_assessment_overdue'
  | 'assessment_due_soon'
  | 'assessment_due'
  | 'assessment_overdue'
  | 'referral_decision_overdue'
  | 'tac_first_meeting_overdue'
  | 'tac_review_overdue'
  | 'tac_meeting_not_recorded'
  | 'lead_professional_missing';

export interface PlannedStage {
  /** Name of the stage within its plan, e.g. 'ia_due'; unique per recipient. */
  stage: string;
  type: NotificationType;
  recipientUserId: string;
  fireAt: Date;
}

/** Reminders and escalations fire at this hour, Europe/London time, unless configured otherwise. */
export const REMINDER_HOUR = 9;

/** The timescales of docs/domain.md#reminders-and-escalations, from config/reminders.yaml (see parseReminderTimescales). */
export interface ReminderTimescales {
  /** The hour, Europe/London, at which every stage fires on its day. */
  reminderHour: number;
  /** Reminders to the worker this many working days before an initial assessment is due. */
  initialAssessmentDueSoonWorkingDays: readonly number[];
  /** The same for a core assessment. */
  coreAssessmentDueSoonWorkingDays: readonly number[];
  /** The same for a single assessment (docs/domain.md#assessment-frameworks). */
  singleAssessmentDueSoonWorkingDays: readonly number[];
  tac: {
    /** The first TAC meeting is held within this many working days of CAF completion. */
    firstMeetingWorkingDays: number;
    /** Review meetings at most this many calendar days apart (6 weeks). */
    reviewEveryDays: number;
    /** A meeting is recorded by its scheduled day plus this many working days. */
    recordWithinWorkingDays: number;
    /** A tier 3 case may be without a lead professional for at most this many working days. */
    leadProfessionalMissingWorkingDays: number;
  };
}

/** the defaults of docs/domain.md#reminders-and-escalations. */
export const DEFAULT_TIMESCALES: ReminderTimescales = {
  reminderHour: REMINDER_HOUR,
  initialAssessmentDueSoonWorkingDays: [2],
  coreAssessmentDueSoonWorkingDays: [10, 5],
  singleAssessmentDueSoonWorkingDays: [5],
  tac: {
    firstMeetingWorkingDays: 20,
    reviewEveryDays: 42,
    recordWithinWorkingDays: 2,
    leadProfessionalMissingWorkingDays: 5,
  },
};

/** Who a stage goes to: the assigned worker, or every escalation recipient. */
type Audience = 'worker' | 'escalation';

interface StageRule {
  readonly stage: string;
  readonly type: NotificationType;
  readonly audience: Audience;
  /** Working days from the due date: negative before it, 0 on it, positive after it. */
  readonly workingDaysFromDue: number;
}

/** The escalation of an assessment not completed: the first working day after its due date. */
const OVERDUE_WORKING_DAYS = 1;

function assessmentRules(
  prefix: 'ia' | 'ca' | 'sa',
  kind: 'initial_assessment' | 'core_assessment' | 'assessment',
  dueSoonWorkingDays: readonly number[],
): StageRule[] {
  return [
    ...[...dueSoonWorkingDays]
      .sort((a, b) => b - a)
      .map((days): StageRule => ({
        stage: `${prefix}_due_soon_${days}`,
        type: `${kind}_due_soon`,
        audience: 'worker',
        workingDaysFromDue: -days,
      })),
    { stage: `${prefix}_due`, type: `${kind}_due`, audience: 'worker', workingDaysFromDue: 0 },
    {
      stage: `${prefix}_overdue`,
      type: `${kind}_overdue`,
      audience: 'escalation',
      workingDaysFromDue: OVERDUE_WORKING_DAYS,
    },
  ];
}

function assertUserId(value: string, name: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RangeError(`${name} must be a non-empty user id`);
  }
}

/** The ids in first-seen order with repeats removed. */
function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function planStages(
  rules: readonly StageRule[],
  dueDate: IsoDate,
  workerUserId: string,
  escalateToUserIds: readonly string[],
  nonWorking: NonWorkingDays,
  hour: number,
): PlannedStage[] {
  assertUserId(workerUserId, 'workerUserId');
  escalateToUserIds.forEach((id, index) => assertUserId(id, `escalateToUserIds[${index}]`));
  const escalation = distinct(escalateToUserIds);

  const stages: PlannedStage[] = [];
  for (const rule of rules) {
    const date = addWorkingDays(dueDate, rule.workingDaysFromDue, nonWorking);
    const recipients = rule.audience === 'worker' ? [workerUserId] : escalation;
    for (const recipientUserId of recipients) {
      stages.push({
        stage: rule.stage,
        type: rule.type,
        recipientUserId,
        fireAt: londonInstant(date, hour),
      });
    }
  }
  return stages;
}

/**
 * Initial assessment stages: `ia_due_soon` (type initial_assessment_due_soon,
 * worker, 2 working days before due), `ia_due` (initial_assessment_due,
 * worker, on the due date), `ia_overdue` (initial_assessment_overdue, each
 * escalation recipient, first working day after the due date); each at 09:00
 * London on that date. Repeated escalation recipients get one stage; with no
 * escalation recipients there is no `ia_overdue` stage. Stages come in the
 * order listed, escalation recipients in first-seen order.
 *
 * RangeError for an invalid due date or an empty user id.
 */
export function initialAssessmentStages(
  dueDate: IsoDate,
  workerUserId: string,
  escalateToUserIds: readonly string[],
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): PlannedStage[] {
  return planStages(
    assessmentRules('ia', 'initial_assessment', timescales.initialAssessmentDueSoonWorkingDays),
    dueDate,
    workerUserId,
    escalateToUserIds,
    nonWorking,
    timescales.reminderHour,
  );
}

/**
 * Core assessment stages: `ca_due_soon_10` and `ca_due_soon_5`
 * (core_assessment_due_soon, worker, 10 and 5 working days before due),
 * `ca_due` (core_assessment_due, worker, on the due date), `ca_overdue`
 * (core_assessment_overdue, each escalation recipient, first working day after
 * the due date); each at 09:00 London on that date. Same conventions as
 * initialAssessmentStages.
 */
export function coreAssessmentStages(
  dueDate: IsoDate,
  workerUserId: string,
  escalateToUserIds: readonly string[],
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): PlannedStage[] {
  return planStages(
    assessmentRules('ca', 'core_assessment', timescales.coreAssessmentDueSoonWorkingDays),
    dueDate,
    workerUserId,
    escalateToUserIds,
    nonWorking,
    timescales.reminderHour,
  );
}

/**
 * Single assessment stages (docs/domain.md#assessment-frameworks): `sa_due_soon_<n>`
 * (assessment_due_soon, worker, n working days before due for each n of
 * `singleAssessmentDueSoonWorkingDays`, 5 by default), `sa_due` (assessment_due, worker,
 * on the due date), `sa_overdue` (assessment_overdue, each escalation recipient, the first
 * working day after the due date); each at the reminder hour, London time. Same conventions
 * as initialAssessmentStages.
 */
export function singleAssessmentStages(
  dueDate: IsoDate,
  workerUserId: string,
  escalateToUserIds: readonly string[],
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): PlannedStage[] {
  return planStages(
    assessmentRules('sa', 'assessment', timescales.singleAssessmentDueSoonWorkingDays),
    dueDate,
    workerUserId,
    escalateToUserIds,
    nonWorking,
    timescales.reminderHour,
  );
}

function compareStages(a: PlannedStage, b: PlannedStage): number {
  const byTime = a.fireAt.getTime() - b.fireAt.getTime();
  if (byTime !== 0) return byTime;
  if (a.stage !== b.stage) return a.stage < b.stage ? -1 : 1;
  if (a.recipientUserId === b.recipientUserId) return 0;
  return a.recipientUserId < b.recipientUserId ? -1 : 1;
}

function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

/**
 * Applies the late-data rule at `now` to the stages of one item (one
 * assessment): for each recipient, of the stages with fireAt <= now only the
 * latest remains, with fireAt = now; stages after now are unchanged.
 *
 * - The rule is per recipient across all of that recipient's stages, not per
 *   stage type. So a worker who is also listed as the manager, on an initial
 *   assessment entered after its overdue instant, gets only the `ia_overdue`
 *   escalation at now (not an `ia_due` reminder as well): one notification,
 *   the most pressing.
 * - The same (recipient, stage) pair given more than once is kept once: the
 *   first occurrence in the input wins.
 * - Two past stages for one recipient at the same instant: the later in the
 *   input wins (plans list stages in the order they happen).
 *
 * Output: new objects (the input is not changed), sorted by fireAt, then
 * stage, then recipient. RangeError for an invalid `now` or fireAt.
 */
export function collapsePastStages(stages: readonly PlannedStage[], now: Date): PlannedStage[] {
  assertValidDate(now, 'now');
  const nowTime = now.getTime();

  const seen = new Set<string>();
  const future: PlannedStage[] = [];
  const latestPast = new Map<string, PlannedStage>();
  for (const stage of stages) {
    assertValidDate(stage.fireAt, `fireAt of stage ${stage.stage}`);
    const key = JSON.stringify([stage.recipientUserId, stage.stage]);
    if (seen.has(key)) continue;
    seen.add(key);

    if (stage.fireAt.getTime() > nowTime) {
      future.push({ ...stage, fireAt: new Date(stage.fireAt.getTime()) });
      continue;
    }
    const current = latestPast.get(stage.recipientUserId);
    if (current === undefined || stage.fireAt.getTime() >= current.fireAt.getTime()) {
      latestPast.set(stage.recipientUserId, stage);
    }
  }

  const collapsed = [...latestPast.values()].map((stage): PlannedStage => ({
    ...stage,
    fireAt: new Date(nowTime),
  }));
  return [...collapsed, ...future].sort(compareStages);
}

/**
 * The day a referral's decision is due: `decisionWorkingDays` working days after referredAt,
 * the `decision` of the referral's assessment framework (docs/domain.md#assessment-frameworks;
 * 1 under the default framework: by the end of the next working day).
 */
export function referralDecisionDueDate(
  referredAt: IsoDate,
  decisionWorkingDays: number,
  nonWorking: NonWorkingDays,
): IsoDate {
  if (!Number.isInteger(decisionWorkingDays) || decisionWorkingDays < 1) {
    throw new RangeError('decisionWorkingDays must be a whole number of working days from 1');
  }
  return addWorkingDays(referredAt, decisionWorkingDays, nonWorking);
}

/**
 * A referral not decided by its decision due date (referralDecisionDueDate):
 * `referral_decision_overdue` to each escalation recipient at the reminder hour, London time,
 * on the working day after.
 */
export function referralDecisionStages(
  referredAt: IsoDate,
  decisionWorkingDays: number,
  escalateToUserIds: readonly string[],
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): PlannedStage[] {
  escalateToUserIds.forEach((id, index) => assertUserId(id, `escalateToUserIds[${index}]`));
  const dueDate = referralDecisionDueDate(referredAt, decisionWorkingDays, nonWorking);
  return distinct(escalateToUserIds).map((recipientUserId) => ({
    stage: 'referral_decision_overdue',
    type: 'referral_decision_overdue',
    recipientUserId,
    fireAt: nextWorkingMorning(dueDate, nonWorking, timescales),
  }));
}

export interface CaseReminderFacts {
  status: 'assessment' | 'active' | 'closed';
  tier: number | null;
  leadProfessionalId: string | null;
  /** The day the CAF was first completed. */
  cafCompletedOn: IsoDate | null;
  /** The last day a TAC meeting was held, if any. */
  lastHeldOn: IsoDate | null;
  /** Since when a tier 3 case has had no lead professional (null when it has one). */
  withoutLeadProfessionalSince: IsoDate | null;
}

/** The TAC meeting a case needs next: its first, or the review after the last one held. */
export interface MeetingDue {
  kind: 'first' | 'review';
  /** The last day it may be held on; the escalation fires the working day after. */
  dueOn: IsoDate;
}

/**
 * When an active case's next TAC meeting must be held by (docs/domain.md#team-around-the-child):
 * the first within 20 working days of CAF completion, then each review at most 6 weeks after
 * the last meeting held (both from config/reminders.yaml). None before the CAF is completed.
 */
export function nextMeetingDue(
  facts: Pick<CaseReminderFacts, 'status' | 'cafCompletedOn' | 'lastHeldOn'>,
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): MeetingDue | null {
  if (facts.status !== 'active') return null;
  if (facts.lastHeldOn !== null) {
    return { kind: 'review', dueOn: addDays(facts.lastHeldOn, timescales.tac.reviewEveryDays) };
  }
  if (facts.cafCompletedOn === null) return null;
  return {
    kind: 'first',
    dueOn: addWorkingDays(facts.cafCompletedOn, timescales.tac.firstMeetingWorkingDays, nonWorking),
  };
}

/** The first working day after `date` at the reminder hour, London time. */
function nextWorkingMorning(
  date: IsoDate,
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales,
): Date {
  return londonInstant(addWorkingDays(date, 1, nonWorking), timescales.reminderHour);
}

/**
 * A case's TAC escalations, to each escalation recipient: the first meeting not held in time
 * after CAF completion; the review overdue after the last held meeting (its stage names the
 * meeting day, so each review cycle is its own event); a tier 3 case without a lead
 * professional for too long.
 */
export function caseStages(
  facts: CaseReminderFacts,
  escalateToUserIds: readonly string[],
  nonWorking: NonWorkingDays,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): PlannedStage[] {
  if (facts.status !== 'active') return [];
  const recipients = distinct(escalateToUserIds);
  const stages: { stage: string; type: NotificationType; fireAt: Date }[] = [];
  const meeting = nextMeetingDue(facts, nonWorking, timescales);
  if (meeting?.kind === 'first') {
    stages.push({
      stage: 'tac_first_meeting_overdue',
      type: 'tac_first_meeting_overdue',
      fireAt: nextWorkingMorning(meeting.dueOn, nonWorking, timescales),
    });
  }
  if (meeting?.kind === 'review') {
    stages.push({
      stage: `tac_review_overdue_${facts.lastHeldOn}`,
      type: 'tac_review_overdue',
      fireAt: nextWorkingMorning(meeting.dueOn, nonWorking, timescales),
    });
  }
  if (
    facts.tier === 3 &&
    facts.leadProfessionalId === null &&
    facts.withoutLeadProfessionalSince !== null
  ) {
    const due = addWorkingDays(
      facts.withoutLeadProfessionalSince,
      timescales.tac.leadProfessionalMissingWorkingDays,
      nonWorking,
    );
    stages.push({
      stage: `lead_professional_missing_${facts.withoutLeadProfessionalSince}`,
      type: 'lead_professional_missing',
      fireAt: nextWorkingMorning(due, nonWorking, timescales),
    });
  }
  return stages.flatMap((s) => recipients.map((recipientUserId) => ({ ...s, recipientUserId })));
}

/**
 * A scheduled meeting not recorded by its scheduled day plus 2 working days reminds the lead
 * professional; a cancelled one reminds them at once (to arrange another).
 */
export function meetingStages(
  meeting: { status: 'scheduled' | 'held' | 'cancelled'; scheduledOn: IsoDate },
  leadProfessionalId: string | null,
  nonWorking: NonWorkingDays,
  now: Date,
  timescales: ReminderTimescales = DEFAULT_TIMESCALES,
): PlannedStage[] {
  if (leadProfessionalId === null || meeting.status === 'held') return [];
  if (meeting.status === 'cancelled') {
    return [
      {
        stage: 'tac_meeting_cancelled',
        type: 'tac_meeting_not_recorded',
        recipientUserId: leadProfessionalId,
        fireAt: now,
      },
    ];
  }
  const due = addWorkingDays(
    meeting.scheduledOn,
    timescales.tac.recordWithinWorkingDays,
    nonWorking,
  );
  return [
    {
      stage: 'tac_meeting_not_recorded',
      type: 'tac_meeting_not_recorded',
      recipientUserId: leadProfessionalId,
      fireAt: nextWorkingMorning(due, nonWorking, timescales),
    },
  ];
}
