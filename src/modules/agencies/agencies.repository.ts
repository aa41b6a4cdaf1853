import { Injectable } from '@nestjs/common';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import type { AgencyType } from './dto/agency.dto';

export interface AgencyRow {
  id: string;
  name: string;
  type: AgencyType;
  version: number;
  createdAt: Date;
}

const COLUMNS = `id, name, type, version, created_at AS "createdAt"`;

@Injectable()
export class AgenciesRepository {
  async insert(sql: Sql, name: string, type: AgencyType): Promise<AgencyRow> {
    const row = await sql.one<AgencyRow>(
      `INSERT INTO agencies (name, type) VALUES ($1, $2) RETURNING ${COLUMNS}`,
      [name, type],
    );
    return row!;
  }

  async nameTaken(sql: Sql, name: string): Promise<boolean> {
    return (
      (await sql.one('SELECT 1 FROM agencies WHERE lower(name) = lower($1)', [name])) !== undefined
    );
  }

  async findById(sql: Sql, id: string): Promise<AgencyRow | undefined> {
    return sql.one<AgencyRow>(`SELECT ${COLUMNS} FROM agencies WHERE id = $1`, [id]);
  }

  async findFirst(sql: Sql): Promise<AgencyRow | undefined> {
    return sql.one<AgencyRow>(`SELECT ${COLUMNS} FROM agencies ORDER BY created_at, id LIMIT 1`);
  }

  async list(
    sql: Sql,
    type: AgencyType | undefined,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<AgencyRow[]> {
    return sql.rows<AgencyRow>(
      `SELECT ${COLUMNS} FROM agencies
       WHERE ($1::text IS NULL OR type = $1)
         AND ($2::text IS NULL OR (name, id) > ($2, $3::uuid))
       ORDER BY name, id LIMIT $4`,
      [type ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }
}
