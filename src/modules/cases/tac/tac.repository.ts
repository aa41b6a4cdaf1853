import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '../../../common/access/visibility';
import type { Actor } from '../../../common/auth/actor';
import type { Sql } from '../../../database/database';
import { SqlParams, versionedSet } from '../../../database/sql-params';
import type { ActionItemStatus } from '../domain/case-lifecycle';

export interface MemberRow {
  id: string;
  userId: string | null;
  externalName: string | null;
  externalAgency: string | null;
  contact: string | null;
  role: string;
  fromDate: string;
  toDate: string | null;
  version: number;
}

export interface LeadProfessionalRow {
  id: string;
  userId: string;
  memberId: string;
  reason: string;
  fromDate: string;
  toDate: string | null;
  assignedBy: string;
  assignedAt: Date;
  version: number;
}

export interface MeetingRow {
  id: string;
  caseId: string;
  scheduledAt: Date;
  location: string;
  status: 'scheduled' | 'held' | 'cancelled';
  heldAt: Date | null;
  attendeeUserIds: string[];
  externalAttendees: string[];
  familyAttended: boolean | null;
  notes: string | null;
  decisions: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: Date;
}

export interface ActionItemRow {
  id: string;
  caseId: string;
  need: string;
  action: string;
  ownerUserId: string | null;
  ownerMemberId: string | null;
  dueDate: string;
  status: ActionItemStatus;
  reason: string | null;
  version: number;
  /** The service of the authority's directory the item names, if any. */
  serviceCode: string | null;
  /** The first day the item was in_progress. */
  startedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const MEMBER_COLUMNS = `id, user_id AS "userId", external_name AS "externalName", external_agency AS "externalAgency",
  contact, role, from_date AS "fromDate", to_date AS "toDate", version`;
const LP_COLUMNS = `id, user_id AS "userId", member_id AS "memberId", reason, from_date AS "fromDate", to_date AS "toDate",
  assigned_by AS "assignedBy", assigned_at AS "assignedAt", version`;
const MEETING_COLUMNS = `m.id, m.case_id AS "caseId", m.scheduled_at AS "scheduledAt", m.location, m.status, m.held_at AS "heldAt",
  m.attendee_user_ids AS "attendeeUserIds", m.external_attendees AS "externalAttendees",
  m.family_attended AS "familyAttended", m.notes, m.decisions, m.cancel_reason AS "cancelReason", m.version,
  m.created_at AS "createdAt"`;
const ITEM_COLUMNS = `i.id, i.case_id AS "caseId", i.need, i.action, i.owner_user_id AS "ownerUserId",
  i.owner_member_id AS "ownerMemberId", i.due_date AS "dueDate", i.status, i.reason, i.version,
  i.service_code AS "serviceCode", i.started_on AS "startedOn",
  i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

/** The Team Around the Child: members, lead professionals, meetings and the action plan. */
/** The column of each field a change to an action item may set. */
const ITEM_CHANGE_COLUMNS = {
  action: 'action',
  ownerUserId: 'owner_user_id',
  ownerMemberId: 'owner_member_id',
  dueDate: 'due_date',
  status: 'status',
  reason: 'reason',
} as const;

@Injectable()
export class TacRepository {
  async members(sql: Sql, caseId: string): Promise<MemberRow[]> {
    return sql.rows<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM tac_members WHERE case_id = $1 ORDER BY from_date, added_at, id`,
      [caseId],
    );
  }

  async activeMemberByUser(
    sql: Sql,
    caseId: string,
    userId: string,
  ): Promise<MemberRow | undefined> {
    return sql.one<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM tac_members WHERE case_id = $1 AND user_id = $2 AND to_date IS NULL`,
      [caseId, userId],
    );
  }

  async activeMember(sql: Sql, caseId: string, memberId: string): Promise<MemberRow | undefined> {
    return sql.one<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM tac_members WHERE case_id = $1 AND id = $2 AND to_date IS NULL`,
      [caseId, memberId],
    );
  }

  async insertMember(
    sql: Sql,
    caseId: string,
    member: {
      userId: string | null;
      externalName: string | null;
      externalAgency: string | null;
      contact: string | null;
      role: string;
    },
    on: string,
    by: string,
  ): Promise<MemberRow> {
    const row = await sql.one<MemberRow>(
      `INSERT INTO tac_members (case_id, user_id, external_name, external_agency, contact, role, from_date, added_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${MEMBER_COLUMNS}`,
      [
        caseId,
        member.userId,
        member.externalName,
        member.externalAgency,
        member.contact,
        member.role,
        on,
        by,
      ],
    );
    return row!;
  }

  async leadProfessionals(sql: Sql, caseId: string): Promise<LeadProfessionalRow[]> {
    return sql.rows<LeadProfessionalRow>(
      `SELECT ${LP_COLUMNS} FROM lead_professionals WHERE case_id = $1 ORDER BY assigned_at, id`,
      [caseId],
    );
  }

  /** Ends the current lead professional on `on` and appoints the next (history kept with dates). */
  async appointLeadProfessional(
    sql: Sql,
    caseId: string,
    lp: { userId: string; memberId: string; reason: string },
    on: string,
    by: string,
  ): Promise<void> {
    await this.endLeadProfessional(sql, caseId, on);
    await sql.exec(
      `INSERT INTO lead_professionals (case_id, user_id, member_id, reason, from_date, assigned_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [caseId, lp.userId, lp.memberId, lp.reason, on, by],
    );
  }

  async endLeadProfessional(sql: Sql, caseId: string, on: string): Promise<void> {
    await sql.exec(
      'UPDATE lead_professionals SET to_date = $2, version = version + 1 WHERE case_id = $1 AND to_date IS NULL',
      [caseId, on],
    );
  }

  /** Ends a membership on `on`; undefined when the member is not current or not at `version`. */
  async endMembership(
    sql: Sql,
    memberId: string,
    version: number,
    on: string,
    reason: string,
  ): Promise<MemberRow | undefined> {
    return sql.one<MemberRow>(
      `UPDATE tac_members SET to_date = $3, left_reason = $4, version = version + 1
       WHERE id = $1 AND version = $2 AND to_date IS NULL RETURNING ${MEMBER_COLUMNS}`,
      [memberId, version, on, reason],
    );
  }

  /** Whether the case had an active lead professional on a day (for tier 3 indicators). */
  async hadLeadProfessionalOn(sql: Sql, caseId: string, on: string): Promise<boolean> {
    const row = await sql.one(
      `SELECT 1 FROM lead_professionals WHERE case_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date > $2)`,
      [caseId, on],
    );
    return row !== undefined;
  }

  // --- meetings --------------------------------------------------------------------------

  async meetings(sql: Sql, caseId: string): Promise<MeetingRow[]> {
    return sql.rows<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM tac_meetings m WHERE m.case_id = $1 ORDER BY m.scheduled_at, m.id`,
      [caseId],
    );
  }

  async insertMeeting(
    sql: Sql,
    caseId: string,
    scheduledAt: string,
    location: string,
    by: string,
  ): Promise<MeetingRow> {
    const row = await sql.one<MeetingRow>(
      `INSERT INTO tac_meetings AS m (case_id, scheduled_at, location, status, created_by)
       VALUES ($1, $2, $3, 'scheduled', $4) RETURNING ${MEETING_COLUMNS}`,
      [caseId, scheduledAt, location, by],
    );
    return row!;
  }

  /** A meeting whose case the actor may see, locked for a change unless `lock` is false (a page's read). */
  async findVisibleMeeting(
    sql: Sql,
    actor: Actor,
    id: string,
    lock = true,
  ): Promise<MeetingRow | undefined> {
    const p = new SqlParams();
    return sql.one<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM tac_meetings m JOIN cases c ON c.id = m.case_id
       WHERE m.id = ${p.add(id)} AND ${caseVisibleTo(actor, 'c', p)}${lock ? ' FOR UPDATE OF m' : ''}`,
      p.values,
    );
  }

  async recordMeeting(
    sql: Sql,
    id: string,
    record: {
      heldAt: string;
      heldOn: string;
      attendeeUserIds: string[];
      externalAttendees: string[];
      familyAttended: boolean;
      notes: string | null;
      decisions: string | null;
    },
  ): Promise<MeetingRow> {
    const row = await sql.one<MeetingRow>(
      `UPDATE tac_meetings m SET status = 'held', held_at = $2, held_on = $3, attendee_user_ids = $4, external_attendees = $5,
         family_attended = $6, notes = $7, decisions = $8, version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${MEETING_COLUMNS}`,
      [
        id,
        record.heldAt,
        record.heldOn,
        record.attendeeUserIds,
        record.externalAttendees,
        record.familyAttended,
        record.notes,
        record.decisions,
      ],
    );
    return row!;
  }

  async cancelMeeting(sql: Sql, id: string, reason: string): Promise<MeetingRow> {
    const row = await sql.one<MeetingRow>(
      `UPDATE tac_meetings m SET status = 'cancelled', cancel_reason = $2, version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${MEETING_COLUMNS}`,
      [id, reason],
    );
    return row!;
  }

  /** Users among `userIds` who are not current members of the case. */
  async nonMembers(sql: Sql, caseId: string, userIds: readonly string[]): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>(
      `SELECT u.id FROM unnest($2::uuid[]) AS u(id)
       WHERE NOT EXISTS (SELECT 1 FROM tac_members m WHERE m.case_id = $1 AND m.user_id = u.id AND m.to_date IS NULL)`,
      [caseId, userIds],
    );
    return rows.map((row) => row.id);
  }

  /** For each case: the next scheduled meeting, overdue and next-due open action items (two queries for a page). */
  async nextSteps(
    sql: Sql,
    caseIds: readonly string[],
    today: string,
  ): Promise<
    Map<string, { nextMeetingAt: Date | null; overdueItems: number; nextItemDue: string | null }>
  > {
    const steps = new Map<
      string,
      { nextMeetingAt: Date | null; overdueItems: number; nextItemDue: string | null }
    >();
    if (caseIds.length === 0) return steps;
    for (const id of caseIds)
      steps.set(id, { nextMeetingAt: null, overdueItems: 0, nextItemDue: null });
    const meetings = await sql.rows<{ caseId: string; nextMeetingAt: Date }>(
      `SELECT case_id AS "caseId", min(scheduled_at) AS "nextMeetingAt" FROM tac_meetings
       WHERE case_id = ANY($1::uuid[]) AND status = 'scheduled' GROUP BY case_id`,
      [caseIds],
    );
    for (const row of meetings) steps.get(row.caseId)!.nextMeetingAt = row.nextMeetingAt;
    const items = await sql.rows<{ caseId: string; overdueItems: number; nextItemDue: string }>(
      `SELECT case_id AS "caseId", count(*) FILTER (WHERE due_date < $2) AS "overdueItems", min(due_date) AS "nextItemDue"
       FROM action_items WHERE case_id = ANY($1::uuid[]) AND status IN ('planned', 'in_progress') GROUP BY case_id`,
      [caseIds, today],
    );
    for (const row of items)
      Object.assign(steps.get(row.caseId)!, {
        overdueItems: row.overdueItems,
        nextItemDue: row.nextItemDue,
      });
    return steps;
  }

  // --- action plan -----------------------------------------------------------------------

  async actionItems(sql: Sql, caseId: string): Promise<ActionItemRow[]> {
    return sql.rows<ActionItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM action_items i WHERE i.case_id = $1 ORDER BY i.due_date, i.id`,
      [caseId],
    );
  }

  async insertActionItem(
    sql: Sql,
    caseId: string,
    item: {
      need: string;
      action: string;
      ownerUserId: string | null;
      ownerMemberId: string | null;
      dueDate: string;
      serviceCode: string | null;
    },
    by: string,
  ): Promise<ActionItemRow> {
    const row = await sql.one<ActionItemRow>(
      `INSERT INTO action_items AS i (case_id, need, action, owner_user_id, owner_member_id, due_date, status, created_by, service_code)
       VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8) RETURNING ${ITEM_COLUMNS}`,
      [
        caseId,
        item.need,
        item.action,
        item.ownerUserId,
        item.ownerMemberId,
        item.dueDate,
        by,
        item.serviceCode,
      ],
    );
    return row!;
  }

  async findVisibleActionItem(
    sql: Sql,
    actor: Actor,
    id: string,
  ): Promise<ActionItemRow | undefined> {
    const p = new SqlParams();
    return sql.one<ActionItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM action_items i JOIN cases c ON c.id = i.case_id
       WHERE i.id = ${p.add(id)} AND ${caseVisibleTo(actor, 'c', p)} FOR UPDATE OF i`,
      p.values,
    );
  }

  async updateActionItem(
    sql: Sql,
    id: string,
    version: number,
    changes: {
      action?: string;
      ownerUserId?: string;
      ownerMemberId?: string | null;
      dueDate?: string;
      status?: ActionItemStatus;
      reason?: string;
      /** The day it became in_progress: kept only the first time. */
      startedOn?: string;
    },
  ): Promise<ActionItemRow | undefined> {
    const p = new SqlParams();
    const { startedOn, ...rest } = changes;
    const set = versionedSet(p, ITEM_CHANGE_COLUMNS, rest);
    // The first day in progress is kept: a later return to in_progress does not move it.
    if (startedOn !== undefined)
      set.push(`started_on = coalesce(started_on, ${p.add(startedOn)}::date)`);
    return sql.one<ActionItemRow>(
      `UPDATE action_items i SET ${set.join(', ')} WHERE i.id = ${p.add(id)} AND i.version = ${p.add(version)}
       RETURNING ${ITEM_COLUMNS}`,
      p.values,
    );
  }

  async unfinishedItems(sql: Sql, caseId: string): Promise<number> {
    const row = await sql.one<{ count: number }>(
      `SELECT count(*) AS count FROM action_items WHERE case_id = $1 AND status NOT IN ('implemented', 'cancelled')`,
      [caseId],
    );
    return row?.count ?? 0;
  }
}
