import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';

/** The stored plan (kpi_plans holds at most one row, id 1), as an admin last left it. */
export interface StoredPlanRow {
  document: unknown;
  version: number;
  updatedAt: Date;
}

@Injectable()
export class PlansRepository {
  async find(sql: Sql): Promise<StoredPlanRow | undefined> {
    return sql.one<StoredPlanRow>(
      'SELECT document, version, updated_at AS "updatedAt" FROM kpi_plans WHERE id = 1',
    );
  }

  /** Held to the end of the transaction: one plan change at a time. */
  async lock(sql: Sql): Promise<void> {
    await sql.exec('LOCK TABLE kpi_plans IN EXCLUSIVE MODE');
  }

  /** Stores the plan as `version`; answers when it was stored. */
  async store(sql: Sql, document: unknown, version: number, updatedBy: string): Promise<Date> {
    const row = await sql.one<{ updatedAt: Date }>(
      `INSERT INTO kpi_plans (id, document, version, updated_by) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET document = $1, version = $2, updated_by = $3, updated_at = now()
       RETURNING updated_at AS "updatedAt"`,
      [JSON.stringify(document), version, updatedBy],
    );
    return row!.updatedAt;
  }
}
