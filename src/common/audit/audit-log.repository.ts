import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { AuditActor, AuditEntry } from './audit-entry';

/** The audit log's one statement: rows appended, never changed (the table refuses it). */
@Injectable()
export class AuditLogRepository {
  /** One row per entry, in one statement. */
  async insert(sql: Sql, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
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
