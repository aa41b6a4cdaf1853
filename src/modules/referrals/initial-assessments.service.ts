import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound } from '../../common/errors/domain-error';
import type { Page } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService, type ClosureRow, type MovedDueDate } from '../calendar/calendar.service';
import { RemindersService } from '../reminders/reminders.service';
import { AssessmentSupport, type Dated } from './assessment-support';
import { AssessmentsRepository, InitialAssessmentRow } from './assessments.repository';
import { assertNotInFuture } from './dates';
import { initialAssessmentDays, type FrameworkTimescales } from './domain/assessment-framework';
import { reasonAfterAssessment } from './domain/reason-for-closure';
import { completedInTime, initialAssessmentDueDate } from './domain/assessment-due-dates';
import type { CompleteInitialAssessmentDto, WorkListQuery } from './dto/referral.dto';
import { ReferralsRepository } from './referrals.repository';

/**
 * The initial assessment that follows a referral decided initial_assessment under an
 * initial-and-core framework (7 working days from the referral by default): start, complete,
 * read, work list, and the due dates that a corrected referral date or a new local closure
 * day moves. The core assessment is CoreAssessmentsService's; what both share is
 * AssessmentSupport's.
 */
@Injectable()
export class InitialAssessmentsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly assessments: AssessmentsRepository,
    private readonly referrals: ReferralsRepository,
    private readonly support: AssessmentSupport,
    private readonly calendar: CalendarService,
    private readonly reminders: RemindersService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.calendar.onClosureAdded((sql, closure) => this.moveDueDatesAround(sql, closure));
  }

  /** The referral's initial assessment, if one has started (inside the caller's transaction). */
  async initialForReferral(
    sql: Sql,
    referralId: string,
  ): Promise<Dated<InitialAssessmentRow> | null> {
    const ia = await this.assessments.initialForReferral(sql, referralId);
    return ia ? this.support.dated(ia) : null;
  }

  /** The referral date moved: its initial assessment's due date (and in-time) follow. */
  async referralDateChanged(
    sql: Sql,
    referralId: string,
    referredAt: string,
    timescales: FrameworkTimescales,
  ): Promise<void> {
    const ia = await this.assessments.initialForReferral(sql, referralId);
    const due = await this.dueDateIfReferredAt(sql, referralId, referredAt, timescales);
    if (!ia || !due) return;
    const { dueDate } = due;
    await this.assessments.setInitialDueDate(
      sql,
      ia.id,
      dueDate,
      ia.completedAt === null ? null : completedInTime(ia.completedAt, dueDate),
    );
    await this.reminders.planInitialAssessment(sql, ia.id);
  }

  /**
   * The due date the referral's initial assessment would have with this referral date (none
   * when it has no initial assessment), computed as `referralDateChanged` computes it, without
   * saving (inside the caller's transaction): a page shows it before the change.
   */
  async dueDateIfReferredAt(
    sql: Sql,
    referralId: string,
    referredAt: string,
    timescales: FrameworkTimescales,
  ): Promise<{ dueDate: string; dueDateProvisional: boolean } | null> {
    const ia = await this.assessments.initialForReferral(sql, referralId);
    const days = initialAssessmentDays(timescales);
    if (!ia || days === null) return null;
    const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
    const dueDate = initialAssessmentDueDate(referredAt, nonWorking, days);
    return { dueDate, dueDateProvisional: this.calendar.isProvisional(referredAt, dueDate) };
  }

  async startInitialAssessment(
    actor: Actor,
    referralId: string,
    assignedTo: string,
  ): Promise<Dated<InitialAssessmentRow>> {
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, referralId, true);
      if (!referral) throw notFound('Referral');
      const days = initialAssessmentDays(referral.frameworkTimescales);
      if (days === null) {
        throw new DomainError(
          'RULE_VIOLATED',
          `This referral is under framework ${referral.framework}, which has the single assessment: start it with POST /referrals/:id/assessment`,
        );
      }
      if (referral.outcome !== 'initial_assessment') {
        throw new DomainError(
          'RULE_VIOLATED',
          'An initial assessment starts only from a referral decided initial_assessment',
        );
      }
      await this.support.assertSocialCareWorker(sql, assignedTo);
      const nonWorking = await this.calendar.nonWorkingDays(sql, referral.localityId);
      const id = await this.assessments.insertInitial(sql, {
        referralId,
        childId: referral.childId,
        localityId: referral.localityId,
        assignedTo,
        dueDate: initialAssessmentDueDate(referral.referredAt, nonWorking, days),
        createdBy: actor.id,
      });
      if (!id)
        throw new DomainError('ALREADY_EXISTS', 'This referral already has an initial assessment');
      await this.reminders.planInitialAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: referral.childId,
        action: 'initial_assessment.started',
        entityType: 'initial_assessment',
        entityId: id,
        details: { assignedTo },
      });
      return this.support.dated((await this.assessments.findInitial(sql, actor, id))!);
    });
  }

  async completeInitialAssessment(
    actor: Actor,
    id: string,
    input: CompleteInitialAssessmentDto,
  ): Promise<Dated<InitialAssessmentRow>> {
    assertNotInFuture(this.clock, 'completedAt', input.completedAt);
    const reason = reasonAfterAssessment(input.outcome, input.reasonForClosure ?? null);
    if (!reason.ok) throw new DomainError('VALIDATION_FAILED', reason.message);
    return this.db.transaction(async (sql) => {
      const ia = await this.assessments.findInitial(sql, actor, id, true);
      if (!ia) throw notFound('Initial assessment');
      if (ia.completedAt !== null)
        throw new DomainError('INVALID_STATE', 'The initial assessment is already completed');
      if (input.completedAt < ia.referredAt)
        throw new DomainError('RULE_VIOLATED', 'completedAt cannot be before the referral date');
      const inTime = completedInTime(input.completedAt, ia.dueDate);
      await this.assessments.completeInitial(
        sql,
        id,
        input.completedAt,
        input.outcome,
        inTime,
        input.factors ?? [],
      );
      await this.support.recordCensusFields(sql, ia.referralId, input.primaryNeed, reason.reason);
      await this.reminders.planInitialAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: ia.childId,
        action: 'initial_assessment.completed',
        entityType: 'initial_assessment',
        entityId: id,
        details: { outcome: input.outcome, inTime, reasonForClosure: reason.reason },
      });
      return this.support.dated((await this.assessments.findInitial(sql, actor, id))!);
    });
  }

  async getInitial(actor: Actor, id: string): Promise<Dated<InitialAssessmentRow>> {
    const ia = await this.support.readOne(
      actor,
      id,
      'initial_assessment',
      'Initial assessment',
      (sql) => this.assessments.findInitial(sql, actor, id),
    );
    return this.support.dated(ia);
  }

  /** Social care's work list: open initial assessments by due date, with working days remaining. */
  openInitialAssessments(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<Dated<InitialAssessmentRow> & { workingDaysRemaining: number }>> {
    return this.support.workList(actor, query, 'initial_assessment', (sql, after, limit) =>
      this.assessments.openInitial(sql, {
        actor,
        assignedTo: query.assignedToUserId,
        after,
        limit,
      }),
    );
  }

  /** A new local closure day moves the due dates of open initial assessments whose window contains it. */
  private async moveDueDatesAround(sql: Sql, closure: ClosureRow): Promise<MovedDueDate[]> {
    return this.support.moveDueDates(
      sql,
      'initial_assessment',
      await this.assessments.openInitialAround(sql, closure.date, closure.localityId),
      async (ia, nonWorking) => {
        const timescales = await this.referrals.timescalesOf(sql, ia.referralId);
        return initialAssessmentDueDate(
          ia.referredAt,
          nonWorking,
          (timescales && initialAssessmentDays(timescales)) ?? undefined,
        );
      },
      async (ia, dueDate) => {
        await this.assessments.setInitialDueDate(sql, ia.id, dueDate, null);
        await this.reminders.planInitialAssessment(sql, ia.id);
      },
    );
  }
}
