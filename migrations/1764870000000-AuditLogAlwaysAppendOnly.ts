import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log's append-only triggers fire in replica mode too. An ordinary trigger is skipped
 * when `session_replication_role = replica`, which a superuser may set in any session: without
 * ALWAYS, a superuser connection could change or delete audit rows with no DDL at all.
 */
export class AuditLogAlwaysAppendOnly1764870000000 implements MigrationInterface {
  name = 'AuditLogAlwaysAppendOnly1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_update_delete;
      ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;
    `);
  }
}
