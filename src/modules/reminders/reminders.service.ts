import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { JobsQueue } from '../../common/queue/jobs.queue';
import { JobsWorker } from '../../common/queue/jobs.worker';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import {
  collapsePastStages,
  coreAssessmentStages,
  referralDecisionDueDate,
  referralDecisionStages,
  initialAssessmentStages,
  PlannedStage,
} from './domain/reminder-plan';
import { OutgoingChannel } from './outgoing-channel';
import { ReminderRow, RemindersRepository, SubjectType } from './reminders.repository';

// The sweep runs at least every minute (SPEC §4.9) and enqueues what falls due before the next.
const SWEEP_EVERY_MS = 30_000;
const SWEEP_AHEAD_MS = 5 * 60_000;
const SWEEP_BATCH = 5_000;

export function jobIdOf(reminder: Pick<ReminderRow, 'id' | 'version'>): string {
  return `reminder-${reminder.id}-v${reminder.version}`;
}

/**
 * Reminders and escalations (SPEC §4.9). The database is the source of truth: services call
 * `plan…` inside the transaction of the change that causes a reminder, and `enqueue` after it
 * commits; the sweep re-creates any job Redis lost. The handler re-reads the reminder and its
 * subject and writes the notification at most once.
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
  ) {}

  onModuleInit(): void {
    this.worker.register('reminder.deliver', ({ reminderId }) => this.deliver(reminderId));
  }

  onApplicationBootstrap(): void {
    if (!this.worker.running) return;
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** A referral not decided by the end of the next working day escalates to the locality managers. */
  async planReferralDecision(sql: Sql, id: string): Promise<void> {
    const referral = await this.reminders.referral(sql, id);
    if (!referral) return;
    const nonWorking = await this.calendar.nonWorkingDays(sql, referral.localityId);
    const stages = referral.completed
      ? []
      : collapsePastStages(
          referralDecisionStages(
            referral.referredAt,
            await this.reminders.localityManagers(sql, referral.localityId),
            nonWorking,
          ),
          this.clock.now(),
        );
    const dueDate = referralDecisionDueDate(referral.referredAt, nonWorking);
    await this.reminders.replacePending(
      sql,
      { type: 'referral', id, childId: referral.childId, dueDate },
      stages,
    );
  }

  async planInitialAssessment(sql: Sql, id: string): Promise<void> {
    const ia = await this.reminders.initialAssessment(sql, id);
    if (!ia) return;
    const stages = ia.completed ? [] : await this.stages(sql, ia, initialAssessmentStages);
    await this.reminders.replacePending(
      sql,
      { type: 'initial_assessment', id, childId: ia.childId, dueDate: ia.dueDate },
      stages,
    );
  }

  async planCoreAssessment(sql: Sql, id: string): Promise<void> {
    const ca = await this.reminders.coreAssessment(sql, id);
    if (!ca) return;
    const stages = ca.completed ? [] : await this.stages(sql, ca, coreAssessmentStages);
    await this.reminders.replacePending(
      sql,
      { type: 'core_assessment', id, childId: ca.childId, dueDate: ca.dueDate },
      stages,
    );
  }

  /** After the commit: delayed jobs for the subject's pending stages (best effort; the sweep backs it up). */
  async enqueue(subjectId: string): Promise<void> {
    try {
      const pending = await this.db.read((sql) => this.reminders.pendingForSubject(sql, subjectId));
      await this.addJobs(pending);
    } catch (error) {
      this.logger.warn(
        `Reminders for a subject not enqueued yet: ${error instanceof Error ? error.message : 'error'}`,
      );
    }
  }

  /** Enqueues every pending stage due soon; deterministic job ids make repeats harmless. */
  async sweep(): Promise<number> {
    try {
      const due = await this.db.read((sql) =>
        this.reminders.pendingDueBefore(
          sql,
          new Date(this.clock.now().getTime() + SWEEP_AHEAD_MS),
          SWEEP_BATCH,
        ),
      );
      await this.addJobs(due);
      return due.length;
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
      const reminder = await this.reminders.lock(sql, reminderId);
      if (!reminder || reminder.state !== 'pending') return undefined;
      if (reminder.fireAt.getTime() > this.clock.now().getTime() + 1_000) return undefined; // early: the delayed job comes later
      if (await this.workDone(sql, reminder.subjectType, reminder.subjectId)) {
        await this.reminders.setState(sql, reminder.id, 'cancelled');
        return undefined;
      }
      const notification = await this.reminders.insertNotification(sql, reminder);
      await this.reminders.setState(sql, reminder.id, 'delivered');
      return (
        notification && {
          ...notification,
          to: await this.reminders.emailOf(sql, reminder.recipientUserId),
        }
      );
    });
    // After the commit, once per notification: the outgoing copy carries no child data.
    if (delivered?.to) await this.outgoing.send({ ...delivered, to: delivered.to });
  }

  private async workDone(sql: Sql, type: SubjectType, id: string): Promise<boolean> {
    const facts =
      type === 'initial_assessment'
        ? await this.reminders.initialAssessment(sql, id)
        : type === 'core_assessment'
          ? await this.reminders.coreAssessment(sql, id)
          : type === 'referral'
            ? await this.reminders.referral(sql, id)
            : undefined;
    return facts === undefined || facts.completed;
  }

  private async addJobs(reminders: readonly ReminderRow[]): Promise<void> {
    const now = Date.now();
    for (const reminder of reminders) {
      await this.queue.add(
        'reminder.deliver',
        { reminderId: reminder.id },
        jobIdOf(reminder),
        reminder.fireAt.getTime() - now,
      );
    }
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
      plan(subject.dueDate, subject.assignedTo, escalateTo, nonWorking),
      this.clock.now(),
    );
  }
}
