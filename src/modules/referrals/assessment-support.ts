import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { CursorKey, decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService, type MovedDueDate } from '../calendar/calendar.service';
import type { NonWorkingDays } from '../calendar/domain/working-days';
import { UsersService } from '../users/users.service';
import type { CoreAssessmentRow, InitialAssessmentRow } from './assessments.repository';
import type { SingleAssessmentRow } from './single-assessments.repository';
import { workingDaysRemaining } from './domain/assessment-due-dates';
import type { WorkListQuery } from './dto/referral.dto';
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

/** Any kind of assessment: initial, core or single. */
type AssessmentRow = InitialAssessmentRow | CoreAssessmentRow | SingleAssessmentRow;

/** The day the assessment's working days are counted from (day 0). */
function countedFrom(row: AssessmentRow): string {
  return 'referredAt' in row ? row.referredAt : row.commencedAt;
}

/**
 * What the kinds of assessment share: the answer's provisional due date, one work list, one
 * audited read, the worker check, the census fields a completion records and the round of due
 * dates a new closure day moves. Each kind's life (start, correct, complete) and how it counts
 * its due date are its own service's.
 */
@Injectable()
export class AssessmentSupport {
  constructor(
    private readonly db: Database,
    private readonly referrals: ReferralsRepository,
    private readonly users: UsersService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The row with dueDateProvisional, for every answer that carries a due date. */
  dated<T extends AssessmentRow>(row: T): Dated<T> {
    return {
      ...row,
      dueDateProvisional: this.calendar.isProvisional(countedFrom(row), row.dueDate),
    };
  }

  /** One work list: a keyset page by due date, each row's working days remaining, its audit rows. */
  async workList<T extends WorkListRow & AssessmentRow>(
    actor: Actor,
    query: WorkListQuery,
    entityType: 'initial_assessment' | 'core_assessment' | 'single_assessment',
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
      const nonWorking = await this.calendar.nonWorkingDaysOf(
        sql,
        page.items.map((row) => row.localityId),
      );
      const items: (Dated<T> & { workingDaysRemaining: number })[] = page.items.map((row) =>
        Object.assign(this.dated(row), {
          workingDaysRemaining: workingDaysRemaining(
            today,
            row.dueDate,
            nonWorking(row.localityId),
          ),
        }),
      );
      await this.audit.recordListed(sql, actor, `${entityType}.listed`, entityType, items);
      return { items, nextCursor: page.nextCursor };
    });
  }

  async readOne<T extends { childId: string }>(
    actor: Actor,
    id: string,
    entityType: 'initial_assessment' | 'core_assessment' | 'single_assessment',
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

  /**
   * A new local closure day, for one kind of assessment (in the caller's transaction): each of
   * the `open` assessments it may fall within gets the due date `dueDateOf` counts with its
   * locality's non-working days, saved by `save` (which replans its reminders too); those whose
   * due date changed are answered.
   */
  async moveDueDates<T extends { id: string; localityId: string; dueDate: string }>(
    sql: Sql,
    kind: MovedDueDate['kind'],
    open: T[],
    dueDateOf: (row: T, nonWorking: NonWorkingDays) => Promise<string> | string,
    save: (row: T, dueDate: string) => Promise<void>,
  ): Promise<MovedDueDate[]> {
    const moved: MovedDueDate[] = [];
    for (const row of open) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, row.localityId);
      const dueDate = await dueDateOf(row, nonWorking);
      await save(row, dueDate);
      if (dueDate !== row.dueDate) {
        moved.push({
          kind,
          id: row.id,
          localityId: row.localityId,
          from: row.dueDate,
          to: dueDate,
        });
      }
    }
    return moved;
  }

  /** The census fields an assessment's completion records on its referral's episode. */
  async recordCensusFields(
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

  async assertSocialCareWorker(sql: Sql, userId: string): Promise<void> {
    const user = await this.users.findById(sql, userId);
    if (!user?.active || user.role !== 'social_care') {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        'assignedToUserId must be an active social care worker',
      );
    }
  }
}
