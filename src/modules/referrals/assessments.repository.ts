import { Injectable } from '@nestjs/common';
import { referralVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import type { InitialAssessmentOutcome } from './dto/referral.dto';
import { refreshEpisodeEnd } from './referrals.repository';

export interface InitialAssessmentRow {
  id: string;
  referralId: string;
  childId: string;
  localityId: string;
  assignedToUserId: string;
  referredAt: string;
  dueDate: string;
  completedAt: string | null;
  outcome: InitialAssessmentOutcome | null;
  inTime: boolean | null;
  /** The census's factors identified at assessment, recorded when it completed. */
  factors: string[];
  version: number;
}

export interface CoreAssessmentRow {
  id: string;
  initialAssessmentId: string;
  referralId: string;
  childId: string;
  localityId: string;
  assignedToUserId: string;
  commencedAt: string;
  dueDate: string;
  completedAt: string | null;
  inTime: boolean | null;
  factors: string[];
  version: number;
}

const IA_COLUMNS = `ia.id, ia.referral_id AS "referralId", ia.child_id AS "childId", ia.locality_id AS "localityId",
  ia.assigned_to AS "assignedToUserId", r.referred_at AS "referredAt", ia.due_date AS "dueDate",
  ia.completed_at AS "completedAt", ia.outcome, ia.in_time AS "inTime", ia.factors, ia.version`;
const CA_COLUMNS = `ca.id, ca.initial_assessment_id AS "initialAssessmentId", ia.referral_id AS "referralId", ca.child_id AS "childId",
  ca.locality_id AS "localityId", ca.assigned_to AS "assignedToUserId", ca.commenced_at AS "commencedAt",
  ca.due_date AS "dueDate", ca.completed_at AS "completedAt", ca.in_time AS "inTime", ca.factors, ca.version`;
const IA_FROM = 'initial_assessments ia JOIN referrals r ON r.id = ia.referral_id';
const CA_FROM = `core_assessments ca
  JOIN initial_assessments ia ON ia.id = ca.initial_assessment_id JOIN referrals r ON r.id = ia.referral_id`;

/** Who asks for a work list, and which page of it. */
export interface WorkListPage {
  actor: Actor;
  assignedTo: string | undefined;
  after: CursorKey | undefined;
  limit: number;
}

/**
 * A work list's page of one kind of assessment: the open ones (`alias.completed_at` empty) whose
 * referral (`r`, joined in `from`) the actor may see, optionally of one assignee, by due date and
 * id after the cursor, one more than the page so that the caller knows whether another follows.
 * `kind` is the assessment repositories' own constants (the single assessments' repository
 * shares it), never text from a service.
 */
export function openByDueDate<T>(
  sql: Sql,
  kind: { alias: string; columns: string; from: string },
  page: WorkListPage,
): Promise<T[]> {
  const { alias: a } = kind;
  const p = new SqlParams();
  const where = [`${a}.completed_at IS NULL`, referralVisibleTo(page.actor, 'r', p)];
  if (page.assignedTo) where.push(`${a}.assigned_to = ${p.add(page.assignedTo)}`);
  if (page.after) {
    where.push(
      `(${a}.due_date, ${a}.id) > (${p.add(page.after[0])}::date, ${p.add(page.after[1])}::uuid)`,
    );
  }
  return sql.rows<T>(
    `SELECT ${kind.columns} FROM ${kind.from}
     WHERE ${where.join(' AND ')} ORDER BY ${a}.due_date, ${a}.id LIMIT ${p.add(page.limit + 1)}`,
    p.values,
  );
}

/** Initial and core assessments; who may see one follows its referral. */
@Injectable()
export class AssessmentsRepository {
  async insertInitial(
    sql: Sql,
    ia: {
      referralId: string;
      childId: string;
      localityId: string;
      assignedTo: string;
      dueDate: string;
      createdBy: string;
    },
  ): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO initial_assessments (referral_id, child_id, locality_id, assigned_to, due_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (referral_id) DO NOTHING RETURNING id`,
      [ia.referralId, ia.childId, ia.localityId, ia.assignedTo, ia.dueDate, ia.createdBy],
    );
    return row?.id ?? '';
  }

  async findInitial(
    sql: Sql,
    actor: Actor,
    id: string,
    forUpdate = false,
  ): Promise<InitialAssessmentRow | undefined> {
    const p = new SqlParams();
    return sql.one<InitialAssessmentRow>(
      `SELECT ${IA_COLUMNS} FROM initial_assessments ia JOIN referrals r ON r.id = ia.referral_id
       WHERE ia.id = ${p.add(id)} AND ${referralVisibleTo(actor, 'r', p)} ${forUpdate ? 'FOR UPDATE OF ia' : ''}`,
      p.values,
    );
  }

  async initialForReferral(
    sql: Sql,
    referralId: string,
  ): Promise<InitialAssessmentRow | undefined> {
    return sql.one<InitialAssessmentRow>(
      `SELECT ${IA_COLUMNS} FROM initial_assessments ia JOIN referrals r ON r.id = ia.referral_id WHERE ia.referral_id = $1`,
      [referralId],
    );
  }

  async completeInitial(
    sql: Sql,
    id: string,
    completedAt: string,
    outcome: InitialAssessmentOutcome,
    inTime: boolean,
    factors: readonly string[] = [],
  ): Promise<void> {
    const row = await sql.one<{ referralId: string }>(
      `UPDATE initial_assessments SET completed_at = $2, outcome = $3, in_time = $4, factors = $5,
         version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING referral_id AS "referralId"`,
      [id, completedAt, outcome, inTime, factors],
    );
    if (row) await refreshEpisodeEnd(sql, row.referralId);
  }

  async setInitialDueDate(
    sql: Sql,
    id: string,
    dueDate: string,
    inTime: boolean | null,
  ): Promise<void> {
    await sql.exec(
      `UPDATE initial_assessments SET due_date = $2, in_time = $3, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, dueDate, inTime],
    );
  }

  openInitial(sql: Sql, page: WorkListPage): Promise<InitialAssessmentRow[]> {
    return openByDueDate(sql, { alias: 'ia', columns: IA_COLUMNS, from: IA_FROM }, page);
  }

  /** Open assessments whose due-date window contains a day (a new closure day may move them). */
  async openInitialAround(
    sql: Sql,
    date: string,
    localityId: string | null,
  ): Promise<InitialAssessmentRow[]> {
    return sql.rows<InitialAssessmentRow>(
      `SELECT ${IA_COLUMNS} FROM initial_assessments ia JOIN referrals r ON r.id = ia.referral_id
       WHERE ia.completed_at IS NULL AND r.referred_at < $1 AND ia.due_date >= $1
         AND ($2::uuid IS NULL OR ia.locality_id = $2)`,
      [date, localityId],
    );
  }

  async insertCore(
    sql: Sql,
    ca: {
      initialAssessmentId: string;
      childId: string;
      localityId: string;
      assignedTo: string;
      commencedAt: string;
      dueDate: string;
      createdBy: string;
    },
  ): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO core_assessments (initial_assessment_id, child_id, locality_id, assigned_to, commenced_at, due_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (initial_assessment_id) DO NOTHING RETURNING id`,
      [
        ca.initialAssessmentId,
        ca.childId,
        ca.localityId,
        ca.assignedTo,
        ca.commencedAt,
        ca.dueDate,
        ca.createdBy,
      ],
    );
    return row?.id ?? '';
  }

  async findCore(
    sql: Sql,
    actor: Actor,
    id: string,
    forUpdate = false,
  ): Promise<CoreAssessmentRow | undefined> {
    const p = new SqlParams();
    return sql.one<CoreAssessmentRow>(
      `SELECT ${CA_COLUMNS} FROM core_assessments ca
         JOIN initial_assessments ia ON ia.id = ca.initial_assessment_id JOIN referrals r ON r.id = ia.referral_id
       WHERE ca.id = ${p.add(id)} AND ${referralVisibleTo(actor, 'r', p)} ${forUpdate ? 'FOR UPDATE OF ca' : ''}`,
      p.values,
    );
  }

  /** The initial assessment's core assessment, if one has started (its visibility is the initial's). */
  async coreForInitial(
    sql: Sql,
    initialAssessmentId: string,
  ): Promise<CoreAssessmentRow | undefined> {
    return sql.one<CoreAssessmentRow>(
      `SELECT ${CA_COLUMNS} FROM core_assessments ca
         JOIN initial_assessments ia ON ia.id = ca.initial_assessment_id
       WHERE ca.initial_assessment_id = $1`,
      [initialAssessmentId],
    );
  }

  async completeCore(
    sql: Sql,
    id: string,
    completedAt: string,
    inTime: boolean,
    factors: readonly string[] = [],
  ): Promise<void> {
    const row = await sql.one<{ referralId: string }>(
      `UPDATE core_assessments SET completed_at = $2, in_time = $3, factors = $4, version = version + 1, updated_at = now()
       WHERE id = $1
       RETURNING (SELECT referral_id FROM initial_assessments WHERE id = initial_assessment_id) AS "referralId"`,
      [id, completedAt, inTime, factors],
    );
    if (row) await refreshEpisodeEnd(sql, row.referralId);
  }

  async setCoreDates(
    sql: Sql,
    id: string,
    version: number | null,
    commencedAt: string,
    dueDate: string,
    inTime: boolean | null,
  ): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE core_assessments SET commenced_at = $3, due_date = $4, in_time = $5, version = version + 1, updated_at = now()
       WHERE id = $1 AND ($2::int IS NULL OR version = $2)`,
      [id, version, commencedAt, dueDate, inTime],
    );
    return updated === 1;
  }

  openCore(sql: Sql, page: WorkListPage): Promise<CoreAssessmentRow[]> {
    return openByDueDate(sql, { alias: 'ca', columns: CA_COLUMNS, from: CA_FROM }, page);
  }

  async openCoreAround(
    sql: Sql,
    date: string,
    localityId: string | null,
  ): Promise<CoreAssessmentRow[]> {
    return sql.rows<CoreAssessmentRow>(
      `SELECT ${CA_COLUMNS} FROM core_assessments ca
         JOIN initial_assessments ia ON ia.id = ca.initial_assessment_id
       WHERE ca.completed_at IS NULL AND ca.commenced_at < $1 AND ca.due_date >= $1
         AND ($2::uuid IS NULL OR ca.locality_id = $2)`,
      [date, localityId],
    );
  }
}
