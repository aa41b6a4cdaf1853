import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import type { PanelOutcome } from './domain/panels';

export interface HearingRow {
  id: string;
  caseId: string;
  panel: string;
  heardOn: string;
  outcome: PanelOutcome;
  notes: string | null;
  recordedBy: string;
  recordedAt: Date;
  version: number;
}

const COLUMNS = `h.id, h.case_id AS "caseId", h.panel, h.heard_on AS "heardOn", h.outcome, h.notes,
  h.recorded_by AS "recordedBy", h.recorded_at AS "recordedAt", h.version`;

/** Panel hearings of cases. */
@Injectable()
export class PanelsRepository {
  /** The case if the actor may see it, with who may record a hearing on it. */
  async visibleCase(
    sql: Sql,
    actor: Actor,
    caseId: string,
  ): Promise<
    | { id: string; childId: string; startedOn: string; leadProfessionalId: string | null }
    | undefined
  > {
    const p = new SqlParams();
    return sql.one(
      `SELECT c.id, c.child_id AS "childId", c.started_on AS "startedOn",
              c.lead_professional_id AS "leadProfessionalId"
       FROM cases c WHERE c.id = ${p.add(caseId)} AND ${caseVisibleTo(actor, 'c', p)}`,
      p.values,
    );
  }

  async insert(
    sql: Sql,
    hearing: {
      caseId: string;
      childId: string;
      panel: string;
      heardOn: string;
      outcome: PanelOutcome;
      notes: string | null;
      recordedBy: string;
    },
    at: Date,
  ): Promise<HearingRow> {
    const row = await sql.one<HearingRow>(
      `INSERT INTO panel_hearings AS h (case_id, child_id, panel, heard_on, outcome, notes, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        hearing.caseId,
        hearing.childId,
        hearing.panel,
        hearing.heardOn,
        hearing.outcome,
        hearing.notes,
        hearing.recordedBy,
        at,
      ],
    );
    return row!;
  }

  /** A case's hearings, newest first. */
  async list(
    sql: Sql,
    caseId: string,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<HearingRow[]> {
    const p = new SqlParams();
    const where = [`h.case_id = ${p.add(caseId)}`];
    if (after) {
      where.push(`(h.heard_on, h.id) < (${p.add(after[0])}::date, ${p.add(after[1])}::uuid)`);
    }
    return sql.rows<HearingRow>(
      `SELECT ${COLUMNS} FROM panel_hearings h WHERE ${where.join(' AND ')}
       ORDER BY h.heard_on DESC, h.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }
}
