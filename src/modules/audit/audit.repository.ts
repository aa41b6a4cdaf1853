import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { AuditEntryDto } from './dto/audit.dto';

@Injectable()
export class AuditRepository {
  /** A child's trail, newest first (index audit_log_child_idx). */
  async listForChild(
    sql: Sql,
    childId: string,
    beforeId: number | undefined,
    limit: number,
  ): Promise<AuditEntryDto[]> {
    return sql.rows<AuditEntryDto>(
      `SELECT id, at, actor_user_id AS "actorUserId", action, entity_type AS "entityType",
              entity_id AS "entityId", child_id AS "childId", request_id AS "requestId", details
       FROM audit_log WHERE child_id = $1 AND ($2::bigint IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3`,
      [childId, beforeId ?? null, limit + 1],
    );
  }
}
