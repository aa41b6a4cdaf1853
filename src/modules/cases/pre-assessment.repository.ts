import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { CafDomain } from './domain/caf-domains';

export interface PreAssessmentRow {
  concernDomains: CafDomain[];
  cafNeeded: boolean;
  notes: string | null;
  recordedBy: string;
  recordedAt: Date;
  version: number;
}

const COLUMNS = `concern_domains AS "concernDomains", caf_needed AS "cafNeeded", notes,
  recorded_by AS "recordedBy", recorded_at AS "recordedAt", version`;

/** The pre-assessment checklist: every answer kept, the latest in force. */
@Injectable()
export class PreAssessmentRepository {
  async current(sql: Sql, caseId: string): Promise<PreAssessmentRow | undefined> {
    return sql.one<PreAssessmentRow>(
      `SELECT ${COLUMNS} FROM case_pre_assessments WHERE case_id = $1 ORDER BY version DESC LIMIT 1`,
      [caseId],
    );
  }

  /** The next answer; undefined when another was recorded since `previous` (the unique key). */
  async insert(
    sql: Sql,
    caseId: string,
    previous: number,
    answer: { concernDomains: CafDomain[]; cafNeeded: boolean; notes: string | null },
    by: string,
    at: Date,
  ): Promise<PreAssessmentRow | undefined> {
    return sql.one<PreAssessmentRow>(
      `INSERT INTO case_pre_assessments (case_id, version, concern_domains, caf_needed, notes, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, version) DO NOTHING RETURNING ${COLUMNS}`,
      [caseId, previous + 1, answer.concernDomains, answer.cafNeeded, answer.notes, by, at],
    );
  }
}
