import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots on their own (docs/domain.md#automatic-snapshots). Each closed period is staged
 * here with the instant its snapshot falls due; the queue's delayed job takes it then, and the
 * sweep re-creates any job Redis lost from these rows. An automatic snapshot has no user; at
 * most one is taken per period and plan version.
 */
export class AutomaticSnapshots1796190300000 implements MigrationInterface {
  name = 'AutomaticSnapshots1796190300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kpi_snapshots ALTER COLUMN taken_by DROP NOT NULL,
        ADD COLUMN automatic boolean NOT NULL DEFAULT false,
        ADD CHECK (automatic OR taken_by IS NOT NULL);
      CREATE UNIQUE INDEX kpi_snapshots_one_automatic ON kpi_snapshots (period, plan_version)
        WHERE automatic;

      CREATE TABLE kpi_snapshot_schedule (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period        text NOT NULL,
        plan_version  integer NOT NULL,
        due_at        timestamptz NOT NULL,
        state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'taken', 'skipped')),
        snapshot_id   uuid REFERENCES kpi_snapshots (id),
        done_at       timestamptz,
        UNIQUE (period, plan_version)
      );
      CREATE INDEX kpi_snapshot_schedule_pending_idx ON kpi_snapshot_schedule (due_at, id)
        WHERE state = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE kpi_snapshot_schedule;
      DROP INDEX kpi_snapshots_one_automatic;
      DELETE FROM kpi_snapshots WHERE automatic;
      ALTER TABLE kpi_snapshots DROP COLUMN automatic, ALTER COLUMN taken_by SET NOT NULL;
    `);
  }
}
