import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { AuditActor, AuditEntry } from './audit-entry';
import { AuditLogRepository } from './audit-log.repository';

export type { AuditActor, AuditEntry };

/**
 * Writes audit rows (docs/domain.md#audit) with the SQL handle of the change they record, so that the
 * row and the change commit or roll back together. The table is append-only.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly repository: AuditLogRepository) {}

  async record(sql: Sql, actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.recordMany(sql, actor, [entry]);
  }

  /** A list read: one `action` row per child shown, naming the row it was shown in. */
  async recordListed(
    sql: Sql,
    actor: AuditActor,
    action: string,
    entityType: string,
    rows: readonly { id: string; childId: string | null }[],
    details?: Record<string, unknown>,
  ): Promise<void> {
    await this.recordMany(
      sql,
      actor,
      rows.map((row) => ({ action, entityType, entityId: row.id, childId: row.childId, details })),
    );
  }

  /** One row per entry, in one statement (a list read writes one row per child shown). */
  async recordMany(sql: Sql, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.repository.insert(sql, actor, entries);
  }
}
