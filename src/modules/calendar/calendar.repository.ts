import { Injectable } from '@nestjs/common';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import type { IsoDate } from '../../common/domain/iso-date';

export interface ClosureRow {
  id: string;
  date: IsoDate;
  localityId: string | null;
  reason: string;
  version: number;
  createdAt: Date;
}

const COLUMNS = `id, date, locality_id AS "localityId", reason, version, created_at AS "createdAt"`;

@Injectable()
export class CalendarRepository {
  async insertClosure(
    sql: Sql,
    closure: { date: IsoDate; localityId: string | null; reason: string; createdBy: string },
  ): Promise<ClosureRow | undefined> {
    return sql.one<ClosureRow>(
      `INSERT INTO calendar_closures (date, locality_id, reason, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [closure.date, closure.localityId, closure.reason, closure.createdBy],
    );
  }

  /** Closure dates that apply to a locality: authority-wide ones and its own. */
  async closureDates(sql: Sql, localityId: string | null): Promise<IsoDate[]> {
    const rows = await sql.rows<{ date: IsoDate }>(
      `SELECT DISTINCT date FROM calendar_closures WHERE locality_id IS NULL OR locality_id = $1`,
      [localityId],
    );
    return rows.map((row) => row.date);
  }

  async listClosures(
    sql: Sql,
    filter: { localityId?: string; from?: IsoDate; to?: IsoDate },
    after: CursorKey | undefined,
    limit: number,
  ): Promise<ClosureRow[]> {
    return sql.rows<ClosureRow>(
      `SELECT ${COLUMNS} FROM calendar_closures
       WHERE ($1::uuid IS NULL OR locality_id IS NULL OR locality_id = $1)
         AND ($2::date IS NULL OR date >= $2) AND ($3::date IS NULL OR date <= $3)
         AND ($4::date IS NULL OR (date, id) > ($4::date, $5::uuid))
       ORDER BY date, id LIMIT $6`,
      [
        filter.localityId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
  }
}
