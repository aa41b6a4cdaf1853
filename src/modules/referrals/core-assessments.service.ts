import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import type { Page } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService, type ClosureRow, type MovedDueDate } from '../calendar/calendar.service';
import { RemindersService } from '../reminders/reminders.service';
import { AssessmentSupport, type Dated } from './assessment-support';
import { AssessmentsRepository, CoreAssessmentRow } from './assessments.repository';
import { assertNotInFuture } from './dates';
import { coreAssessmentDays } from './domain/assessment-framework';
import { reasonAfterAssessment } from './domain/reason-for-closure';
import { completedInTime, coreAssessmentDueDate } from './domain/assessment-due-dates';
import type {
  CompleteCoreAssessmentDto,
  StartCoreAssessmentDto,
  UpdateCoreAssessmentDto,
  WorkListQuery,
} from './dto/referral.dto';
import { ReferralsRepository } from './referrals.repository';

/**
 * The core assessment that follows an initial assessment completed with outcome
 * core_assessment (35 working days from its start by default): start, correct its start,
 * complete, read, work list, and the due dates a new local closure day moves.
 */
@Injectable()
export class CoreAssessmentsService implements OnModuleInit {
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

  async startCoreAssessment(
    actor: Actor,
    input: StartCoreAssessmentDto,
  ): Promise<Dated<CoreAssessmentRow>> {
    assertNotInFuture(this.clock, 'commencedAt', input.commencedAt);
    return this.db.transaction(async (sql) => {
      const ia = await this.assessments.findInitial(sql, actor, input.initialAssessmentId, true);
      if (!ia) throw notFound('Initial assessment');
      if (ia.outcome !== 'core_assessment') {
        throw new DomainError(
          'RULE_VIOLATED',
          'A core assessment starts only from an initial assessment completed with outcome core_assessment',
        );
      }
      if (input.commencedAt < ia.referredAt)
        throw new DomainError('RULE_VIOLATED', 'commencedAt cannot be before the referral date');
      await this.support.assertSocialCareWorker(sql, input.assignedToUserId);
      const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
      const days = await this.coreDays(sql, ia.referralId);
      const id = await this.assessments.insertCore(sql, {
        initialAssessmentId: ia.id,
        childId: ia.childId,
        localityId: ia.localityId,
        assignedTo: input.assignedToUserId,
        commencedAt: input.commencedAt,
        dueDate: coreAssessmentDueDate(input.commencedAt, nonWorking, days),
        createdBy: actor.id,
      });
      if (!id)
        throw new DomainError(
          'ALREADY_EXISTS',
          'This initial assessment already has a core assessment',
        );
      await this.reminders.planCoreAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: ia.childId,
        action: 'core_assessment.started',
        entityType: 'core_assessment',
        entityId: id,
        details: { commencedAt: input.commencedAt },
      });
      return this.support.dated((await this.assessments.findCore(sql, actor, id))!);
    });
  }

  async updateCoreAssessment(
    actor: Actor,
    id: string,
    input: UpdateCoreAssessmentDto,
  ): Promise<Dated<CoreAssessmentRow>> {
    assertNotInFuture(this.clock, 'commencedAt', input.commencedAt);
    return this.db.transaction(async (sql) => {
      const ca = await this.assessments.findCore(sql, actor, id, true);
      if (!ca) throw notFound('Core assessment');
      if (ca.completedAt !== null && ca.completedAt < input.commencedAt) {
        throw new DomainError('RULE_VIOLATED', 'commencedAt cannot be after the completion date');
      }
      const nonWorking = await this.calendar.nonWorkingDays(sql, ca.localityId);
      const dueDate = coreAssessmentDueDate(
        input.commencedAt,
        nonWorking,
        await this.coreDays(sql, ca.referralId),
      );
      const inTime = ca.completedAt === null ? null : completedInTime(ca.completedAt, dueDate);
      if (
        !(await this.assessments.setCoreDates(
          sql,
          id,
          input.version,
          input.commencedAt,
          dueDate,
          inTime,
        ))
      ) {
        throw staleVersion('Core assessment');
      }
      await this.reminders.planCoreAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: ca.childId,
        action: 'core_assessment.updated',
        entityType: 'core_assessment',
        entityId: id,
        details: { commencedAt: input.commencedAt },
      });
      return this.support.dated((await this.assessments.findCore(sql, actor, id))!);
    });
  }

  async completeCoreAssessment(
    actor: Actor,
    id: string,
    input: CompleteCoreAssessmentDto,
  ): Promise<Dated<CoreAssessmentRow>> {
    assertNotInFuture(this.clock, 'completedAt', input.completedAt);
    const reason = reasonAfterAssessment('core_completed', input.reasonForClosure ?? null);
    if (!reason.ok) throw new DomainError('VALIDATION_FAILED', reason.message);
    return this.db.transaction(async (sql) => {
      const ca = await this.assessments.findCore(sql, actor, id, true);
      if (!ca) throw notFound('Core assessment');
      if (ca.completedAt !== null)
        throw new DomainError('INVALID_STATE', 'The core assessment is already completed');
      if (input.completedAt < ca.commencedAt)
        throw new DomainError('RULE_VIOLATED', 'completedAt cannot be before commencedAt');
      const inTime = completedInTime(input.completedAt, ca.dueDate);
      await this.assessments.completeCore(sql, id, input.completedAt, inTime, input.factors ?? []);
      await this.support.recordCensusFields(sql, ca.referralId, input.primaryNeed, reason.reason);
      await this.reminders.planCoreAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: ca.childId,
        action: 'core_assessment.completed',
        entityType: 'core_assessment',
        entityId: id,
        details: { inTime },
      });
      return this.support.dated((await this.assessments.findCore(sql, actor, id))!);
    });
  }

  /** The initial assessment's core assessment, if one has started (inside the caller's transaction). */
  async coreForInitial(
    sql: Sql,
    initialAssessmentId: string,
  ): Promise<Dated<CoreAssessmentRow> | null> {
    const ca = await this.assessments.coreForInitial(sql, initialAssessmentId);
    return ca ? this.support.dated(ca) : null;
  }

  /**
   * The due date a new commencement date would give the core assessment, computed as
   * `updateCoreAssessment` computes it, without saving (a page shows it before the change).
   */
  async dueDateIfCommenced(
    actor: Actor,
    id: string,
    commencedAt: string,
  ): Promise<{ dueDate: string; dueDateProvisional: boolean }> {
    assertNotInFuture(this.clock, 'commencedAt', commencedAt);
    return this.db.transaction(async (sql) => {
      const ca = await this.assessments.findCore(sql, actor, id);
      if (!ca) throw notFound('Core assessment');
      if (ca.completedAt !== null && ca.completedAt < commencedAt) {
        throw new DomainError('RULE_VIOLATED', 'commencedAt cannot be after the completion date');
      }
      const nonWorking = await this.calendar.nonWorkingDays(sql, ca.localityId);
      const dueDate = coreAssessmentDueDate(
        commencedAt,
        nonWorking,
        await this.coreDays(sql, ca.referralId),
      );
      return { dueDate, dueDateProvisional: this.calendar.isProvisional(commencedAt, dueDate) };
    });
  }

  async getCore(actor: Actor, id: string): Promise<Dated<CoreAssessmentRow>> {
    const ca = await this.support.readOne(actor, id, 'core_assessment', 'Core assessment', (sql) =>
      this.assessments.findCore(sql, actor, id),
    );
    return this.support.dated(ca);
  }

  /** Social care's work list: open core assessments by due date, with working days remaining. */
  openCoreAssessments(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<Dated<CoreAssessmentRow> & { workingDaysRemaining: number }>> {
    return this.support.workList(actor, query, 'core_assessment', (sql, after, limit) =>
      this.assessments.openCore(sql, { actor, assignedTo: query.assignedToUserId, after, limit }),
    );
  }

  /** A new local closure day moves the due dates of open core assessments whose window contains it. */
  private async moveDueDatesAround(sql: Sql, closure: ClosureRow): Promise<MovedDueDate[]> {
    return this.support.moveDueDates(
      sql,
      'core_assessment',
      await this.assessments.openCoreAround(sql, closure.date, closure.localityId),
      async (ca, nonWorking) =>
        coreAssessmentDueDate(ca.commencedAt, nonWorking, await this.coreDays(sql, ca.referralId)),
      async (ca, dueDate) => {
        await this.assessments.setCoreDates(sql, ca.id, null, ca.commencedAt, dueDate, null);
        await this.reminders.planCoreAssessment(sql, ca.id);
      },
    );
  }

  /** The core assessment's working days under the referral's framework (35 by default). */
  private async coreDays(sql: Sql, referralId: string): Promise<number | undefined> {
    const timescales = await this.referrals.timescalesOf(sql, referralId);
    return (timescales && coreAssessmentDays(timescales)) ?? undefined;
  }
}
