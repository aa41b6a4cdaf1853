import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';

/** A period's snapshot in force (superseded_by IS NULL), with the rows it froze. */
export interface CurrentSnapshotRow<Row> {
  id: string;
  takenAt: Date;
  rows: Row[];
}

export interface SnapshotListRow {
  id: string;
  takenAt: Date;
  planVersion: number;
  current: boolean;
}

/** Frozen indicator values of closed periods (kpi_snapshots); an old snapshot is kept when superseded. */
@Injectable()
export class SnapshotsRepository {
  /** Held to the end of the transaction: one snapshot of a period at a time. */
  async lockPeriod(sql: Sql, period: string): Promise<void> {
    await sql.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`kpi-snapshot:${period}`]);
  }

  async current<Row>(sql: Sql, period: string): Promise<CurrentSnapshotRow<Row> | undefined> {
    return sql.one(
      `SELECT id, taken_at AS "takenAt", rows FROM kpi_snapshots WHERE period = $1 AND superseded_by IS NULL`,
      [period],
    );
  }

  /** Points the old snapshot at the one replacing it (checked at commit). */
  async supersede(sql: Sql, id: string, by: string): Promise<void> {
    await sql.exec('UPDATE kpi_snapshots SET superseded_by = $2 WHERE id = $1', [id, by]);
  }

  async insert(
    sql: Sql,
    snapshot: {
      id: string;
      period: string;
      /** null: taken automatically (docs/domain.md#automatic-snapshots). */
      takenBy: string | null;
      planVersion: number;
      rows: unknown[];
      automatic: boolean;
      takenAt: Date;
    },
  ): Promise<{ id: string; takenAt: Date }> {
    const row = await sql.one<{ id: string; takenAt: Date }>(
      `INSERT INTO kpi_snapshots (id, period, taken_by, plan_version, rows, automatic, taken_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, taken_at AS "takenAt"`,
      [
        snapshot.id,
        snapshot.period,
        snapshot.takenBy,
        snapshot.planVersion,
        JSON.stringify(snapshot.rows),
        snapshot.automatic,
        snapshot.takenAt,
      ],
    );
    return row!;
  }

  /** Every snapshot of a period, newest first, the one in force marked. */
  async list(sql: Sql, period: string): Promise<SnapshotListRow[]> {
    return sql.rows(
      `SELECT id, taken_at AS "takenAt", plan_version AS "planVersion", superseded_by IS NULL AS current
       FROM kpi_snapshots WHERE period = $1 ORDER BY taken_at DESC, id DESC`,
      [period],
    );
  }
}
