import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import type { NotificationQuery } from './dto/notification.dto';
import { NotificationRow, RemindersRepository } from './reminders.repository';

/** A user's own notifications (SPEC §4.9): `{id, type, subjectType, subjectId, childId, dueDate, createdAt, readAt}`. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: Database,
    private readonly reminders: RemindersRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor, query: NotificationQuery): Promise<Page<NotificationRow>> {
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
      return page;
    });
  }

  async read(actor: Actor, id: string): Promise<NotificationRow> {
    return this.db.transaction(async (sql) => {
      const notification = await this.reminders.markRead(sql, actor.id, id);
      if (!notification) throw notFound('Notification');
      await this.audit.record(sql, actor, {
        action: 'notification.read',
        entityType: 'notification',
        entityId: id,
        childId: notification.childId,
      });
      return notification;
    });
  }
}
