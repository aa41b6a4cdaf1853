import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { CursorKey, decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService, type ClosureRow } from '../calendar/calendar.service';
import { RemindersService } from '../reminders/reminders.service';
import { UsersService } from '../users/users.service';
import {
  AssessmentsRepository,
  CoreAssessmentRow,
  InitialAssessmentRow,
} from './assessments.repository';
import { assertNotInFuture } from './dates';
import {
  coreAssessmentDays,
  initialAssessmentDays,
  type FrameworkTimescales,
} from './domain/assessment-framework';
import { reasonAfterAssessment } from './domain/reason-for-closure';
import {
  completedInTime,
  coreAssessmentDueDate,
  initialAssessmentDueDate,
  workingDaysRemaining,
} from './domain/assessment-due-dates';
import type {
  CompleteCoreAssessmentDto,
  CompleteInitialAssessmentDto,
  StartCoreAssessmentDto,
  UpdateCoreAssessmentDto,
  WorkListQuery,
} from './dto/referral.dto';
import { ReferralsRepository } from './referrals.repository';

/** What a work list row needs: its keyset, its locality's calendar and its child. */
interface WorkListRow {
  id: string;
  childId: string;
  localityId: string;
  dueDate: string;
}

/**
 * An assessment as answered: its due date says whether it was counted over a year the bank
 * holiday list does not cover (docs/domain.md#working-days-past-the-list).
 */
export type Dated<T> = T & { dueDateProvisional: boolean };

/** The day the assessment's working days are counted from (day 0). */
function countedFrom(row: InitialAssessmentRow | CoreAssessmentRow): string {
  return 'referredAt' in row ? row.referredAt : row.commencedAt;
}

/**
 * The assessments that follow a referral to social care: the initial assessment (7 working
 * days from the referral) and the core assessment (35 working days from its start), their
 * work lists, and the due dates a new local closure day moves.
 *
 * Longer than the house's ~350 lines on purpose: each kind of assessment has the same life
 * (start, correct, complete, read, work list, moved by a closure day), and keeping the kinds
 * side by side is what lets them share one work list, one read and one closure-day listener.
 */
@Injectable()
export class AssessmentsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly assessments: AssessmentsRepository,
    private readonly referrals: ReferralsRepository,
    private readonly users: UsersService,
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
    return ia ? this.dated(ia) : null;
  }

  /** The row with dueDateProvisional, for every answer that carries a due date. */
  private dated<T extends InitialAssessmentRow | CoreAssessmentRow>(row: T): Dated<T> {
    return {
      ...row,
      dueDateProvisional: this.calendar.isProvisional(countedFrom(row), row.dueDate),
    };
  }

  /** The referral date moved: its initial assessment's due date (and in-time) follow. */
  async referralDateChanged(
    sql: Sql,
    referralId: string,
    referredAt: string,
    timescales: FrameworkTimescales,
  ): Promise<void> {
    const ia = await this.assessments.initialForReferral(sql, referralId);
    const days = initialAssessmentDays(timescales);
    if (!ia || days === null) return;
    const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
    const dueDate = initialAssessmentDueDate(referredAt, nonWorking, days);
    await this.assessments.setInitialDueDate(
      sql,
      ia.id,
      dueDate,
      ia.completedAt === null ? null : completedInTime(ia.completedAt, dueDate),
    );
    await this.reminders.planInitialAssessment(sql, ia.id);
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
      await this.assertSocialCareWorker(sql, assignedTo);
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
      return this.dated((await this.assessments.findInitial(sql, actor, id))!);
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
      await this.recordCensusFields(sql, ia.referralId, input.primaryNeed, reason.reason);
      await this.reminders.planInitialAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: ia.childId,
        action: 'initial_assessment.completed',
        entityType: 'initial_assessment',
        entityId: id,
        details: { outcome: input.outcome, inTime, reasonForClosure: reason.reason },
      });
      return this.dated((await this.assessments.findInitial(sql, actor, id))!);
    });
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
      await this.assertSocialCareWorker(sql, input.assignedToUserId);
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
      return this.dated((await this.assessments.findCore(sql, actor, id))!);
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
      return this.dated((await this.assessments.findCore(sql, actor, id))!);
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
      await this.recordCensusFields(sql, ca.referralId, input.primaryNeed, reason.reason);
      await this.reminders.planCoreAssessment(sql, id);
      await this.audit.record(sql, actor, {
        childId: ca.childId,
        action: 'core_assessment.completed',
        entityType: 'core_assessment',
        entityId: id,
        details: { inTime },
      });
      return this.dated((await this.assessments.findCore(sql, actor, id))!);
    });
  }

  async getInitial(actor: Actor, id: string): Promise<Dated<InitialAssessmentRow>> {
    const ia = await this.readOne(actor, id, 'initial_assessment', 'Initial assessment', (sql) =>
      this.assessments.findInitial(sql, actor, id),
    );
    return this.dated(ia);
  }

  async getCore(actor: Actor, id: string): Promise<Dated<CoreAssessmentRow>> {
    const ca = await this.readOne(actor, id, 'core_assessment', 'Core assessment', (sql) =>
      this.assessments.findCore(sql, actor, id),
    );
    return this.dated(ca);
  }

  /** Social care's work list: open initial assessments by due date, with working days remaining. */
  openInitialAssessments(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<Dated<InitialAssessmentRow> & { workingDaysRemaining: number }>> {
    return this.workList(actor, query, 'initial_assessment', (sql, after, limit) =>
      this.assessments.openInitial(sql, actor, query.assignedToUserId, after, limit),
    );
  }

  /** Social care's work list: open core assessments by due date, with working days remaining. */
  openCoreAssessments(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<Dated<CoreAssessmentRow> & { workingDaysRemaining: number }>> {
    return this.workList(actor, query, 'core_assessment', (sql, after, limit) =>
      this.assessments.openCore(sql, actor, query.assignedToUserId, after, limit),
    );
  }

  /** One work list: a keyset page by due date, each row's working days remaining, its audit rows. */
  private async workList<T extends WorkListRow & (InitialAssessmentRow | CoreAssessmentRow)>(
    actor: Actor,
    query: WorkListQuery,
    entityType: 'initial_assessment' | 'core_assessment',
    read: (sql: Sql, after: CursorKey | undefined, limit: number) => Promise<T[]>,
  ): Promise<Page<Dated<T> & { workingDaysRemaining: number }>> {
    const limit = pageLimit(query);
    const today = this.clock.today();
    return this.db.transaction(async (sql) => {
      const rows = await read(sql, decodeCursor(query.cursor, 2), limit);
      const page = toPage(
        rows,
        limit,
        (r) => [r.dueDate, r.id],
        (r) => r,
      );
      const items: (Dated<T> & { workingDaysRemaining: number })[] = [];
      for (const row of page.items) {
        const nonWorking = await this.calendar.nonWorkingDays(sql, row.localityId);
        items.push(
          Object.assign(this.dated(row), {
            workingDaysRemaining: workingDaysRemaining(today, row.dueDate, nonWorking),
          }),
        );
      }
      await this.audit.recordListed(sql, actor, `${entityType}.listed`, entityType, items);
      return { items, nextCursor: page.nextCursor };
    });
  }

  private async readOne<T extends { childId: string }>(
    actor: Actor,
    id: string,
    entityType: 'initial_assessment' | 'core_assessment',
    name: string,
    find: (sql: Sql) => Promise<T | undefined>,
  ): Promise<T> {
    return this.db.transaction(async (sql) => {
      const found = await find(sql);
      if (!found) throw notFound(name);
      await this.audit.record(sql, actor, {
        childId: found.childId,
        action: `${entityType}.read`,
        entityType,
        entityId: id,
      });
      return found;
    });
  }

  /** A new local closure day moves the due dates of open assessments whose window contains it. */
  private async moveDueDatesAround(sql: Sql, closure: ClosureRow): Promise<void> {
    for (const ia of await this.assessments.openInitialAround(
      sql,
      closure.date,
      closure.localityId,
    )) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
      const timescales = await this.referrals.timescalesOf(sql, ia.referralId);
      await this.assessments.setInitialDueDate(
        sql,
        ia.id,
        initialAssessmentDueDate(
          ia.referredAt,
          nonWorking,
          (timescales && initialAssessmentDays(timescales)) ?? undefined,
        ),
        null,
      );
      await this.reminders.planInitialAssessment(sql, ia.id);
    }
    for (const ca of await this.assessments.openCoreAround(sql, closure.date, closure.localityId)) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, ca.localityId);
      await this.assessments.setCoreDates(
        sql,
        ca.id,
        null,
        ca.commencedAt,
        coreAssessmentDueDate(ca.commencedAt, nonWorking, await this.coreDays(sql, ca.referralId)),
        null,
      );
      await this.reminders.planCoreAssessment(sql, ca.id);
    }
  }

  /** The core assessment's working days under the referral's framework (35 by default). */
  private async coreDays(sql: Sql, referralId: string): Promise<number | undefined> {
    const timescales = await this.referrals.timescalesOf(sql, referralId);
    return (timescales && coreAssessmentDays(timescales)) ?? undefined;
  }

  /** The census fields an assessment's completion records on its referral's episode. */
  private async recordCensusFields(
    sql: Sql,
    referralId: string,
    primaryNeed: string | undefined,
    reasonForClosure: string | null,
  ): Promise<void> {
    if (primaryNeed === undefined && reasonForClosure === null) return;
    await this.referrals.setCensusClosure(sql, referralId, {
      ...(primaryNeed === undefined ? {} : { primaryNeed }),
      ...(reasonForClosure === null ? {} : { reasonForClosure }),
    });
  }

  private async assertSocialCareWorker(sql: Sql, userId: string): Promise<void> {
    const user = await this.users.findById(sql, userId);
    if (!user?.active || user.role !== 'social_care') {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        'assignedToUserId must be an active social care worker',
      );
    }
  }
}
