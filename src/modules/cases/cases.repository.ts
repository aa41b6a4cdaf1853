import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams, versionedSet } from '../../database/sql-params';
import type { ElementCode, ElementLevel } from './domain/caf-elements';
import type { CaseStatus, ClosureReason } from './domain/case-lifecycle';

export interface CaseRow {
  id: string;
  childId: string;
  localityId: string;
  status: CaseStatus;
  startedOn: string;
  createdBy: string;
  suggestedTier: number | null;
  tier: number | null;
  leadProfessionalId: string | null;
  closureReason: ClosureReason | null;
  closureNote: string | null;
  closedOn: string | null;
  reopenCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AssessmentElement {
  code: ElementCode;
  level: ElementLevel;
  notes?: string;
}

export interface AssessmentRow {
  id: string;
  versionNo: number;
  status: 'draft' | 'completed';
  elements: AssessmentElement[];
  strengths: string | null;
  needsSummary: string | null;
  childViews: string | null;
  parentViews: string | null;
  suggestedTier: number | null;
  firedRule: { id: string; description: string; elements: ElementCode[] } | null;
  completedAt: Date | null;
  completedBy: string | null;
  version: number;
  updatedAt: Date;
}

export interface AssessmentContent {
  elements: AssessmentElement[];
  strengths: string | null;
  needsSummary: string | null;
  childViews: string | null;
  parentViews: string | null;
}

export interface ConsentRow {
  id: string;
  givenBy: string;
  relationship: string;
  givenAt: Date;
  scope: string[];
  recordedBy: string;
  recordedAt: Date;
  withdrawnAt: Date | null;
  version: number;
}

export interface TierDecisionRow {
  id: string;
  tier: number;
  suggestedTier: number | null;
  reason: string | null;
  decidedBy: string;
  decidedAt: Date;
  status: 'pending' | 'confirmed' | 'rejected';
  reviewedBy: string | null;
  reviewedAt: Date | null;
  fromDate: string | null;
  toDate: string | null;
}

export interface CaseEventRow {
  id: number;
  caseId: string;
  at: Date;
  actorUserId: string | null;
  type: string;
  details: Record<string, unknown>;
}

export interface CaseFilter {
  status?: CaseStatus;
  localityId?: string;
  tier?: number;
  leadProfessionalId?: string;
  childId?: string;
  /** Only cases not closed. */
  open?: boolean;
}

const CASE_COLUMNS = `
  c.id, c.child_id AS "childId", c.locality_id AS "localityId", c.status, c.started_on AS "startedOn",
  c.created_by AS "createdBy", c.suggested_tier AS "suggestedTier", c.tier,
  c.lead_professional_id AS "leadProfessionalId", c.closure_reason AS "closureReason",
  c.closure_note AS "closureNote", c.closed_on AS "closedOn", c.reopen_count AS "reopenCount",
  c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const ASSESSMENT_COLUMNS = `
  id, version_no AS "versionNo", status, elements, strengths, needs_summary AS "needsSummary",
  child_views AS "childViews", parent_views AS "parentViews", suggested_tier AS "suggestedTier",
  fired_rule AS "firedRule", completed_at AS "completedAt", completed_by AS "completedBy", version,
  updated_at AS "updatedAt"`;

const TIER_COLUMNS = `
  id, tier, suggested_tier AS "suggestedTier", reason, decided_by AS "decidedBy", decided_at AS "decidedAt",
  status, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", from_date AS "fromDate", to_date AS "toDate"`;

/** Cases, their states, assessments, consent, tier decisions and history. */
/** What a change to a case may set (CaseChanges.update), and each field's column. */
export type CaseChangesRow = Partial<
  Pick<
    CaseRow,
    | 'status'
    | 'suggestedTier'
    | 'tier'
    | 'leadProfessionalId'
    | 'closureReason'
    | 'closureNote'
    | 'closedOn'
    | 'reopenCount'
  >
>;

const CASE_CHANGE_COLUMNS = {
  status: 'status',
  suggestedTier: 'suggested_tier',
  tier: 'tier',
  leadProfessionalId: 'lead_professional_id',
  closureReason: 'closure_reason',
  closureNote: 'closure_note',
  closedOn: 'closed_on',
  reopenCount: 'reopen_count',
} as const;

@Injectable()
export class CasesRepository {
  async insert(
    sql: Sql,
    input: { childId: string; localityId: string; startedOn: string; createdBy: string },
  ): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO cases (child_id, locality_id, status, started_on, created_by)
       VALUES ($1, $2, 'assessment', $3, $4) RETURNING id`,
      [input.childId, input.localityId, input.startedOn, input.createdBy],
    );
    return row!.id;
  }

  /** The child a case belongs to, whoever asks (for rules settled after access). */
  async childOf(sql: Sql, caseId: string): Promise<string | undefined> {
    return (
      await sql.one<{ childId: string }>('SELECT child_id AS "childId" FROM cases WHERE id = $1', [
        caseId,
      ])
    )?.childId;
  }

  async openCaseId(sql: Sql, childId: string): Promise<string | undefined> {
    return (
      await sql.one<{ id: string }>(
        `SELECT id FROM cases WHERE child_id = $1 AND status <> 'closed'`,
        [childId],
      )
    )?.id;
  }

  async hasOpenCase(sql: Sql, childId: string): Promise<boolean> {
    return (
      (await sql.one(`SELECT 1 FROM cases WHERE child_id = $1 AND status <> 'closed'`, [
        childId,
      ])) !== undefined
    );
  }

  /** The case if the actor may see it, locked for the change that follows. */
  async findVisible(
    sql: Sql,
    actor: Actor,
    id: string,
    forUpdate = false,
  ): Promise<CaseRow | undefined> {
    const p = new SqlParams();
    return sql.one<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = ${p.add(id)} AND ${caseVisibleTo(actor, 'c', p)}
       ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      p.values,
    );
  }

  async list(
    sql: Sql,
    actor: Actor,
    filter: CaseFilter,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<CaseRow[]> {
    const p = new SqlParams();
    const where = [caseVisibleTo(actor, 'c', p)];
    if (filter.status) where.push(`c.status = ${p.add(filter.status)}`);
    if (filter.localityId) where.push(`c.locality_id = ${p.add(filter.localityId)}`);
    if (filter.tier) where.push(`c.tier = ${p.add(filter.tier)}`);
    if (filter.leadProfessionalId)
      where.push(`c.lead_professional_id = ${p.add(filter.leadProfessionalId)}`);
    if (filter.childId) where.push(`c.child_id = ${p.add(filter.childId)}`);
    if (filter.open) where.push(`c.status <> 'closed'`);
    if (after)
      where.push(
        `(c.created_at, c.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`,
      );
    return sql.rows<CaseRow>(
      `SELECT ${CASE_COLUMNS} FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }

  /** A locality manager's queue: cases whose tier decision awaits confirmation, oldest first. */
  async awaitingTierConfirmation(
    sql: Sql,
    actor: Actor,
    limit: number,
  ): Promise<(CaseRow & { proposedTier: number; decidedAt: Date })[]> {
    const p = new SqlParams();
    return sql.rows(
      `SELECT ${CASE_COLUMNS}, td.tier AS "proposedTier", td.decided_at AS "decidedAt"
       FROM cases c JOIN tier_decisions td ON td.case_id = c.id AND td.status = 'pending'
       WHERE ${caseVisibleTo(actor, 'c', p)}
       ORDER BY td.decided_at, c.id LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** Open tier 3 cases with no lead professional (a TAC needs one), oldest first. */
  async tierThreeWithoutLead(
    sql: Sql,
    actor: Actor,
    limit: number,
  ): Promise<(CaseRow & { tierSince: string })[]> {
    const p = new SqlParams();
    return sql.rows(
      `SELECT ${CASE_COLUMNS},
         to_char(COALESCE((SELECT max(td.from_date) FROM tier_decisions td
                            WHERE td.case_id = c.id AND td.status = 'confirmed' AND td.tier = 3),
                          c.updated_at::date), 'YYYY-MM-DD') AS "tierSince"
       FROM cases c
       WHERE ${caseVisibleTo(actor, 'c', p)} AND c.status <> 'closed' AND c.tier = 3
         AND c.lead_professional_id IS NULL
       ORDER BY c.created_at, c.id LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** The cases the actor sees, counted by state and tier (a locality manager's overview). */
  async countByStatusAndTier(
    sql: Sql,
    actor: Actor,
  ): Promise<{ status: CaseStatus; tier: number | null; count: number }[]> {
    const p = new SqlParams();
    return sql.rows(
      `SELECT c.status, c.tier, count(*)::int AS count FROM cases c
       WHERE ${caseVisibleTo(actor, 'c', p)}
       GROUP BY c.status, c.tier ORDER BY c.status, c.tier`,
      p.values,
    );
  }

  /** The cases the actor sees in one state and tier (null: none decided), newest first. */
  async byStatusAndTier(
    sql: Sql,
    actor: Actor,
    status: CaseStatus,
    tier: number | null,
    limit: number,
  ): Promise<CaseRow[]> {
    const p = new SqlParams();
    const tierIs = tier === null ? 'c.tier IS NULL' : `c.tier = ${p.add(tier)}`;
    return sql.rows(
      `SELECT ${CASE_COLUMNS} FROM cases c
       WHERE ${caseVisibleTo(actor, 'c', p)} AND c.status = ${p.add(status)} AND ${tierIs}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  /** Applies the changes and bumps the version; false if the case is not at `version` (when given). */
  async update(sql: Sql, id: string, changes: CaseChangesRow, version?: number): Promise<boolean> {
    const p = new SqlParams();
    const set = versionedSet(p, CASE_CHANGE_COLUMNS, changes);
    const where = [`id = ${p.add(id)}`];
    if (version !== undefined) where.push(`version = ${p.add(version)}`);
    return (
      (await sql.exec(
        `UPDATE cases SET ${set.join(', ')} WHERE ${where.join(' AND ')}`,
        p.values,
      )) === 1
    );
  }

  /** Ends the current state on `on` and starts the new one (states keep validity dates). */
  async recordStatus(
    sql: Sql,
    caseId: string,
    status: CaseStatus,
    on: string,
    by: string,
    reason: string | null,
  ): Promise<void> {
    await sql.exec(
      'UPDATE case_status_history SET to_date = $2 WHERE case_id = $1 AND to_date IS NULL',
      [caseId, on],
    );
    await sql.exec(
      `INSERT INTO case_status_history (case_id, status, from_date, changed_by, reason) VALUES ($1, $2, $3, $4, $5)`,
      [caseId, status, on, by, reason],
    );
  }

  async event(
    sql: Sql,
    c: { id: string; childId: string },
    actorId: string,
    type: string,
    details: object = {},
  ): Promise<void> {
    await sql.exec(
      `INSERT INTO case_events (case_id, child_id, actor_user_id, type, details) VALUES ($1, $2, $3, $4, $5)`,
      [c.id, c.childId, actorId, type, JSON.stringify(details)],
    );
  }

  /**
   * The events of the child's cases the actor may see (docs/domain.md#access): seeing a child through one
   * case shows nothing of the child's other cases, so their history stays out too.
   */
  async eventsForChild(
    sql: Sql,
    actor: Actor,
    childId: string,
    beforeId: number | undefined,
    limit: number,
  ): Promise<CaseEventRow[]> {
    const p = new SqlParams();
    const before = p.add(beforeId ?? null);
    return sql.rows<CaseEventRow>(
      `SELECT e.id, e.case_id AS "caseId", e.at, e.actor_user_id AS "actorUserId", e.type, e.details
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.child_id = ${p.add(childId)} AND (${before}::bigint IS NULL OR e.id < ${before})
         AND ${caseVisibleTo(actor, 'c', p)}
       ORDER BY e.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }

  /** The latest events of one case, newest first (its page's History). */
  async eventsForCase(sql: Sql, caseId: string, limit: number): Promise<CaseEventRow[]> {
    return sql.rows<CaseEventRow>(
      `SELECT e.id, e.case_id AS "caseId", e.at, e.actor_user_id AS "actorUserId", e.type, e.details
       FROM case_events e WHERE e.case_id = $1 ORDER BY e.id DESC LIMIT $2`,
      [caseId, limit],
    );
  }

  /** The latest event of one of `types` on the case: who changed a record last, and when. */
  async latestEventOf(
    sql: Sql,
    caseId: string,
    types: readonly string[],
  ): Promise<CaseEventRow | undefined> {
    return sql.one<CaseEventRow>(
      `SELECT e.id, e.case_id AS "caseId", e.at, e.actor_user_id AS "actorUserId", e.type, e.details
       FROM case_events e WHERE e.case_id = $1 AND e.type = ANY($2::text[])
       ORDER BY e.id DESC LIMIT 1`,
      [caseId, [...types]],
    );
  }

  // --- assessment versions -------------------------------------------------------------

  async currentAssessment(
    sql: Sql,
    caseId: string,
    forUpdate = false,
  ): Promise<AssessmentRow | undefined> {
    return sql.one<AssessmentRow>(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE case_id = $1 ORDER BY version_no DESC LIMIT 1
       ${forUpdate ? 'FOR UPDATE' : ''}`,
      [caseId],
    );
  }

  async assessmentVersions(sql: Sql, caseId: string): Promise<AssessmentRow[]> {
    return sql.rows<AssessmentRow>(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessments WHERE case_id = $1 ORDER BY version_no`,
      [caseId],
    );
  }

  async insertAssessment(
    sql: Sql,
    caseId: string,
    versionNo: number,
    version: number,
    content: AssessmentContent,
  ): Promise<void> {
    await sql.exec(
      `INSERT INTO assessments (case_id, version_no, status, elements, strengths, needs_summary, child_views, parent_views, version)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8)`,
      [
        caseId,
        versionNo,
        JSON.stringify(content.elements),
        content.strengths,
        content.needsSummary,
        content.childViews,
        content.parentViews,
        version,
      ],
    );
  }

  async saveDraft(
    sql: Sql,
    id: string,
    version: number,
    content: AssessmentContent,
  ): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE assessments SET elements = $3, strengths = $4, needs_summary = $5, child_views = $6, parent_views = $7,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 AND status = 'draft'`,
      [
        id,
        version,
        JSON.stringify(content.elements),
        content.strengths,
        content.needsSummary,
        content.childViews,
        content.parentViews,
      ],
    );
    return updated === 1;
  }

  async completeAssessment(
    sql: Sql,
    id: string,
    by: string,
    on: string,
    suggestion: {
      suggestedTier: number;
      firedRule: { id: string; description: string; elements: ElementCode[] };
    },
  ): Promise<void> {
    await sql.exec(
      `UPDATE assessments SET status = 'completed', completed_at = now(), completed_on = $3, completed_by = $2,
         suggested_tier = $4, fired_rule = $5, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, by, on, suggestion.suggestedTier, JSON.stringify(suggestion.firedRule)],
    );
  }

  // --- consent ---------------------------------------------------------------------------

  async insertConsent(
    sql: Sql,
    caseId: string,
    consent: { givenBy: string; relationship: string; givenAt: string; scope: string[] },
    by: string,
  ): Promise<ConsentRow> {
    const row = await sql.one<ConsentRow>(
      `INSERT INTO consents (case_id, given_by, relationship, given_at, scope, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, given_by AS "givenBy", relationship, given_at AS "givenAt", scope, recorded_by AS "recordedBy",
                 recorded_at AS "recordedAt", withdrawn_at AS "withdrawnAt", version`,
      [caseId, consent.givenBy, consent.relationship, consent.givenAt, consent.scope, by],
    );
    return row!;
  }

  async activeConsent(sql: Sql, caseId: string): Promise<ConsentRow | undefined> {
    return sql.one<ConsentRow>(
      `SELECT id, given_by AS "givenBy", relationship, given_at AS "givenAt", scope, recorded_by AS "recordedBy",
              recorded_at AS "recordedAt", withdrawn_at AS "withdrawnAt", version
       FROM consents WHERE case_id = $1 AND withdrawn_at IS NULL ORDER BY recorded_at DESC LIMIT 1`,
      [caseId],
    );
  }

  async withdrawConsents(
    sql: Sql,
    caseId: string,
    by: string,
    note: string | null,
  ): Promise<number> {
    return sql.exec(
      `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2, withdrawal_note = $3, version = version + 1
       WHERE case_id = $1 AND withdrawn_at IS NULL`,
      [caseId, by, note],
    );
  }

  // --- tier decisions (history with validity dates) --------------------------------------

  async insertTierDecision(
    sql: Sql,
    caseId: string,
    decision: {
      tier: number;
      suggestedTier: number | null;
      reason: string | null;
      decidedBy: string;
      status: 'pending' | 'confirmed';
    },
  ): Promise<TierDecisionRow> {
    const row = await sql.one<TierDecisionRow>(
      `INSERT INTO tier_decisions (case_id, tier, suggested_tier, reason, decided_by, status)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${TIER_COLUMNS}`,
      [
        caseId,
        decision.tier,
        decision.suggestedTier,
        decision.reason,
        decision.decidedBy,
        decision.status,
      ],
    );
    return row!;
  }

  async pendingTierDecision(sql: Sql, caseId: string): Promise<TierDecisionRow | undefined> {
    return sql.one<TierDecisionRow>(
      `SELECT ${TIER_COLUMNS} FROM tier_decisions WHERE case_id = $1 AND status = 'pending'`,
      [caseId],
    );
  }

  async tierHistory(sql: Sql, caseId: string): Promise<TierDecisionRow[]> {
    return sql.rows<TierDecisionRow>(
      `SELECT ${TIER_COLUMNS} FROM tier_decisions WHERE case_id = $1 ORDER BY decided_at, id`,
      [caseId],
    );
  }

  /** Makes a decision the case's tier from `on`, ending the previous tier's validity that day. */
  async applyTier(
    sql: Sql,
    caseId: string,
    decisionId: string,
    on: string,
    reviewedBy: string | null,
  ): Promise<void> {
    await sql.exec(
      `UPDATE tier_decisions SET to_date = $2 WHERE case_id = $1 AND status = 'confirmed' AND to_date IS NULL AND id <> $3`,
      [caseId, on, decisionId],
    );
    await sql.exec(
      `UPDATE tier_decisions SET status = 'confirmed', from_date = $2, reviewed_by = COALESCE($3, reviewed_by),
         reviewed_at = CASE WHEN $3::uuid IS NULL THEN reviewed_at ELSE now() END
       WHERE id = $1`,
      [decisionId, on, reviewedBy],
    );
  }

  async rejectTier(sql: Sql, decisionId: string, reviewedBy: string): Promise<void> {
    await sql.exec(
      `UPDATE tier_decisions SET status = 'rejected', reviewed_by = $2, reviewed_at = now() WHERE id = $1`,
      [decisionId, reviewedBy],
    );
  }

  /** The tier a case had on a day (docs/domain.md#thresholds: indicators count a case at that day's tier). */
  async tierOn(sql: Sql, caseId: string, on: string): Promise<number | null> {
    const row = await sql.one<{ tier: number }>(
      `SELECT tier FROM tier_decisions
       WHERE case_id = $1 AND status = 'confirmed' AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)
       ORDER BY from_date DESC LIMIT 1`,
      [caseId, on],
    );
    return row?.tier ?? null;
  }
}
