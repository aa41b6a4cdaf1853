import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService, type ClosureRow, type MovedDueDate } from '../calendar/calendar.service';
import { addWorkingDays } from '../calendar/domain/working-days';
import { RemindersService } from '../reminders/reminders.service';
import { AssessmentSupport } from './assessment-support';
import { assertNotInFuture } from './dates';
import { completedInTime, workingDaysRemaining } from './domain/assessment-due-dates';
import { singleAssessmentDays, type FrameworkTimescales } from './domain/assessment-framework';
import { reasonAfterAssessment } from './domain/reason-for-closure';
import type {
  CompleteSingleAssessmentDto,
  SingleAssessmentWorkListQuery,
  UpdateSingleAssessmentDto,
} from './dto/census-fields.dto';
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

  async start(actor: Actor, referralId: string, assignedTo: string): Promise<SingleAssessmentRow> {
    return this.db.transaction(async (sql) => {
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
  }

  async complete(
    actor: Actor,
    id: string,
    input: CompleteSingleAssessmentDto,
  ): Promise<SingleAssessmentRow> {
    assertNotInFuture(this.clock, 'completedAt', input.completedAt);
    const reason = reasonAfterAssessment(input.outcome, input.reasonForClosure ?? null);
    if (!reason.ok) throw new DomainError('VALIDATION_FAILED', reason.message);
    return this.db.transaction(async (sql) => {
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
      await this.referrals.setCensusClosure(sql, sa.referralId, {
        ...(input.primaryNeed === undefined ? {} : { primaryNeed: input.primaryNeed }),
        ...(reason.reason === null ? {} : { reasonForClosure: reason.reason }),
      });
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
  }

  /** Corrects the start or completion date, with `version`; in-time follows. */
  async update(
    actor: Actor,
    id: string,
    input: UpdateSingleAssessmentDto,
  ): Promise<SingleAssessmentRow> {
    if (input.startedAt !== undefined) assertNotInFuture(this.clock, 'startedAt', input.startedAt);
    if (input.completedAt !== undefined)
      assertNotInFuture(this.clock, 'completedAt', input.completedAt);
    return this.db.transaction(async (sql) => {
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

  get(actor: Actor, id: string): Promise<SingleAssessmentRow> {
    return this.support.readOne(actor, id, 'single_assessment', 'Assessment', (sql) =>
      this.assessments.find(sql, actor, id),
    );
  }

  /** The work list: open single assessments by due date, with working days remaining. */
  async open(
    actor: Actor,
    query: SingleAssessmentWorkListQuery,
  ): Promise<Page<SingleAssessmentRow & { workingDaysRemaining: number }>> {
    const limit = pageLimit(query);
    const today = this.clock.today();
    return this.db.transaction(async (sql) => {
      const rows = await this.assessments.open(
        sql,
        actor,
        query.assignedToUserId,
        decodeCursor(query.cursor, 2),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (r) => [r.dueDate, r.id],
        (r) => r,
      );
      const items = [];
      for (const row of page.items) {
        const nonWorking = await this.calendar.nonWorkingDays(sql, row.localityId);
        items.push({
          ...row,
          workingDaysRemaining: workingDaysRemaining(today, row.dueDate, nonWorking),
        });
      }
      await this.audit.recordListed(
        sql,
        actor,
        'single_assessment.listed',
        'single_assessment',
        items,
      );
      return { items, nextCursor: page.nextCursor };
    });
  }

  /** A new local closure day moves the due dates of the open single assessments it falls within. */
  private async moveDueDatesAround(sql: Sql, closure: ClosureRow): Promise<MovedDueDate[]> {
    const moved: MovedDueDate[] = [];
    for (const sa of await this.assessments.openAround(sql, closure.date, closure.localityId)) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, sa.localityId);
      const dueDate = addWorkingDays(sa.referredAt, sa.singleAssessmentDays, nonWorking);
      await this.assessments.setDates(sql, sa.id, null, {
        startedAt: sa.startedAt,
        dueDate,
        completedAt: null,
        inTime: null,
      });
      await this.reminders.planSingleAssessment(sql, sa.id);
      if (dueDate !== sa.dueDate) {
        moved.push({
          kind: 'single_assessment',
          id: sa.id,
          localityId: sa.localityId,
          from: sa.dueDate,
          to: dueDate,
        });
      }
    }
    return moved;
  }
}
