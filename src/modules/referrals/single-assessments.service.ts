import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import type { Page } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService, type ClosureRow, type MovedDueDate } from '../calendar/calendar.service';
import { addWorkingDays } from '../calendar/domain/working-days';
import { RemindersService } from '../reminders/reminders.service';
import { AssessmentSupport, type Dated } from './assessment-support';
import { assertNotInFuture } from './dates';
import { completedInTime } from './domain/assessment-due-dates';
import { singleAssessmentDays, type FrameworkTimescales } from './domain/assessment-framework';
import { reasonAfterAssessment } from './domain/reason-for-closure';
import type {
  CompleteSingleAssessmentDto,
  UpdateSingleAssessmentDto,
} from './dto/census-fields.dto';
import type { WorkListQuery } from './dto/referral.dto';
import { ReferralsRepository } from './referrals.repository';
import { SingleAssessmentRow, SingleAssessmentsRepository } from './single-assessments.repository';

/**
 * The single assessment of a referral under a single-assessment framework
 * (docs/domain.md#assessment-frameworks): due the framework's working days after referredAt,
 * with its reminders, work list and corrections; its completion records the census fields.
 */
@Injectable()
export class SingleAssessmentsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly assessments: SingleAssessmentsRepository,
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

  async start(
    actor: Actor,
    referralId: string,
    assignedTo: string,
  ): Promise<Dated<SingleAssessmentRow>> {
    const row = await this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, referralId, true);
      if (!referral) throw notFound('Referral');
      const days = singleAssessmentDays(referral.frameworkTimescales);
      if (days === null) {
        throw new DomainError(
          'RULE_VIOLATED',
          `This referral is under framework ${referral.framework}, which has initial and core assessments: start an initial assessment (POST /referrals/:id/initial-assessment)`,
        );
      }
      if (referral.outcome !== 'initial_assessment') {
        throw new DomainError(
          'RULE_VIOLATED',
          'An assessment starts only from a referral decided initial_assessment (accepted for assessment)',
        );
      }
      await this.support.assertSocialCareWorker(sql, assignedTo);
      const nonWorking = await this.calendar.nonWorkingDays(sql, referral.localityId);
      const today = this.clock.today();
      const id = await this.assessments.insert(sql, {
        referralId,
        childId: referral.childId,
        localityId: referral.localityId,
        assignedTo,
        startedAt: today < referral.referredAt ? referral.referredAt : today,
        dueDate: addWorkingDays(referral.referredAt, days, nonWorking),
        createdBy: actor.id,
      });
      if (!id) throw new DomainError('ALREADY_EXISTS', 'This referral already has an assessment');
      await this.reminders.planSingleAssessment(sql, id);
      await this.audit.record(sql, actor, {
        action: 'single_assessment.started',
        entityType: 'single_assessment',
        entityId: id,
        childId: referral.childId,
        details: { assignedTo },
      });
      return (await this.assessments.find(sql, actor, id))!;
    });
    return this.support.dated(row);
  }

  async complete(
    actor: Actor,
    id: string,
    input: CompleteSingleAssessmentDto,
  ): Promise<Dated<SingleAssessmentRow>> {
    assertNotInFuture(this.clock, 'completedAt', input.completedAt);
    const reason = reasonAfterAssessment(input.outcome, input.reasonForClosure ?? null);
    if (!reason.ok) throw new DomainError('VALIDATION_FAILED', reason.message);
    const row = await this.db.transaction(async (sql) => {
      const sa = await this.assessments.find(sql, actor, id, true);
      if (!sa) throw notFound('Assessment');
      if (sa.completedAt !== null)
        throw new DomainError('INVALID_STATE', 'The assessment is already completed');
      if (input.completedAt < sa.startedAt)
        throw new DomainError(
          'RULE_VIOLATED',
          'completedAt cannot be before the assessment started',
        );
      const inTime = completedInTime(input.completedAt, sa.dueDate);
      await this.assessments.complete(sql, id, {
        completedAt: input.completedAt,
        outcome: input.outcome,
        inTime,
        factors: input.factors ?? [],
      });
      await this.support.recordCensusFields(sql, sa.referralId, input.primaryNeed, reason.reason);
      await this.reminders.planSingleAssessment(sql, id);
      await this.audit.record(sql, actor, {
        action: 'single_assessment.completed',
        entityType: 'single_assessment',
        entityId: id,
        childId: sa.childId,
        details: { outcome: input.outcome, inTime, reasonForClosure: reason.reason },
      });
      return (await this.assessments.find(sql, actor, id))!;
    });
    return this.support.dated(row);
  }

  /** Corrects the start or completion date, with `version`; in-time follows. */
  async update(
    actor: Actor,
    id: string,
    input: UpdateSingleAssessmentDto,
  ): Promise<Dated<SingleAssessmentRow>> {
    if (input.startedAt !== undefined) assertNotInFuture(this.clock, 'startedAt', input.startedAt);
    if (input.completedAt !== undefined)
      assertNotInFuture(this.clock, 'completedAt', input.completedAt);
    const row = await this.db.transaction(async (sql) => {
      const sa = await this.assessments.find(sql, actor, id, true);
      if (!sa) throw notFound('Assessment');
      if (sa.version !== input.version) throw staleVersion('Assessment');
      if (input.completedAt !== undefined && sa.completedAt === null) {
        throw new DomainError(
          'INVALID_STATE',
          'The assessment is not completed: complete it (POST /assessments/:id/complete)',
        );
      }
      const startedAt = input.startedAt ?? sa.startedAt;
      const completedAt = input.completedAt ?? sa.completedAt;
      if (startedAt < sa.referredAt)
        throw new DomainError('RULE_VIOLATED', 'startedAt cannot be before the referral date');
      if (completedAt !== null && completedAt < startedAt)
        throw new DomainError('RULE_VIOLATED', 'completedAt cannot be before startedAt');
      const inTime = completedAt === null ? null : completedInTime(completedAt, sa.dueDate);
      if (
        !(await this.assessments.setDates(sql, id, input.version, {
          startedAt,
          dueDate: sa.dueDate,
          completedAt,
          inTime,
        }))
      ) {
        throw staleVersion('Assessment');
      }
      await this.audit.record(sql, actor, {
        action: 'single_assessment.updated',
        entityType: 'single_assessment',
        entityId: id,
        childId: sa.childId,
        details: { startedAt, completedAt },
      });
      return (await this.assessments.find(sql, actor, id))!;
    });
    return this.support.dated(row);
  }

  /** The referral's single assessment, if one has started (inside the caller's transaction). */
  async forReferral(sql: Sql, referralId: string): Promise<SingleAssessmentRow | null> {
    return (await this.assessments.forReferral(sql, referralId)) ?? null;
  }

  /** The referral date moved (in the caller's transaction): the due date and reminders follow. */
  async referralDateChanged(
    sql: Sql,
    referralId: string,
    referredAt: string,
    timescales: FrameworkTimescales,
  ): Promise<void> {
    const sa = await this.assessments.forReferral(sql, referralId);
    const days = singleAssessmentDays(timescales);
    if (!sa || days === null) return;
    if (referredAt > sa.startedAt) {
      throw new DomainError(
        'RULE_VIOLATED',
        'referredAt cannot be after the day its assessment started',
      );
    }
    const nonWorking = await this.calendar.nonWorkingDays(sql, sa.localityId);
    const dueDate = addWorkingDays(referredAt, days, nonWorking);
    await this.assessments.setDates(sql, sa.id, null, {
      startedAt: sa.startedAt,
      dueDate,
      completedAt: sa.completedAt,
      inTime: sa.completedAt === null ? null : completedInTime(sa.completedAt, dueDate),
    });
    await this.reminders.planSingleAssessment(sql, sa.id);
  }

  async get(actor: Actor, id: string): Promise<Dated<SingleAssessmentRow>> {
    return this.support.dated(
      await this.support.readOne(actor, id, 'single_assessment', 'Assessment', (sql) =>
        this.assessments.find(sql, actor, id),
      ),
    );
  }

  /** The work list: open single assessments by due date, with working days remaining. */
  open(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<Dated<SingleAssessmentRow> & { workingDaysRemaining: number }>> {
    return this.support.workList(actor, query, 'single_assessment', (sql, after, limit) =>
      this.assessments.open(sql, { actor, assignedTo: query.assignedToUserId, after, limit }),
    );
  }

  /** A new local closure day moves the due dates of the open single assessments it falls within. */
  private async moveDueDatesAround(sql: Sql, closure: ClosureRow): Promise<MovedDueDate[]> {
    return this.support.moveDueDates(
      sql,
      'single_assessment',
      await this.assessments.openAround(sql, closure.date, closure.localityId),
      (sa, nonWorking) => addWorkingDays(sa.referredAt, sa.singleAssessmentDays, nonWorking),
      async (sa, dueDate) => {
        await this.assessments.setDates(sql, sa.id, null, {
          startedAt: sa.startedAt,
          dueDate,
          completedAt: null,
          inTime: null,
        });
        await this.reminders.planSingleAssessment(sql, sa.id);
      },
    );
  }
}
