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
    await sql.exec(
      `INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, child_id, request_id, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        actor.id,
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        entry.childId ?? null,
        actor.requestId || null,
        actor.ip,
        JSON.stringify(entry.details ?? {}),
      ],
    );
  }
}
