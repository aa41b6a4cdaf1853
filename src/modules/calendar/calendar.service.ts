import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { InjectAuthorityFile } from '../../config/authority-files';
import { Database, Sql } from '../../database/database';
import { LocalitiesService } from '../localities/localities.service';
import { CalendarRepository, ClosureRow } from './calendar.repository';
import { BANK_HOLIDAYS_FILE } from './bank-holidays.file';
import type { BankHolidayList } from './domain/bank-holidays';
import { compareIsoDates, IsoDate } from '../../common/domain/iso-date';
import { addWorkingDays, NonWorkingDays, workingDaysBetween } from './domain/working-days';
import type { ClosureListQuery, CreateClosureDto } from './dto/calendar.dto';

export type { ClosureRow };

/** Called in the transaction that adds a closure day (due dates that span it move). */
export type ClosureListener = (sql: Sql, closure: ClosureRow) => Promise<void>;

/**
 * Working days (SPEC §2): Monday to Friday less the official England and Wales bank
 * holidays (config/bank-holidays.json) and the local closure days admins add. Answers only
 * inside the years the holiday list covers, where it is known to be right.
 */
@Injectable()
export class CalendarService {
  private readonly bankHolidayDates: ReadonlySet<IsoDate>;
  readonly coveredFrom: IsoDate;
  readonly coveredTo: IsoDate;
  private readonly closureListeners: ClosureListener[] = [];

  constructor(
    private readonly db: Database,
    private readonly calendar: CalendarRepository,
    private readonly localities: LocalitiesService,
    private readonly audit: AuditLog,
    @InjectAuthorityFile(BANK_HOLIDAYS_FILE) readonly bankHolidays: BankHolidayList,
  ) {
    this.bankHolidayDates = new Set(this.bankHolidays.events.map((event) => event.date));
    const years = this.bankHolidays.events.map((event) => event.date.slice(0, 4));
    this.coveredFrom = `${years[0]}-01-01`;
    this.coveredTo = `${years[years.length - 1]}-12-31`;
  }

  onClosureAdded(listener: ClosureListener): void {
    this.closureListeners.push(listener);
  }

  /** Bank holidays plus the closure days that apply to the locality (or authority-wide). */
  async nonWorkingDays(sql: Sql, localityId: string | null): Promise<NonWorkingDays> {
    const closures = await this.calendar.closureDates(sql, localityId);
    return closures.length === 0
      ? this.bankHolidayDates
      : new Set([...this.bankHolidayDates, ...closures]);
  }

  async addWorkingDays(date: IsoDate, days: number, localityId?: string): Promise<IsoDate> {
    this.assertCovered('date', date);
    const nonWorking = await this.db.read((sql) => this.nonWorkingDays(sql, localityId ?? null));
    const result = addWorkingDays(date, days, nonWorking);
    this.assertCovered('result', result);
    return result;
  }

  async workingDaysBetween(from: IsoDate, to: IsoDate, localityId?: string): Promise<number> {
    if (compareIsoDates(from, to) > 0) {
      throw new DomainError('VALIDATION_FAILED', 'from must be on or before to');
    }
    this.assertCovered('from', from);
    this.assertCovered('to', to);
    const nonWorking = await this.db.read((sql) => this.nonWorkingDays(sql, localityId ?? null));
    return workingDaysBetween(from, to, nonWorking);
  }

  async createClosure(actor: Actor, input: CreateClosureDto): Promise<ClosureRow> {
    return this.db.transaction(async (sql) => {
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
      for (const listener of this.closureListeners) await listener(sql, closure);
      await this.audit.record(sql, actor, {
        action: 'calendar.closure_created',
        entityType: 'calendar_closure',
        entityId: closure.id,
        details: { date: closure.date, localityId: closure.localityId },
      });
      return closure;
    });
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

  private assertCovered(name: string, date: IsoDate): void {
    if (compareIsoDates(date, this.coveredFrom) < 0 || compareIsoDates(date, this.coveredTo) > 0) {
      throw new DomainError(
        'CALENDAR_OUT_OF_RANGE',
        `${name} must fall between ${this.coveredFrom} and ${this.coveredTo}, the years the bank holiday list covers`,
      );
    }
  }
}
