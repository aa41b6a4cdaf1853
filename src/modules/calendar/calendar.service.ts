import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { BoundedMap } from '../../common/domain/bounded-map';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { InjectAuthorityFile } from '../../config/authority-files';
import { Database, Sql } from '../../database/database';
import { LocalitiesService } from '../localities/localities.service';
import { CalendarRepository, ClosureRow } from './calendar.repository';
import {
  HolidayCalendar,
  holidayCalendar,
  holidaysBetween,
  isProvisional,
  listEndsSoon,
} from './domain/holiday-calendar';
import { compareIsoDates, IsoDate, MAX_ISO_YEAR } from '../../common/domain/iso-date';
import {
  addWorkingDays,
  frozenNonWorkingDays,
  NonWorkingDays,
  workingDaysBetween,
} from './domain/working-days';
import { BANK_HOLIDAYS_FILE } from './bank-holidays.file';
import type { BankHolidayList } from './domain/bank-holidays';
import type { ClosureListQuery, CreateClosureDto } from './dto/calendar.dto';

export type { ClosureRow };

/** An open assessment's due date that a new closure day moved. */
export interface MovedDueDate {
  kind: 'initial_assessment' | 'core_assessment' | 'single_assessment';
  id: string;
  localityId: string;
  from: IsoDate;
  to: IsoDate;
}

/**
 * Called in the transaction that adds a closure day (due dates that span it move); answers
 * the due dates it moved.
 */
export type ClosureListener = (sql: Sql, closure: ClosureRow) => Promise<MovedDueDate[]>;

/** Thrown to roll a preview's transaction back. */
class PreviewOnly extends Error {
  constructor(readonly moved: MovedDueDate[]) {
    super('preview');
  }
}

/**
 * Working days (docs/domain.md#working-days): Monday to Friday less the England and Wales bank
 * holidays and the local closure days admins add. The bank holidays are the official list
 * (config/bank-holidays.json) for the years it covers and the standing rules for every other
 * year (docs/domain.md#working-days-past-the-list); an answer that rests on such a year is
 * provisional. No date is refused because the list does not reach it.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  /** The list's years, and the standing rules' days for every other year. */
  readonly holidays: HolidayCalendar;
  private readonly bankHolidayDates: NonWorkingDays;
  /** The bank holidays merged with each set of closure days (one set per locality, usually). */
  private readonly mergedWithClosures = new BoundedMap<string, NonWorkingDays>(64);
  readonly coveredFrom: IsoDate;
  readonly coveredTo: IsoDate;
  private readonly closureListeners: ClosureListener[] = [];
  private readonly logger = new Logger('Calendar');

  constructor(
    private readonly db: Database,
    private readonly calendar: CalendarRepository,
    private readonly localities: LocalitiesService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @InjectAuthorityFile(BANK_HOLIDAYS_FILE) readonly bankHolidays: BankHolidayList,
  ) {
    this.holidays = holidayCalendar(this.bankHolidays);
    this.bankHolidayDates = frozenNonWorkingDays(this.holidays.dates);
    this.coveredFrom = this.holidays.coveredFrom;
    this.coveredTo = this.holidays.coveredTo;
  }

  /** A warning at start while there is still time to add the next years to the list. */
  onModuleInit(): void {
    if (!listEndsSoon(this.holidays, this.clock.today())) return;
    this.logger.warn(
      `The bank holiday list (bank-holidays.json) ends on ${this.coveredTo}, within 12 months: ` +
        'later dates follow the standing rules and are answered as provisional. ' +
        'Add the next years from https://www.gov.uk/bank-holidays.json.',
    );
  }

  onClosureAdded(listener: ClosureListener): void {
    this.closureListeners.push(listener);
  }

  /** Bank holidays plus the closure days that apply to the locality (or authority-wide). */
  async nonWorkingDays(sql: Sql, localityId: string | null): Promise<NonWorkingDays> {
    const closures = await this.calendar.closureDates(sql, localityId);
    if (closures.length === 0) return this.bankHolidayDates;
    return this.mergedWithClosures.remember([...closures].sort().join(','), () =>
      frozenNonWorkingDays([...this.bankHolidayDates, ...closures]),
    );
  }

  /**
   * The non-working days of each locality a list's rows belong to, each locality's closure days
   * read once (a list of 50 rows from one locality is one read, not 50).
   */
  async nonWorkingDaysOf(
    sql: Sql,
    localityIds: readonly (string | null)[],
  ): Promise<(localityId: string | null) => NonWorkingDays> {
    const byLocality = new Map<string | null, NonWorkingDays>();
    for (const id of new Set(localityIds)) byLocality.set(id, await this.nonWorkingDays(sql, id));
    return (localityId) => {
      const days = byLocality.get(localityId);
      if (days === undefined) throw new Error('nonWorkingDaysOf: a locality not asked for');
      return days;
    };
  }

  /** Whether a count over the days from `from` to `to` rests on a year the list does not cover. */
  isProvisional(from: IsoDate, to: IsoDate): boolean {
    return isProvisional(this.holidays, from, to);
  }

  /** The bank holidays (list or standing rules) from `from` to `to` inclusive. */
  bankHolidaysBetween(from: IsoDate, to: IsoDate): readonly IsoDate[] {
    return holidaysBetween(this.holidays, from, to);
  }

  async addWorkingDays(
    date: IsoDate,
    days: number,
    localityId?: string,
  ): Promise<{ result: IsoDate; provisional: boolean }> {
    const nonWorking = await this.db.read((sql) => this.nonWorkingDays(sql, localityId ?? null));
    let result: IsoDate;
    try {
      result = addWorkingDays(date, days, nonWorking);
    } catch (error) {
      if (error instanceof RangeError) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `date plus ${days} working days falls after ${MAX_ISO_YEAR}-12-31, the last date the service handles`,
        );
      }
      throw error;
    }
    return { result, provisional: this.isProvisional(date, result) };
  }

  async workingDaysBetween(
    from: IsoDate,
    to: IsoDate,
    localityId?: string,
  ): Promise<{ workingDays: number; provisional: boolean }> {
    if (compareIsoDates(from, to) > 0) {
      throw new DomainError('VALIDATION_FAILED', 'from must be on or before to');
    }
    const nonWorking = await this.db.read((sql) => this.nonWorkingDays(sql, localityId ?? null));
    return {
      workingDays: workingDaysBetween(from, to, nonWorking),
      provisional: this.isProvisional(from, to),
    };
  }

  /** The working days from each date to `to` (each on or before it), in its locality. */
  async workingDaysSince(
    items: readonly { from: IsoDate; localityId: string }[],
    to: IsoDate,
  ): Promise<number[]> {
    if (items.some((item) => compareIsoDates(item.from, to) > 0)) {
      throw new DomainError('VALIDATION_FAILED', 'from must be on or before to');
    }
    const nonWorking = await this.db.read((sql) =>
      this.nonWorkingDaysOf(
        sql,
        items.map((item) => item.localityId),
      ),
    );
    return items.map((item) => workingDaysBetween(item.from, to, nonWorking(item.localityId)));
  }

  /**
   * The open assessments' due dates a new closure day would move, found by adding it and the
   * moves in a transaction that is then rolled back (so exactly the rules `createClosure` runs).
   * Refuses as `createClosure` does (an unknown locality, a day already recorded).
   */
  async previewClosure(actor: Actor, input: CreateClosureDto): Promise<MovedDueDate[]> {
    try {
      await this.db.transaction(async (sql) => {
        const { moved } = await this.addClosure(sql, actor, input);
        throw new PreviewOnly(moved);
      });
    } catch (error) {
      if (error instanceof PreviewOnly) return error.moved;
      throw error;
    }
    return [];
  }

  async createClosure(actor: Actor, input: CreateClosureDto): Promise<ClosureRow> {
    return this.db.transaction(async (sql) => (await this.addClosure(sql, actor, input)).closure);
  }

  private async addClosure(
    sql: Sql,
    actor: Actor,
    input: CreateClosureDto,
  ): Promise<{ closure: ClosureRow; moved: MovedDueDate[] }> {
    {
      if (input.localityId && (await this.localities.missing(sql, [input.localityId])).length > 0) {
        throw new DomainError('UNKNOWN_REFERENCE', 'localityId does not refer to a locality');
      }
      const closure = await this.calendar.insertClosure(sql, {
        date: input.date,
        localityId: input.localityId ?? null,
        reason: input.reason,
        createdBy: actor.id,
      });
      if (!closure) throw new DomainError('ALREADY_EXISTS', 'This closure day is already recorded');
      const moved: MovedDueDate[] = [];
      for (const listener of this.closureListeners) moved.push(...(await listener(sql, closure)));
      await this.audit.record(sql, actor, {
        action: 'calendar.closure_created',
        entityType: 'calendar_closure',
        entityId: closure.id,
        details: { date: closure.date, localityId: closure.localityId },
      });
      return { closure, moved };
    }
  }

  async listClosures(query: ClosureListQuery): Promise<Page<ClosureRow>> {
    const limit = pageLimit(query);
    const rows = await this.db.read((sql) =>
      this.calendar.listClosures(sql, query, decodeCursor(query.cursor, 2), limit),
    );
    return toPage(
      rows,
      limit,
      (row) => [row.date, row.id],
      (row) => row,
    );
  }
}
