import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { IsoDate } from '../calendar/domain/iso-date';

export interface EnteredValueRow {
  id: string;
  indicatorCode: string;
  period: string;
  localityId: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export interface CommentaryRow {
  indicatorCode: string;
  period: string;
  text: string;
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export interface EnteredWrite {
  indicatorCode: string;
  period: string;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  localityId: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number;
}

const VALUE_COLUMNS = `id, indicator_code AS "indicatorCode", period, locality_id AS "localityId",
  numerator::float8 AS numerator, denominator::float8 AS denominator, value::float8 AS value,
  version, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

/** Entered figures and commentary of the plan report (kpi_entered_values, kpi_commentary). */
@Injectable()
export class PlanReportRepository {
  /** The value entered for exactly this indicator, period and locality, locked for change. */
  lockEnteredValue(
    sql: Sql,
    indicatorCode: string,
    period: string,
    localityId: string | null,
  ): Promise<EnteredValueRow | undefined> {
    return sql.one(
      `SELECT ${VALUE_COLUMNS} FROM kpi_entered_values
       WHERE indicator_code = $1 AND period = $2 AND locality_id IS NOT DISTINCT FROM $3::uuid
       FOR UPDATE`,
      [indicatorCode, period, localityId],
    );
  }

  /**
   * Inserts or replaces the values, keeping each replaced one in the history; one statement for
   * any number of rows (a CSV load). `expectedVersion` (one row only) guards a replace.
   */
  async upsertEnteredValues(
    sql: Sql,
    rows: readonly EnteredWrite[],
    userId: string,
    source: 'api' | 'csv',
  ): Promise<EnteredValueRow[]> {
    await sql.exec(
      `INSERT INTO kpi_entered_value_history
         (entered_value_id, version, numerator, denominator, value, changed_by, changed_at, source)
       SELECT v.id, v.version, v.numerator, v.denominator, v.value, v.updated_by, v.updated_at, $4
       FROM kpi_entered_values v
       JOIN unnest($1::text[], $2::text[], $3::uuid[]) AS n(code, period, locality_id)
         ON v.indicator_code = n.code AND v.period = n.period
        AND v.locality_id IS NOT DISTINCT FROM n.locality_id`,
      [
        rows.map((r) => r.indicatorCode),
        rows.map((r) => r.period),
        rows.map((r) => r.localityId),
        source,
      ],
    );
    return sql.rows(
      `INSERT INTO kpi_entered_values AS v
         (indicator_code, period, period_from, period_to, locality_id, numerator, denominator, value, updated_by)
       SELECT * , $9::uuid FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::uuid[],
                                   $6::bigint[], $7::bigint[], $8::numeric[])
       ON CONFLICT (indicator_code, period, locality_id) DO UPDATE
         SET numerator = excluded.numerator, denominator = excluded.denominator,
             value = excluded.value, version = v.version + 1, updated_by = excluded.updated_by,
             updated_at = now()
       RETURNING ${VALUE_COLUMNS}`,
      [
        rows.map((r) => r.indicatorCode),
        rows.map((r) => r.period),
        rows.map((r) => r.periodFrom),
        rows.map((r) => r.periodTo),
        rows.map((r) => r.localityId),
        rows.map((r) => r.numerator),
        rows.map((r) => r.denominator),
        rows.map((r) => r.value),
        userId,
      ],
    );
  }

  /**
   * The figures of the entered indicators for a period: each indicator's value for exactly P,
   * or else the latest one entered for a period inside P (a quarter shows its last month).
   */
  enteredForPeriod(
    sql: Sql,
    codes: readonly string[],
    period: string,
    from: IsoDate,
    to: IsoDate,
  ): Promise<EnteredValueRow[]> {
    return sql.rows(
      `SELECT DISTINCT ON (indicator_code, locality_id) ${VALUE_COLUMNS}
       FROM kpi_entered_values
       WHERE indicator_code = ANY($1::text[]) AND period_from >= $3::date AND period_to <= $4::date
       ORDER BY indicator_code, locality_id, (period = $2) DESC, period_to DESC, period_from DESC`,
      [codes, period, from, to],
    );
  }

  /**
   * An indicator's entered values, the newest period first (the authority's row before the
   * localities'), with the name of who entered each: what the admin's plan page lists.
   */
  enteredValuesOf(
    sql: Sql,
    indicatorCode: string,
    limit: number,
  ): Promise<(EnteredValueRow & { updatedByName: string | null })[]> {
    return sql.rows(
      `SELECT e.*, u.display_name AS "updatedByName"
       FROM (SELECT ${VALUE_COLUMNS}, period_from, period_to FROM kpi_entered_values
             WHERE indicator_code = $1
             ORDER BY period_to DESC, period_from DESC, locality_id NULLS FIRST LIMIT $2) e
       LEFT JOIN users u ON u.id = e."updatedBy"
       ORDER BY e.period_to DESC, e.period_from DESC, e."localityId" NULLS FIRST`,
      [indicatorCode, limit],
    );
  }

  /** The value entered for exactly this indicator, period and locality (not locked). */
  findEnteredValue(
    sql: Sql,
    indicatorCode: string,
    period: string,
    localityId: string | null,
  ): Promise<EnteredValueRow | undefined> {
    return sql.one(
      `SELECT ${VALUE_COLUMNS} FROM kpi_entered_values
       WHERE indicator_code = $1 AND period = $2 AND locality_id IS NOT DISTINCT FROM $3::uuid`,
      [indicatorCode, period, localityId],
    );
  }

  /** The versions an entered value had before its current one, newest first. */
  enteredHistory(
    sql: Sql,
    id: string,
  ): Promise<
    {
      version: number;
      numerator: number | null;
      denominator: number | null;
      value: number;
      changedAt: Date;
      changedBy: string;
    }[]
  > {
    return sql.rows(
      `SELECT version, numerator::float8 AS numerator, denominator::float8 AS denominator,
              value::float8 AS value, changed_at AS "changedAt", changed_by AS "changedBy"
       FROM kpi_entered_value_history WHERE entered_value_id = $1 ORDER BY version DESC`,
      [id],
    );
  }

  lockCommentary(
    sql: Sql,
    indicatorCode: string,
    period: string,
  ): Promise<CommentaryRow | undefined> {
    return sql.one(
      `SELECT indicator_code AS "indicatorCode", period, text, version, updated_at AS "updatedAt",
              updated_by AS "updatedBy"
       FROM kpi_commentary WHERE indicator_code = $1 AND period = $2 FOR UPDATE`,
      [indicatorCode, period],
    );
  }

  async putCommentary(
    sql: Sql,
    indicatorCode: string,
    period: string,
    text: string,
    userId: string,
  ): Promise<CommentaryRow> {
    await sql.exec(
      `INSERT INTO kpi_commentary_history (indicator_code, period, version, text, changed_by, changed_at)
       SELECT indicator_code, period, version, text, updated_by, updated_at FROM kpi_commentary
       WHERE indicator_code = $1 AND period = $2`,
      [indicatorCode, period],
    );
    const row = await sql.one<CommentaryRow>(
      `INSERT INTO kpi_commentary AS c (indicator_code, period, text, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (indicator_code, period) DO UPDATE
         SET text = excluded.text, version = c.version + 1, updated_by = excluded.updated_by,
             updated_at = now()
       RETURNING indicator_code AS "indicatorCode", period, text, version, updated_at AS "updatedAt",
                 updated_by AS "updatedBy"`,
      [indicatorCode, period, text, userId],
    );
    return row!;
  }

  /** The commentary of every indicator for one period, by indicator code. */
  async commentaryForPeriod(sql: Sql, period: string): Promise<Map<string, string>> {
    const rows = await sql.rows<{ code: string; text: string }>(
      'SELECT indicator_code AS code, text FROM kpi_commentary WHERE period = $1',
      [period],
    );
    return new Map(rows.map((row) => [row.code, row.text]));
  }

  /** Locality ids by lower-case code, for reading a CSV. */
  async localityCodes(sql: Sql): Promise<Map<string, string>> {
    const rows = await sql.rows<{ id: string; code: string }>('SELECT id, code FROM localities');
    return new Map(rows.map((row) => [row.code.toLowerCase(), row.id]));
  }

  async localityExists(sql: Sql, id: string): Promise<boolean> {
    return (await sql.one('SELECT 1 FROM localities WHERE id = $1', [id])) !== undefined;
  }
}
