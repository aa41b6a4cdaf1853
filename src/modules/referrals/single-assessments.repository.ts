import { Injectable } from '@nestjs/common';
import { referralVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import { openByDueDate, type WorkListPage } from './assessments.repository';
import { refreshEpisodeEnd } from './referrals.repository';

export type SingleAssessmentOutcome =
  'services_provided' | 'no_further_action' | 'step_down_early_help';

export interface SingleAssessmentRow {
  id: string;
  referralId: string;
  childId: string;
  localityId: string;
  assignedToUserId: string;
  referredAt: string;
  framework: string;
  startedAt: string;
  dueDate: string;
  completedAt: string | null;
  outcome: SingleAssessmentOutcome | null;
  inTime: boolean | null;
  factors: string[];
  version: number;
}

const SA_COLUMNS = `sa.id, sa.referral_id AS "referralId", sa.child_id AS "childId", sa.locality_id AS "localityId",
  sa.assigned_to AS "assignedToUserId", r.referred_at AS "referredAt", r.framework, sa.started_at AS "startedAt",
  sa.due_date AS "dueDate", sa.completed_at AS "completedAt", sa.outcome, sa.in_time AS "inTime", sa.factors, sa.version`;
const SA_FROM = 'single_assessments sa JOIN referrals r ON r.id = sa.referral_id';

/** Single assessments (one per referral); who may see one follows its referral. */
@Injectable()
export class SingleAssessmentsRepository {
  async insert(
    sql: Sql,
    sa: {
      referralId: string;
      childId: string;
      localityId: string;
      assignedTo: string;
      startedAt: string;
      dueDate: string;
      createdBy: string;
    },
  ): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO single_assessments (referral_id, child_id, locality_id, assigned_to, started_at, due_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (referral_id) DO NOTHING RETURNING id`,
      [
        sa.referralId,
        sa.childId,
        sa.localityId,
        sa.assignedTo,
        sa.startedAt,
        sa.dueDate,
        sa.createdBy,
      ],
    );
    return row?.id ?? '';
  }

  async find(
    sql: Sql,
    actor: Actor,
    id: string,
    forUpdate = false,
  ): Promise<SingleAssessmentRow | undefined> {
    const p = new SqlParams();
    return sql.one<SingleAssessmentRow>(
      `SELECT ${SA_COLUMNS} FROM single_assessments sa JOIN referrals r ON r.id = sa.referral_id
       WHERE sa.id = ${p.add(id)} AND ${referralVisibleTo(actor, 'r', p)} ${forUpdate ? 'FOR UPDATE OF sa' : ''}`,
      p.values,
    );
  }

  async forReferral(sql: Sql, referralId: string): Promise<SingleAssessmentRow | undefined> {
    return sql.one<SingleAssessmentRow>(
      `SELECT ${SA_COLUMNS} FROM single_assessments sa JOIN referrals r ON r.id = sa.referral_id
       WHERE sa.referral_id = $1`,
      [referralId],
    );
  }

  async complete(
    sql: Sql,
    id: string,
    completion: {
      completedAt: string;
      outcome: SingleAssessmentOutcome;
      inTime: boolean;
      factors: readonly string[];
    },
  ): Promise<void> {
    const row = await sql.one<{ referralId: string }>(
      `UPDATE single_assessments SET completed_at = $2, outcome = $3, in_time = $4, factors = $5,
         version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING referral_id AS "referralId"`,
      [id, completion.completedAt, completion.outcome, completion.inTime, completion.factors],
    );
    if (row) await refreshEpisodeEnd(sql, row.referralId);
  }

  /** A correction of its dates, checked against `version` (null: a recomputation, no check). */
  async setDates(
    sql: Sql,
    id: string,
    version: number | null,
    dates: {
      startedAt: string;
      dueDate: string;
      completedAt: string | null;
      inTime: boolean | null;
    },
  ): Promise<boolean> {
    const row = await sql.one<{ referralId: string }>(
      `UPDATE single_assessments SET started_at = $3, due_date = $4, completed_at = $5, in_time = $6,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND ($2::int IS NULL OR version = $2) RETURNING referral_id AS "referralId"`,
      [id, version, dates.startedAt, dates.dueDate, dates.completedAt, dates.inTime],
    );
    if (row && dates.completedAt !== null) await refreshEpisodeEnd(sql, row.referralId);
    return row !== undefined;
  }

  open(sql: Sql, page: WorkListPage): Promise<SingleAssessmentRow[]> {
    return openByDueDate(sql, { alias: 'sa', columns: SA_COLUMNS, from: SA_FROM }, page);
  }

  /** Open single assessments whose due-date window contains a day (a new closure day may move them). */
  async openAround(
    sql: Sql,
    date: string,
    localityId: string | null,
  ): Promise<(SingleAssessmentRow & { singleAssessmentDays: number })[]> {
    return sql.rows(
      `SELECT ${SA_COLUMNS}, (r.framework_timescales ->> 'singleAssessment')::int AS "singleAssessmentDays"
       FROM single_assessments sa JOIN referrals r ON r.id = sa.referral_id
       WHERE sa.completed_at IS NULL AND r.referred_at < $1 AND sa.due_date >= $1
         AND ($2::uuid IS NULL OR sa.locality_id = $2)`,
      [date, localityId],
    );
  }
}
