import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { londonDate } from '../../common/domain/london-time';
import { JobsQueue } from '../../common/queue/jobs.queue';
import { JobsWorker } from '../../common/queue/jobs.worker';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import {
  collapsePastStages,
  caseStages,
  coreAssessmentStages,
  meetingStages,
  MeetingDue,
  nextMeetingDue,
  referralDecisionDueDate,
  referralDecisionStages,
  initialAssessmentStages,
  singleAssessmentStages,
  PlannedStage,
  ReminderTimescales,
} from './domain/reminder-plan';
import { OutgoingChannel } from './outgoing-channel';
import { InjectAuthorityFile } from '../../config/authority-files';
import { REMINDERS_FILE } from './reminders.file';
import { ReminderRow, RemindersRepository, SubjectType } from './reminders.repository';

// The sweep runs at least every minute (docs/domain.md#reminders-and-escalations). A full sweep (at start, when Redis comes
// back, or when Redis has lost its data) enqueues every stage due before the next few sweeps;
// otherwise a sweep only rescues the stages whose time is long past: their job failed, was
// delayed by an earlier clock, or was lost.
const SWEEP_EVERY_MS = 30_000;
const SWEEP_AHEAD_MS = 5 * 60_000;
const SWEEP_BATCH = 5_000;
const LATE_AFTER_MS = 60_000;

export function jobIdOf(reminder: Pick<ReminderRow, 'id' | 'version'>): string {
  return `reminder-${reminder.id}-v${reminder.version}`;
}

/**
 * Reminders and escalations (docs/domain.md#reminders-and-escalations). The database is the source of truth: services call
 * `plan…` inside the transaction of the change that causes a reminder, and `enqueue` after it
 * commits; the sweep re-creates any job Redis lost. The handler re-reads the reminder and its
 * subject and writes the notification at most once.
 *
 * Longer than the house's ~350 lines on purpose: planning, enqueueing, the sweep and the handler
 * are one protocol between the database and the queue, whose invariants (one job per reminder
 * version, one notification) are easier to keep when read in one place.
 */
@Injectable()
export class RemindersService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('Reminders');
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly calendar: CalendarService,
    private readonly queue: JobsQueue,
    private readonly worker: JobsWorker,
    private readonly clock: Clock,
    private readonly outgoing: OutgoingChannel,
    @InjectAuthorityFile(REMINDERS_FILE) private readonly timescales: ReminderTimescales,
  ) {}

  onModuleInit(): void {
    this.worker.register('reminder.deliver', ({ reminderId }) => this.deliver(reminderId));
  }

  onApplicationBootstrap(): void {
    if (!this.worker.running) return;
    void this.sweep({ full: true });
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
    // Redis back after an outage (perhaps empty): re-create the jobs now, not at the next tick.
    this.queue.onReady(() => void this.sweep({ full: true }));
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /**
   * A referral not decided by the end of the next working day escalates to the locality
   * managers. `known`: the referral's facts when the caller has them; `fresh` when it was
   * inserted in this transaction.
   */
  async planReferralDecision(
    sql: Sql,
    id: string,
    known?: {
      childId: string;
      localityId: string;
      referredAt: string;
      /** The `decision` of the referral's framework: working days to decide it. */
      decisionWorkingDays: number;
      completed: boolean;
      fresh?: boolean;
    },
  ): Promise<void> {
    const referral = known ?? (await this.reminders.referral(sql, id));
    if (!referral) return;
    const nonWorking = await this.calendar.nonWorkingDays(sql, referral.localityId);
    const stages = referral.completed
      ? []
      : collapsePastStages(
          referralDecisionStages(
            referral.referredAt,
            referral.decisionWorkingDays,
            await this.reminders.localityManagers(sql, referral.localityId),
            nonWorking,
            this.timescales,
          ),
          this.clock.now(),
        );
    const dueDate = referralDecisionDueDate(
      referral.referredAt,
      referral.decisionWorkingDays,
      nonWorking,
    );
    const pending = await this.reminders.replacePending(
      sql,
      { type: 'referral', id, childId: referral.childId, dueDate },
      stages,
      known?.fresh === true,
    );
    this.enqueueAfterCommit(sql, pending);
  }

  /** A case's TAC escalations: first meeting, review, lead professional missing (docs/domain.md#team-around-the-child). */
  async planCase(sql: Sql, id: string): Promise<void> {
    const stages = await this.caseStagesNow(sql, id);
    const facts = await this.reminders.caseFacts(sql, id);
    if (!facts) return;
    const pending = await this.reminders.replacePending(
      sql,
      { type: 'case', id, childId: facts.childId, dueDate: null },
      stages,
    );
    this.enqueueAfterCommit(sql, pending);
  }

  /** After any change to a case: its escalations and each of its meetings' reminders. */
  async planCaseAndMeetings(sql: Sql, caseId: string): Promise<void> {
    await this.planCase(sql, caseId);
    for (const meetingId of await this.reminders.meetingIdsOfCase(sql, caseId))
      await this.planMeeting(sql, meetingId);
  }

  /** The TAC meeting the case needs next and the day it is due by (docs/domain.md#team-around-the-child). */
  async nextMeetingDue(sql: Sql, caseId: string): Promise<MeetingDue | null> {
    const facts = await this.reminders.caseFacts(sql, caseId);
    if (!facts) return null;
    return nextMeetingDue(
      facts,
      await this.calendar.nonWorkingDays(sql, facts.localityId),
      this.timescales,
    );
  }

  async planMeeting(sql: Sql, id: string): Promise<void> {
    const stages = await this.meetingStagesNow(sql, id);
    const meeting = await this.reminders.meetingFacts(sql, id);
    if (!meeting) return;
    const pending = await this.reminders.replacePending(
      sql,
      {
        type: 'tac_meeting',
        id,
        childId: meeting.childId,
        dueDate: londonDate(meeting.scheduledAt),
      },
      stages,
    );
    this.enqueueAfterCommit(sql, pending);
  }

  async planInitialAssessment(sql: Sql, id: string): Promise<void> {
    const ia = await this.reminders.initialAssessment(sql, id);
    if (!ia) return;
    const stages = ia.completed ? [] : await this.stages(sql, ia, initialAssessmentStages);
    const pending = await this.reminders.replacePending(
      sql,
      { type: 'initial_assessment', id, childId: ia.childId, dueDate: ia.dueDate },
      stages,
    );
    this.enqueueAfterCommit(sql, pending);
  }

  async planCoreAssessment(sql: Sql, id: string): Promise<void> {
    const ca = await this.reminders.coreAssessment(sql, id);
    if (!ca) return;
    const stages = ca.completed ? [] : await this.stages(sql, ca, coreAssessmentStages);
    const pending = await this.reminders.replacePending(
      sql,
      { type: 'core_assessment', id, childId: ca.childId, dueDate: ca.dueDate },
      stages,
    );
    this.enqueueAfterCommit(sql, pending);
  }

  /** The single assessment's reminders and escalation (docs/domain.md#assessment-frameworks). */
  async planSingleAssessment(sql: Sql, id: string): Promise<void> {
    const sa = await this.reminders.singleAssessment(sql, id);
    if (!sa) return;
    const stages = sa.completed ? [] : await this.stages(sql, sa, singleAssessmentStages);
    const pending = await this.reminders.replacePending(
      sql,
      { type: 'assessment', id, childId: sa.childId, dueDate: sa.dueDate },
      stages,
    );
    this.enqueueAfterCommit(sql, pending);
  }

  /**
   * After the commit: delayed jobs for the pending stages the transaction wrote (best effort;
   * the sweep backs it up). A later change that replaced them enqueues its own; a job for a
   * stage no longer pending does nothing.
   */
  private enqueueAfterCommit(sql: Sql, pending: readonly ReminderRow[]): void {
    if (pending.length === 0) return;
    sql.afterCommit(async () => {
      try {
        await this.addJobs(pending);
      } catch (error) {
        this.logger.warn(
          `Reminders for a subject not enqueued yet: ${error instanceof Error ? error.message : 'error'}`,
        );
      }
    });
  }

  /**
   * Re-creates jobs from the database, page by page; deterministic job ids make repeats
   * harmless. Full: every pending stage due within SWEEP_AHEAD_MS (also chosen when Redis has
   * lost the queue's marker key, i.e. its data). Otherwise: the stages still pending a minute
   * after their time, which are also made to run now. Answers how many stages it saw.
   */
  async sweep(options: { full?: boolean } = {}): Promise<number> {
    try {
      const now = this.clock.now().getTime();
      // (Always set the marker; if Redis cannot say, sweep fully.)
      const lost = await this.queue.markLive().catch(() => true);
      const full = lost || options.full === true;
      const until = new Date(full ? now + SWEEP_AHEAD_MS : now - LATE_AFTER_MS);
      let seen = 0;
      let after: ReminderRow | undefined;
      for (;;) {
        const page = await this.db.read((sql) =>
          this.reminders.pendingDueBefore(sql, until, after, SWEEP_BATCH),
        );
        await this.addJobs(page);
        const late = page.filter((r) => r.fireAt.getTime() <= now - LATE_AFTER_MS);
        if (late.length > 0) await this.queue.runDueNow(late.map(jobIdOf));
        seen += page.length;
        const last = page[page.length - 1];
        // A page that ends where the last one did makes no progress: stop rather than loop.
        if (page.length < SWEEP_BATCH || (after && last.id === after.id)) return seen;
        after = last;
      }
    } catch (error) {
      this.logger.warn(
        `Reminder sweep failed: ${error instanceof Error ? error.message : 'error'}`,
      );
      return 0;
    }
  }

  /** The job handler: safe to run twice, and drops itself when the work is done. */
  async deliver(reminderId: string): Promise<void> {
    const delivered = await this.db.transaction(async (sql) => {
      // No wait for the WAL flush on this commit: the notification and the stage's state
      // commit, or are lost in a crash, together; a lost delivery leaves the stage pending
      // and the sweep runs it again. Everywhere else commits stay synchronous.
      await this.reminders.commitWithoutFlushWait(sql);
      const reminder = await this.reminders.lock(sql, reminderId);
      if (!reminder || reminder.state !== 'pending') return undefined;
      if (reminder.fireAt.getTime() > this.clock.now().getTime() + 1_000) return undefined; // early: the delayed job comes later
      if (!(await this.stillDue(sql, reminder))) {
        await this.reminders.cancel(sql, reminder.id);
        return undefined;
      }
      const notification = await this.reminders.deliver(sql, reminder);
      if (!notification || !this.outgoing.enabled) return undefined;
      const to = await this.reminders.emailOf(sql, reminder.recipientUserId);
      return to && { ...notification, to };
    });
    // After the commit, once per notification: the outgoing copy carries no child data.
    if (delivered) await this.outgoing.send(delivered);
  }

  private async caseStagesNow(sql: Sql, id: string): Promise<PlannedStage[]> {
    const facts = await this.reminders.caseFacts(sql, id);
    if (!facts) return [];
    const nonWorking = await this.calendar.nonWorkingDays(sql, facts.localityId);
    const escalateTo = await this.reminders.escalationRecipients(
      sql,
      facts.coordinatorId,
      facts.localityId,
    );
    return collapsePastStages(
      caseStages(facts, escalateTo, nonWorking, this.timescales),
      this.clock.now(),
    );
  }

  private async meetingStagesNow(sql: Sql, id: string): Promise<PlannedStage[]> {
    const meeting = await this.reminders.meetingFacts(sql, id);
    if (!meeting) return [];
    const nonWorking = await this.calendar.nonWorkingDays(sql, meeting.localityId);
    const stages = meetingStages(
      { status: meeting.status, scheduledOn: londonDate(meeting.scheduledAt) },
      meeting.leadProfessionalId,
      nonWorking,
      this.clock.now(),
      this.timescales,
    );
    return collapsePastStages(stages, this.clock.now());
  }

  /** Whether the reminder's event still stands: re-read the subject, as the job may be late or repeated. */
  private async stillDue(sql: Sql, reminder: ReminderRow): Promise<boolean> {
    if (reminder.subjectType === 'case' || reminder.subjectType === 'tac_meeting') {
      const current =
        reminder.subjectType === 'case'
          ? await this.caseStagesNow(sql, reminder.subjectId)
          : await this.meetingStagesNow(sql, reminder.subjectId);
      return current.some(
        (stage) =>
          stage.stage === reminder.stage && stage.recipientUserId === reminder.recipientUserId,
      );
    }
    return !(await this.workDone(sql, reminder.subjectType, reminder.subjectId));
  }

  private async workDone(sql: Sql, type: SubjectType, id: string): Promise<boolean> {
    const facts =
      type === 'initial_assessment'
        ? await this.reminders.initialAssessment(sql, id)
        : type === 'core_assessment'
          ? await this.reminders.coreAssessment(sql, id)
          : type === 'assessment'
            ? await this.reminders.singleAssessment(sql, id)
            : type === 'referral'
              ? await this.reminders.referral(sql, id)
              : undefined;
    return facts === undefined || facts.completed;
  }

  private async addJobs(reminders: readonly ReminderRow[]): Promise<void> {
    const now = this.clock.now().getTime();
    await this.queue.addMany(
      'reminder.deliver',
      reminders.map((reminder) => ({
        payload: { reminderId: reminder.id },
        jobId: jobIdOf(reminder),
        delayMs: reminder.fireAt.getTime() - now,
      })),
    );
  }

  private async stages(
    sql: Sql,
    subject: { assignedTo: string; localityId: string; dueDate: string },
    plan: typeof initialAssessmentStages,
  ): Promise<PlannedStage[]> {
    const nonWorking = await this.calendar.nonWorkingDays(sql, subject.localityId);
    const escalateTo = await this.reminders.escalationRecipients(
      sql,
      subject.assignedTo,
      subject.localityId,
    );
    return collapsePastStages(
      plan(subject.dueDate, subject.assignedTo, escalateTo, nonWorking, this.timescales),
      this.clock.now(),
    );
  }
}
