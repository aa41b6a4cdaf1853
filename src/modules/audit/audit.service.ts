import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { AuditRepository } from './audit.repository';
import type { AuditEntryDto, AuditQuery } from './dto/audit.dto';

@Injectable()
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * A child's audit trail for an admin, or for a locality manager of the child's locality.
   * Child records arrive with the CAF workflow, which adds the locality check; until then
   * no child is in any manager's locality, so a manager is answered 404 like any other
   * child they cannot see.
   */
  async childTrail(actor: Actor, query: AuditQuery): Promise<Page<AuditEntryDto>> {
    if (actor.role !== 'admin') throw notFound('Child');
    const limit = pageLimit(query);
    const before = decodeCursor(query.cursor, 1)?.[0];
    const rows = await this.db.read((sql) =>
      this.audit.listForChild(
        sql,
        query.childId,
        typeof before === 'number' ? before : undefined,
        limit,
      ),
    );
    return toPage(
      rows,
      limit,
      (row) => [Number(row.id)],
      (row) => row,
    );
  }
}
