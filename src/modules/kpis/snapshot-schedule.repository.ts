import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';

export interface ScheduledSnapshot {
  id: string;
  period: string;
  planVersion: number;
  dueAt: Date;
  state: 'pending' | 'taken' | 'skipped';
}

const COLUMNS = `id, period, plan_version AS "planVersion", due_at AS "dueAt", state`;

/** The staged automatic snapshots (kpi_snapshot_schedule). */
@Injectable()
export class SnapshotScheduleRepository {
  /** Stages each period for the plan version unless it is staged already. */
  async stage(
    sql: Sql,
    rows: readonly { period: string; dueAt: Date }[],
    planVersion: number,
  ): Promise<void> {
    await sql.exec(
      `INSERT INTO kpi_snapshot_schedule (period, plan_version, due_at)
       SELECT period, $3, due_at FROM unnest($1::text[], $2::timestamptz[]) AS s(period, due_at)
       ON CONFLICT (period, plan_version) DO NOTHING`,
      [rows.map((r) => r.period), rows.map((r) => r.dueAt), planVersion],
    );
  }

  /** Pending rows due before `until`, oldest first. */
  pendingBefore(sql: Sql, until: Date, limit: number): Promise<ScheduledSnapshot[]> {
    return sql.rows(
      `SELECT ${COLUMNS} FROM kpi_snapshot_schedule WHERE state = 'pending' AND due_at <= $1
       ORDER BY due_at, id LIMIT $2`,
      [until, limit],
    );
  }

  lock(sql: Sql, id: string): Promise<ScheduledSnapshot | undefined> {
    return sql.one(`SELECT ${COLUMNS} FROM kpi_snapshot_schedule WHERE id = $1 FOR UPDATE`, [id]);
  }

  async finish(
    sql: Sql,
    id: string,
    state: 'taken' | 'skipped',
    snapshotId: string | null,
    at: Date,
  ): Promise<void> {
    await sql.exec(
      'UPDATE kpi_snapshot_schedule SET state = $2, snapshot_id = $3, done_at = $4 WHERE id = $1',
      [id, state, snapshotId, at],
    );
  }
}
