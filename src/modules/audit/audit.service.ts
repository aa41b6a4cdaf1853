import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { ChildrenService } from '../children/children.service';
import { AuditRepository } from './audit.repository';
import type { AuditEntryDto, AuditQuery } from './dto/audit.dto';

@Injectable()
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditRepository,
    private readonly children: ChildrenService,
    private readonly auditLog: AuditLog,
  ) {}

  /** A child's audit trail for an admin, or for a locality manager of the child's locality. */
  async childTrail(actor: Actor, query: AuditQuery): Promise<Page<AuditEntryDto>> {
    const limit = pageLimit(query);
    const before = decodeCursor(query.cursor, 1)?.[0];
    return this.db.transaction(async (sql) => {
      if (actor.role !== 'admin' && !(await this.children.findVisible(sql, actor, query.childId))) {
        throw notFound('Child');
      }
      const rows = await this.audit.listForChild(
        sql,
        query.childId,
        typeof before === 'number' ? before : undefined,
        limit,
      );
      // Reading the trail is a read of the child's record too.
      await this.auditLog.record(sql, actor, {
        action: 'audit.read',
        entityType: 'child',
        entityId: query.childId,
        childId: query.childId,
      });
      return toPage(
        rows,
        limit,
        (row) => [Number(row.id)],
        (row) => row,
      );
    });
  }
}
