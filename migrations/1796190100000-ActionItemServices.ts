import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Services on the action plan (docs/domain.md#services-on-the-action-plan): the service of the
 * directory an item names, and the first day its status became in_progress (metric
 * service_starts counts items by that day).
 */
export class ActionItemServices1796190100000 implements MigrationInterface {
  name = 'ActionItemServices1796190100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE action_items ADD COLUMN service_code text, ADD COLUMN started_on date;
      CREATE INDEX action_items_service_started_idx ON action_items (started_on)
        INCLUDE (case_id, service_code) WHERE service_code IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX action_items_service_started_idx;
      ALTER TABLE action_items DROP COLUMN started_on, DROP COLUMN service_code;
    `);
  }
}
