import { Injectable } from '@nestjs/common';
import { caseVisibleTo, childVisibleTo, referralVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import type { ChronologyKind, Facts } from './domain/chronology';

export interface ChronologyRow {
  at: string;
  /** The instant that orders entries of one day, in microseconds since 1970. */
  seq: number;
  /** Unique per entry: the last tie-breaker of the order. */
  key: string;
  kind: ChronologyKind;
  significant: boolean;
  caseId: string | null;
  referralId: string | null;
  actorId: string | null;
  actorName: string | null;
  facts: Facts;
}

export interface ChronologyQuery {
  order: 'asc' | 'desc';
  significantOnly: boolean;
  significantKinds: readonly string[];
  after: { at: string; seq: number; key: string } | undefined;
  limit: number;
}

const LONDON = (column: string): string => `(${column} AT TIME ZONE 'Europe/London')::date`;

/**
 * Every entry of the child's time line, from the history each feature keeps (no second copy):
 * case states, the pre-assessment checklist, CAF versions, tier decisions, consent, TAC
 * memberships, lead professionals, the case events of meetings, leavers and action items,
 * notes, panel hearings, referrals, their decisions and assessments. Case entries come only
 * from cases the actor may see, referral entries only from referrals they may see (the rules
 * of the case and referral routes).
 */
const ENTRIES = `
  SELECT c.started_on AS at, c.created_at AS seq, 'a' || c.id AS key, 'case_started' AS kind,
         NULL::boolean AS note_significant, c.id AS case_id, NULL::uuid AS referral_id,
         c.created_by AS actor_id, '{}'::jsonb AS facts
  FROM vc c
  UNION ALL
  SELECT h.from_date, h.changed_at, 'b' || h.id, CASE WHEN h.status = 'closed' THEN 'case_closed' ELSE 'case_reopened' END,
         NULL, h.case_id, NULL, h.changed_by, jsonb_build_object('reason', h.reason)
  FROM (SELECT h.*, lag(h.status) OVER (PARTITION BY h.case_id ORDER BY h.id) AS previous
        FROM case_status_history h WHERE h.case_id IN (SELECT id FROM vc)) h
  WHERE h.status = 'closed' OR h.previous = 'closed'
  UNION ALL
  SELECT ${LONDON('p.recorded_at')}, p.recorded_at, 'c' || p.id, 'pre_assessment_recorded', NULL, p.case_id, NULL,
         p.recorded_by, jsonb_build_object('concernDomains', p.concern_domains, 'cafNeeded', p.caf_needed)
  FROM case_pre_assessments p WHERE p.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT a.completed_on, a.completed_at, 'd' || a.id, 'caf_completed', NULL, a.case_id, NULL, a.completed_by,
         jsonb_build_object('suggestedTier', a.suggested_tier, 'versionNo', a.version_no)
  FROM assessments a WHERE a.case_id IN (SELECT id FROM vc) AND a.status = 'completed'
  UNION ALL
  SELECT ${LONDON('t.decided_at')}, t.decided_at, 'e' || t.id, 'tier_decided', NULL, t.case_id, NULL, t.decided_by,
         jsonb_build_object('tier', t.tier, 'suggestedTier', t.suggested_tier, 'status', t.status)
  FROM tier_decisions t WHERE t.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT ${LONDON('t.reviewed_at')}, t.reviewed_at, 'f' || t.id, 'tier_confirmed', NULL, t.case_id, NULL, t.reviewed_by,
         jsonb_build_object('tier', t.tier)
  FROM tier_decisions t
  WHERE t.case_id IN (SELECT id FROM vc) AND t.status = 'confirmed' AND t.reviewed_by IS NOT NULL
  UNION ALL
  SELECT ${LONDON('k.given_at')}, k.given_at, 'g' || k.id, 'consent_given', NULL, k.case_id, NULL, k.recorded_by,
         jsonb_build_object('relationship', k.relationship, 'scope', k.scope)
  FROM consents k WHERE k.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT ${LONDON('k.withdrawn_at')}, k.withdrawn_at, 'h' || k.id, 'consent_withdrawn', NULL, k.case_id, NULL,
         k.withdrawn_by, '{}'::jsonb
  FROM consents k WHERE k.case_id IN (SELECT id FROM vc) AND k.withdrawn_at IS NOT NULL
  UNION ALL
  SELECT m.from_date, m.added_at, 'i' || m.id, 'tac_member_joined', NULL, m.case_id, NULL, m.added_by,
         jsonb_build_object('name', COALESCE(mu.display_name, m.external_name),
                            'agency', COALESCE(ag.name, m.external_agency), 'role', m.role)
  FROM tac_members m LEFT JOIN users mu ON mu.id = m.user_id LEFT JOIN agencies ag ON ag.id = mu.agency_id
  WHERE m.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT m.to_date, e.at, 'j' || e.id, 'tac_member_left', NULL, e.case_id, NULL, e.actor_user_id,
         jsonb_build_object('name', COALESCE(mu.display_name, m.external_name))
  FROM case_events e
  JOIN tac_members m ON m.id = (e.details->>'memberId')::uuid AND m.case_id = e.case_id
  LEFT JOIN users mu ON mu.id = m.user_id
  WHERE e.case_id IN (SELECT id FROM vc) AND e.type = 'tac.member_left' AND m.to_date IS NOT NULL
  UNION ALL
  SELECT lp.from_date, lp.assigned_at, 'k' || lp.id, 'lead_professional_appointed', NULL, lp.case_id, NULL,
         lp.assigned_by, jsonb_build_object('name', lu.display_name)
  FROM lead_professionals lp JOIN users lu ON lu.id = lp.user_id
  WHERE lp.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT mt.held_on, mt.held_at, 'l' || e.id, 'meeting_held', NULL, e.case_id, NULL, e.actor_user_id,
         jsonb_build_object('familyAttended', mt.family_attended)
  FROM case_events e JOIN tac_meetings mt ON mt.id = (e.details->>'meetingId')::uuid AND mt.case_id = e.case_id
  WHERE e.case_id IN (SELECT id FROM vc) AND e.type = 'tac.meeting_recorded' AND mt.status = 'held'
  UNION ALL
  SELECT ${LONDON('e.at')}, e.at, 'm' || e.id, 'meeting_cancelled', NULL, e.case_id, NULL, e.actor_user_id,
         jsonb_build_object('scheduledOn', ${LONDON('mt.scheduled_at')})
  FROM case_events e JOIN tac_meetings mt ON mt.id = (e.details->>'meetingId')::uuid AND mt.case_id = e.case_id
  WHERE e.case_id IN (SELECT id FROM vc) AND e.type = 'tac.meeting_cancelled'
  UNION ALL
  SELECT ${LONDON('e.at')}, e.at, 'n' || e.id, 'action_item_status_changed', NULL, e.case_id, NULL, e.actor_user_id,
         jsonb_build_object('need', i.need, 'status', e.details->>'status')
  FROM case_events e JOIN action_items i ON i.id = (e.details->>'itemId')::uuid AND i.case_id = e.case_id
  WHERE e.case_id IN (SELECT id FROM vc) AND e.type = 'action_item.updated' AND e.details->'fields' ? 'status'
  UNION ALL
  SELECT ${LONDON('n.occurred_at')}, n.occurred_at, 'o' || n.id, n.kind, n.significant, n.case_id, NULL, n.author_id,
         jsonb_build_object('text', left(n.text, 400))
  FROM case_notes n WHERE n.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT ph.heard_on, ph.recorded_at, 'p' || ph.id, 'panel_heard', NULL, ph.case_id, NULL, ph.recorded_by,
         jsonb_build_object('panel', ph.panel, 'outcome', ph.outcome)
  FROM panel_hearings ph WHERE ph.case_id IN (SELECT id FROM vc)
  UNION ALL
  SELECT r.referred_at, r.created_at, 'q' || r.id, 'referral_made', NULL, r.visible_case_id, r.id, r.referrer_user_id,
         jsonb_build_object('isReReferral', r.is_re_referral, 'safeguarding', r.safeguarding)
  FROM vr r
  UNION ALL
  SELECT d.decided_at, d.recorded_at, 'r' || d.id, 'referral_decided', NULL, r.visible_case_id, r.id, d.decided_by,
         jsonb_build_object('outcome', d.outcome, 'corrected', d.correction_of IS NOT NULL)
  FROM referral_decisions d JOIN vr r ON r.id = d.referral_id
  UNION ALL
  SELECT ${LONDON('ia.created_at')}, ia.created_at, 's' || ia.id, 'initial_assessment_started', NULL, r.visible_case_id,
         r.id, ia.created_by, jsonb_build_object('dueDate', ia.due_date)
  FROM initial_assessments ia JOIN vr r ON r.id = ia.referral_id
  UNION ALL
  SELECT ia.completed_at, ia.updated_at, 't' || ia.id, 'initial_assessment_completed', NULL, r.visible_case_id, r.id,
         ia.assigned_to, jsonb_build_object('outcome', ia.outcome, 'inTime', ia.in_time)
  FROM initial_assessments ia JOIN vr r ON r.id = ia.referral_id WHERE ia.completed_at IS NOT NULL
  UNION ALL
  SELECT ca.commenced_at, ca.created_at, 'u' || ca.id, 'core_assessment_started', NULL, r.visible_case_id, r.id,
         ca.created_by, jsonb_build_object('dueDate', ca.due_date)
  FROM core_assessments ca JOIN initial_assessments ia ON ia.id = ca.initial_assessment_id
  JOIN vr r ON r.id = ia.referral_id
  UNION ALL
  SELECT ca.completed_at, ca.updated_at, 'v' || ca.id, 'core_assessment_completed', NULL, r.visible_case_id, r.id,
         ca.assigned_to, jsonb_build_object('inTime', ca.in_time)
  FROM core_assessments ca JOIN initial_assessments ia ON ia.id = ca.initial_assessment_id
  JOIN vr r ON r.id = ia.referral_id WHERE ca.completed_at IS NOT NULL`;

/** The child's chronology: one keyset-paginated query over the history tables. */
@Injectable()
export class ChronologyRepository {
  async childVisible(sql: Sql, actor: Actor, childId: string): Promise<boolean> {
    const p = new SqlParams();
    const row = await sql.one(
      `SELECT 1 FROM children ch WHERE ch.id = ${p.add(childId)} AND ${childVisibleTo(actor, 'ch', p)}`,
      p.values,
    );
    return row !== undefined;
  }

  async entries(
    sql: Sql,
    actor: Actor,
    childId: string,
    query: ChronologyQuery,
  ): Promise<ChronologyRow[]> {
    const p = new SqlParams();
    const child = p.add(childId);
    const visibleCases = caseVisibleTo(actor, 'c', p);
    const visibleReferrals = referralVisibleTo(actor, 'r', p);
    const kinds = p.add(query.significantKinds);
    const where: string[] = [];
    if (query.significantOnly) where.push('e.significant');
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    if (query.after) {
      const after = `(${p.add(query.after.at)}::date, ${p.add(query.after.seq)}::bigint, ${p.add(query.after.key)}::text COLLATE "C")`;
      where.push(`(e.at, e.seq, e.key COLLATE "C") ${query.order === 'asc' ? '>' : '<'} ${after}`);
    }
    return sql.rows<ChronologyRow>(
      `WITH vc AS MATERIALIZED (
         SELECT c.id, c.started_on, c.created_by, c.created_at FROM cases c
         WHERE c.child_id = ${child} AND ${visibleCases}
       ),
       vr AS MATERIALIZED (
         SELECT r.id, r.referred_at, r.created_at, r.referrer_user_id, r.is_re_referral, r.safeguarding,
                CASE WHEN r.case_id IN (SELECT id FROM vc) THEN r.case_id END AS visible_case_id
         FROM referrals r WHERE r.child_id = ${child} AND ${visibleReferrals}
       ),
       e AS (
         SELECT x.at, (extract(epoch FROM x.seq) * 1000000)::bigint AS seq, x.key, x.kind,
                COALESCE(x.note_significant, x.kind = ANY (${kinds}::text[])) AS significant,
                x.case_id, x.referral_id, x.actor_id, x.facts
         FROM (${ENTRIES}) x
       )
       SELECT e.at::text AS at, e.seq, e.key, e.kind, e.significant, e.case_id AS "caseId",
              e.referral_id AS "referralId", e.actor_id AS "actorId", u.display_name AS "actorName", e.facts
       FROM e LEFT JOIN users u ON u.id = e.actor_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY e.at ${direction}, e.seq ${direction}, e.key COLLATE "C" ${direction}
       LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
  }
}
