import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { AgeBand, PopulationBands, PopulationDto } from '../localities/dto/locality.dto';

export interface AreaRow {
  id: string;
  localityId: string;
  name: string;
  code: string;
  postcodeSectors: string[];
  version: number;
  populations: PopulationDto[];
}

const COLUMNS = `
  a.id, a.locality_id AS "localityId", a.name, a.code, a.version,
  COALESCE((SELECT array_agg(s.sector ORDER BY s.sector) FROM area_postcode_sectors s WHERE s.area_id = a.id),
           '{}') AS "postcodeSectors",
  COALESCE((
    SELECT json_agg(json_build_object('year', y.year, 'bands', y.bands) ORDER BY y.year DESC)
    FROM (SELECT p.year, json_object_agg(p.age_band, p.population) AS bands
          FROM area_populations p WHERE p.area_id = a.id GROUP BY p.year) y
  ), '[]'::json) AS populations`;

/** Children's centre areas within localities, their postcode sectors and populations. */
@Injectable()
export class AreasRepository {
  async insert(
    sql: Sql,
    localityId: string,
    name: string,
    code: string,
    sectors: readonly string[],
  ): Promise<string> {
    const row = await sql.one<{ id: string }>(
      'INSERT INTO areas (locality_id, name, code) VALUES ($1, $2, $3) RETURNING id',
      [localityId, name, code],
    );
    await sql.exec(
      'INSERT INTO area_postcode_sectors (sector, area_id) SELECT unnest($1::text[]), $2',
      [sectors, row!.id],
    );
    return row!.id;
  }

  /** The sectors among `sectors` that an area has already, with that area's code. */
  takenSectors(sql: Sql, sectors: readonly string[]): Promise<{ sector: string; code: string }[]> {
    return sql.rows(
      `SELECT s.sector, a.code FROM area_postcode_sectors s JOIN areas a ON a.id = s.area_id
       WHERE s.sector = ANY($1::text[]) ORDER BY s.sector`,
      [sectors],
    );
  }

  async codeOrNameTaken(sql: Sql, name: string, code: string): Promise<boolean> {
    return (
      (await sql.one(
        'SELECT 1 FROM areas WHERE lower(name) = lower($1) OR lower(code) = lower($2)',
        [name, code],
      )) !== undefined
    );
  }

  findById(sql: Sql, id: string): Promise<AreaRow | undefined> {
    return sql.one(`SELECT ${COLUMNS} FROM areas a WHERE a.id = $1`, [id]);
  }

  listByLocality(sql: Sql, localityId: string): Promise<AreaRow[]> {
    return sql.rows(
      `SELECT ${COLUMNS} FROM areas a WHERE a.locality_id = $1 ORDER BY a.name, a.id`,
      [localityId],
    );
  }

  async localityExists(sql: Sql, id: string): Promise<boolean> {
    return (await sql.one('SELECT 1 FROM localities WHERE id = $1', [id])) !== undefined;
  }

  async touch(sql: Sql, id: string, expectedVersion: number | undefined): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE areas SET version = version + 1, updated_at = now()
       WHERE id = $1 AND ($2::int IS NULL OR version = $2)`,
      [id, expectedVersion ?? null],
    );
    return updated === 1;
  }

  async upsertPopulation(
    sql: Sql,
    areaId: string,
    year: number,
    bands: PopulationBands,
  ): Promise<void> {
    const entries = Object.entries(bands) as [AgeBand, number][];
    await sql.exec(
      `INSERT INTO area_populations (area_id, year, age_band, population)
       SELECT $1, $2, band, population FROM unnest($3::text[], $4::int[]) AS b(band, population)
       ON CONFLICT (area_id, year, age_band) DO UPDATE SET population = EXCLUDED.population`,
      [areaId, year, entries.map(([band]) => band), entries.map(([, count]) => count)],
    );
  }
}
