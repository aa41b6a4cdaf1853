import { Injectable } from '@nestjs/common';
import { childVisibleTo, referralVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import type { FrameworkTimescales } from './domain/assessment-framework';
import type { DecisionOutcome, ReferralSource } from './dto/referral.dto';

export interface ReferralRow {
  id: string;
  childId: string;
  caseId: string | null;
  localityId: string;
  referredAt: string;
  source: ReferralSource;
  reason: string;
  referrerUserId: string;
  isReReferral: boolean;
  previousReferralId: string | null;
  status: 'awaiting_decision' | 'decided';
  outcome: DecisionOutcome | null;
  decidedAt: string | null;
  decidedBy: string | null;
  stepDownCaseId: string | null;
  safeguarding: boolean;
  safeguardingReason: string | null;
  /** The assessment framework in force on referredAt, and the copy of its timescales kept. */
  framework: string;
  frameworkTimescales: FrameworkTimescales;
  /** The census's referral source (DfE code); null on referrals older than the census fields. */
  cinSource: string | null;
  primaryNeed: string | null;
  reasonForClosure: string | null;
  version: number;
  createdAt: Date;
}

export interface ReferralFilter {
  status?: 'awaiting_decision' | 'decided';
  localityId?: string;
  from?: string;
  to?: string;
  isReReferral?: boolean;
  childId?: string;
}

const COLUMNS = `
  r.id, r.child_id AS "childId", r.case_id AS "caseId", r.locality_id AS "localityId", r.referred_at AS "referredAt",
  r.source, r.reason, r.referrer_user_id AS "referrerUserId", r.is_re_referral AS "isReReferral",
  r.previous_referral_id AS "previousReferralId",
  CASE WHEN r.outcome IS NULL THEN 'awaiting_decision' ELSE 'decided' END AS status,
  r.outcome, r.decided_at AS "decidedAt", r.decided_by AS "decidedBy", r.step_down_case_id AS "stepDownCaseId",
  r.safeguarding, r.safeguarding_reason AS "safeguardingReason",
  r.framework, r.framework_timescales AS "frameworkTimescales", r.cin_source AS "cinSource",
  r.primary_need AS "primaryNeed", r.closure_reason AS "reasonForClosure",
  r.version, r.created_at AS "createdAt"`;

/**
 * The day a referral's episode in children's social care ended, kept on the referral
 * (`episode_ended_on`, null while open) so that "open in social care on day D" is one indexed
 * range: its decision, unless that is an initial assessment; then the initial assessment's
 * completion, unless it leads to a core assessment; then the core assessment's completion.
 * Called in the same transaction after each change to those (decision, assessment completion).
 */
export async function refreshEpisodeEnd(sql: Sql, referralId: string): Promise<void> {
  await sql.exec(
    `UPDATE referrals r SET episode_ended_on = CASE
       WHEN r.decided_at IS NULL THEN NULL
       WHEN r.outcome <> 'initial_assessment' THEN r.decided_at
       ELSE COALESCE(
             (SELECT CASE WHEN ia.completed_at IS NULL THEN NULL
                          WHEN ia.outcome <> 'core_assessment' THEN ia.completed_at
                          ELSE ca.completed_at END
              FROM initial_assessments ia
              LEFT JOIN core_assessments ca ON ca.initial_assessment_id = ia.id
              WHERE ia.referral_id = r.id),
             (SELECT sa.completed_at FROM single_assessments sa WHERE sa.referral_id = r.id))
     END
     WHERE r.id = $1`,
    [referralId],
  );
}

@Injectable()
export class ReferralsRepository {
  async hasReferralForChild(sql: Sql, childId: string): Promise<boolean> {
    return (
      (await sql.one('SELECT 1 FROM referrals WHERE child_id = $1 LIMIT 1', [childId])) !==
      undefined
    );
  }

  async hasAcceptedReferralFromCase(sql: Sql, caseId: string): Promise<boolean> {
    const row = await sql.one(
      `SELECT 1 FROM referrals WHERE case_id = $1 AND outcome = 'initial_assessment' LIMIT 1`,
      [caseId],
    );
    return row !== undefined;
  }

  /**
   * Locks the child's row so that referrals for one child are recorded one at a time: the
   * later of two simultaneous referrals sees the earlier for its re-referral check.
   */
  async lockChild(sql: Sql, childId: string): Promise<{ localityId: string } | undefined> {
    return sql.one<{ localityId: string }>(
      `SELECT ch.locality_id AS "localityId" FROM children ch WHERE ch.id = $1 FOR UPDATE OF ch`,
      [childId],
    );
  }

  /**
   * The child's row locked for `referrer`'s referral, when they may refer the child (social
   * care any child, others a child they may see), with what the referral keeps of the child
   * and its referrer: the child's locality and the type of the referrer's agency (for the
   * CIN source). One statement: a referral's transaction is the service's busiest write.
   */
  async lockChildToRefer(
    sql: Sql,
    childId: string,
    referrer: Actor,
  ): Promise<{ localityId: string; referrerAgencyType: string | null } | undefined> {
    const p = new SqlParams();
    const visible =
      referrer.role !== 'social_care' ? ` AND ${childVisibleTo(referrer, 'ch', p)}` : '';
    return sql.one<{ localityId: string; referrerAgencyType: string | null }>(
      `SELECT ch.locality_id AS "localityId",
              (SELECT a.type FROM users u JOIN agencies a ON a.id = u.agency_id
               WHERE u.id = ${p.add(referrer.id)}) AS "referrerAgencyType"
       FROM children ch
       WHERE ch.id = ${p.add(childId)}${visible} FOR UPDATE OF ch`,
      p.values,
    );
  }

  /** The child's referrals dated within [from, to] (index referrals_child_idx). */
  async childReferralsBetween(
    sql: Sql,
    childId: string,
    from: string,
    to: string,
    exceptId: string | null,
  ): Promise<{ id: string; referredAt: string }[]> {
    return sql.rows<{ id: string; referredAt: string }>(
      `SELECT id, referred_at AS "referredAt" FROM referrals
       WHERE child_id = $1 AND referred_at BETWEEN $2 AND $3 AND id IS DISTINCT FROM $4
       ORDER BY referred_at, created_at`,
      [childId, from, to, exceptId],
    );
  }

  async insert(
    sql: Sql,
    r: {
      childId: string;
      caseId: string | null;
      localityId: string;
      referredAt: string;
      source: ReferralSource;
      reason: string;
      referrerUserId: string;
      isReReferral: boolean;
      previousReferralId: string | null;
      safeguardingReason: string | null;
      framework: string;
      frameworkTimescales: FrameworkTimescales;
      cinSource: string;
    },
  ): Promise<ReferralRow> {
    // created_at orders a child's referrals of one date (childReferralsBetween). The insert
    // runs under the child's lock (lockChild), so the time of the insert itself, not now() (the
    // start of a transaction that may have waited for the lock), keeps that order the order in
    // which they were recorded and saw each other.
    const row = await sql.one<ReferralRow>(
      `INSERT INTO referrals AS r (child_id, case_id, locality_id, referred_at, source, reason, referrer_user_id,
         is_re_referral, previous_referral_id, safeguarding, safeguarding_reason, framework, framework_timescales,
         cin_source, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text IS NOT NULL, $10, $11, $12, $13, clock_timestamp())
       RETURNING ${COLUMNS}`,
      [
        r.childId,
        r.caseId,
        r.localityId,
        r.referredAt,
        r.source,
        r.reason,
        r.referrerUserId,
        r.isReReferral,
        r.previousReferralId,
        r.safeguardingReason,
        r.framework,
        JSON.stringify(r.frameworkTimescales),
        r.cinSource,
      ],
    );
    return row!;
  }

  async findVisible(
    sql: Sql,
    actor: Actor,
    id: string,
    forUpdate = false,
  ): Promise<ReferralRow | undefined> {
    const p = new SqlParams();
    return sql.one<ReferralRow>(
      `SELECT ${COLUMNS} FROM referrals r WHERE r.id = ${p.add(id)} AND ${referralVisibleTo(actor, 'r', p)}
       ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
      p.values,
    );
  }

  async list(
    sql: Sql,
    actor: Actor,
    filter: ReferralFilter,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<ReferralRow[]> {
    const p = new SqlParams();
    const where = [referralVisibleTo(actor, 'r', p)];
    if (filter.status === 'awaiting_decision') where.push('r.outcome IS NULL');
    if (filter.status === 'decided') where.push('r.outcome IS NOT NULL');
    if (filter.localityId) where.push(`r.locality_id = ${p.add(filter.localityId)}`);
    if (filter.from) where.push(`r.referred_at >= ${p.add(filter.from)}`);
    if (filter.to) where.push(`r.referred_at <= ${p.add(filter.to)}`);
    if (filter.isReReferral !== undefined)
      where.push(`r.is_re_referral = ${p.add(filter.isReReferral)}`);
    if (filter.childId) where.push(`r.child_id = ${p.add(filter.childId)}`);
    if (after)
      where.push(`(r.referred_at, r.id) < (${p.add(after[0])}::date, ${p.add(after[1])}::uuid)`);
    return sql.rows<ReferralRow>(
      `SELECT ${COLUMNS} FROM referrals r WHERE ${where.join(' AND ')}
       ORDER BY r.referred_at DESC, r.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }

  /** Referrals awaiting a decision, oldest first (index referrals_queue_idx). */
  async queue(
    sql: Sql,
    actor: Actor,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<ReferralRow[]> {
    const p = new SqlParams();
    const where = ['r.outcome IS NULL', referralVisibleTo(actor, 'r', p)];
    if (after)
      where.push(`(r.referred_at, r.id) > (${p.add(after[0])}::date, ${p.add(after[1])}::uuid)`);
    return sql.rows<ReferralRow>(
      `SELECT ${COLUMNS} FROM referrals r WHERE ${where.join(' AND ')}
       ORDER BY r.referred_at, r.id LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }

  async recordDecision(
    sql: Sql,
    referralId: string,
    decision: {
      outcome: DecisionOutcome;
      decidedAt: string;
      decidedBy: string;
      correctionOf: string | null;
      correctionReason: string | null;
    },
  ): Promise<void> {
    await sql.exec(
      `INSERT INTO referral_decisions (referral_id, outcome, decided_at, decided_by, correction_of, correction_reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        referralId,
        decision.outcome,
        decision.decidedAt,
        decision.decidedBy,
        decision.correctionOf,
        decision.correctionReason,
      ],
    );
    await sql.exec(
      `UPDATE referrals SET outcome = $2, decided_at = $3, decided_by = $4, version = version + 1, updated_at = now() WHERE id = $1`,
      [referralId, decision.outcome, decision.decidedAt, decision.decidedBy],
    );
    await refreshEpisodeEnd(sql, referralId);
  }

  async currentDecisionId(sql: Sql, referralId: string): Promise<string | undefined> {
    return (
      await sql.one<{ id: string }>(
        'SELECT id FROM referral_decisions WHERE referral_id = $1 ORDER BY recorded_at DESC, id DESC LIMIT 1',
        [referralId],
      )
    )?.id;
  }

  async decisionHistory(sql: Sql, referralId: string): Promise<object[]> {
    return sql.rows(
      `SELECT id, outcome, decided_at AS "decidedAt", decided_by AS "decidedBy", recorded_at AS "recordedAt",
              correction_of AS "correctionOf", correction_reason AS "correctionReason"
       FROM referral_decisions WHERE referral_id = $1 ORDER BY recorded_at, id`,
      [referralId],
    );
  }

  async setStepDownCase(sql: Sql, referralId: string, caseId: string): Promise<void> {
    await sql.exec('UPDATE referrals SET step_down_case_id = $2 WHERE id = $1', [
      referralId,
      caseId,
    ]);
  }

  async updateReferredAt(
    sql: Sql,
    id: string,
    version: number,
    referredAt: string,
    reReferral: { isReReferral: boolean; previousReferralId: string | null },
    framework: { name: string; timescales: FrameworkTimescales },
  ): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE referrals SET referred_at = $3, is_re_referral = $4, previous_referral_id = $5,
         framework = $6, framework_timescales = $7, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2`,
      [
        id,
        version,
        referredAt,
        reReferral.isReReferral,
        reReferral.previousReferralId,
        framework.name,
        JSON.stringify(framework.timescales),
      ],
    );
    return updated === 1;
  }

  /**
   * The census fields of the referral's episode, as an assessment's completion or a closure
   * records them: a field left undefined keeps its value. With `version` (the closure's own
   * correction), checked and moved on (a stale one changes nothing and answers false); without
   * it (an assessment's completion, in the same transaction), the version stays: nothing a
   * referral's other writes touch has changed.
   */
  async setCensusClosure(
    sql: Sql,
    id: string,
    fields: { primaryNeed?: string; reasonForClosure?: string | null },
    version: number | null = null,
  ): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE referrals SET
         primary_need = CASE WHEN $2::boolean THEN $3 ELSE primary_need END,
         closure_reason = CASE WHEN $4::boolean THEN $5 ELSE closure_reason END,
         version = version + CASE WHEN $6::int IS NULL THEN 0 ELSE 1 END, updated_at = now()
       WHERE id = $1 AND ($6::int IS NULL OR version = $6)`,
      [
        id,
        fields.primaryNeed !== undefined,
        fields.primaryNeed ?? null,
        fields.reasonForClosure !== undefined,
        fields.reasonForClosure ?? null,
        version,
      ],
    );
    return updated === 1;
  }

  /** The framework timescales a referral keeps. */
  async timescalesOf(sql: Sql, referralId: string): Promise<FrameworkTimescales | undefined> {
    const row = await sql.one<{ timescales: FrameworkTimescales }>(
      `SELECT framework_timescales AS timescales FROM referrals WHERE id = $1`,
      [referralId],
    );
    return row?.timescales;
  }

  /** Whether the referral's episode in social care has ended. */
  async episodeEnded(sql: Sql, referralId: string): Promise<boolean> {
    const row = await sql.one<{ ended: boolean }>(
      `SELECT episode_ended_on IS NOT NULL AS ended FROM referrals WHERE id = $1`,
      [referralId],
    );
    return row?.ended ?? false;
  }
}
