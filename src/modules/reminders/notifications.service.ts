import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import type { NotificationQuery } from './dto/notification.dto';
import { NotificationRow, RemindersRepository } from './reminders.repository';

/** A notification as answered: whether its due date was counted past the bank holiday list. */
export type NotificationView = NotificationRow & { dueDateProvisional: boolean };

/**
 * A user's own notifications (docs/domain.md#reminders-and-escalations): `{id, type, subjectType, subjectId,
 * childId, dueDate, dueDateProvisional, createdAt, readAt}`.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * A counted due date (an assessment's, a referral decision's) in a year the list does not
   * cover is provisional; a meeting's date is the day it was scheduled for, never counted.
   */
  private view(row: NotificationRow): NotificationView {
    const counted = row.dueDate !== null && row.subjectType !== 'tac_meeting';
    return {
      ...row,
      dueDateProvisional: counted && this.calendar.isProvisional(row.dueDate!, row.dueDate!),
    };
  }

  async list(actor: Actor, query: NotificationQuery): Promise<Page<NotificationView>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const rows = await this.reminders.notifications(
        sql,
        actor.id,
        query.unread ?? false,
        decodeCursor(query.cursor, 2),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => r,
      );
      await this.audit.recordListed(sql, actor, 'notification.listed', 'notification', page.items);
      return { items: page.items.map((row) => this.view(row)), nextCursor: page.nextCursor };
    });
  }

  async read(actor: Actor, id: string): Promise<NotificationView> {
    return this.db.transaction(async (sql) => {
      const notification = await this.reminders.markRead(sql, actor.id, id);
      if (!notification) throw notFound('Notification');
      await this.audit.record(sql, actor, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: id,
        childId: notification.childId,
      });
      return this.view(notification);
    });
  }
}
