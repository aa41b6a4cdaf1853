import { Injectable } from '@nestjs/common';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import type { AgeBand, PopulationBands, PopulationDto } from './dto/locality.dto';

export interface LocalityRow {
  id: string;
  name: string;
  code: string;
  version: number;
  createdAt: Date;
  populations: PopulationDto[];
}

// Populations as [{year, bands: {"0-4": n, …}}], newest year first.
const COLUMNS = `
  l.id, l.name, l.code, l.version, l.created_at AS "createdAt",
  COALESCE((
    SELECT json_agg(json_build_object('year', y.year, 'bands', y.bands) ORDER BY y.year DESC)
    FROM (SELECT p.year, json_object_agg(p.age_band, p.population) AS bands
          FROM locality_populations p WHERE p.locality_id = l.id GROUP BY p.year) y
  ), '[]'::json) AS populations`;

@Injectable()
export class LocalitiesRepository {
  async insert(sql: Sql, name: string, code: string): Promise<string> {
    const row = await sql.one<{ id: string }>(
      'INSERT INTO localities (name, code) VALUES ($1, $2) RETURNING id',
      [name, code],
    );
    return row!.id;
  }

  async nameOrCodeTaken(sql: Sql, name: string, code: string): Promise<boolean> {
    const row = await sql.one(
      'SELECT 1 FROM localities WHERE lower(name) = lower($1) OR lower(code) = lower($2)',
      [name, code],
    );
    return row !== undefined;
  }

  async findById(sql: Sql, id: string): Promise<LocalityRow | undefined> {
    return sql.one<LocalityRow>(`SELECT ${COLUMNS} FROM localities l WHERE l.id = $1`, [id]);
  }

  async list(sql: Sql, after: CursorKey | undefined, limit: number): Promise<LocalityRow[]> {
    return sql.rows<LocalityRow>(
      `SELECT ${COLUMNS} FROM localities l
       WHERE ($1::text IS NULL OR (l.name, l.id) > ($1, $2::uuid))
       ORDER BY l.name, l.id LIMIT $3`,
      [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  /** The ids among `ids` that are not localities. */
  async missing(sql: Sql, ids: readonly string[]): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>(
      `SELECT wanted.id FROM unnest($1::uuid[]) AS wanted(id)
       WHERE NOT EXISTS (SELECT 1 FROM localities l WHERE l.id = wanted.id)`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /** Bumps the version (when still `expectedVersion`, if given); false when stale or missing. */
  async touch(sql: Sql, id: string, expectedVersion: number | undefined): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE localities SET version = version + 1, updated_at = now()
       WHERE id = $1 AND ($2::int IS NULL OR version = $2)`,
      [id, expectedVersion ?? null],
    );
    return updated === 1;
  }

  async upsertPopulation(
    sql: Sql,
    localityId: string,
    year: number,
    bands: PopulationBands,
  ): Promise<void> {
    const entries = Object.entries(bands) as [AgeBand, number][];
    await sql.exec(
      `INSERT INTO locality_populations (locality_id, year, age_band, population)
       SELECT $1, $2, band, population FROM unnest($3::text[], $4::int[]) AS b(band, population)
       ON CONFLICT (locality_id, year, age_band) DO UPDATE SET population = EXCLUDED.population`,
      [localityId, year, entries.map(([band]) => band), entries.map(([, count]) => count)],
    );
  }
}
