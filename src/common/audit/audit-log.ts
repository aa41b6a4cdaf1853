import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';

export interface AuditActor {
  id: string | null;
  requestId: string;
  ip: string | null;
}

export interface AuditEntry {
  /** What happened, `<thing>.<verb>`: `child.read`, `user.created`, `auth.login_failed`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  childId?: string | null;
  /** What changed or was asked for: field names and ids, never child details or secrets. */
  details?: Record<string, unknown>;
}

/**
 * Writes audit rows (SPEC §3) with the SQL handle of the change they record, so that the
 * row and the change commit or roll back together. The table is append-only.
 */
@Injectable()
export class AuditLog {
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
    await sql.exec(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, child_id, request_id, ip, details)
       SELECT $1, e.action, e.entity_type, e.entity_id, e.child_id, $2, $3, e.details
       FROM unnest($4::text[], $5::text[], $6::text[], $7::uuid[], $8::jsonb[])
         AS e(action, entity_type, entity_id, child_id, details)`,
      [
        actor.id,
        actor.requestId || null,
        actor.ip,
        entries.map((e) => e.action),
        entries.map((e) => e.entityType),
        entries.map((e) => e.entityId ?? null),
        entries.map((e) => e.childId ?? null),
        entries.map((e) => JSON.stringify(e.details ?? {})),
      ],
    );
  }
}
