import { Injectable } from '@nestjs/common';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';

export type SubjectType =
  'referral' | 'initial_assessment' | 'core_assessment' | 'assessment' | 'case' | 'tac_meeting';

export interface ReminderRow {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  childId: string;
  stage: string;
  type: string;
  recipientUserId: string;
  dueDate: string | null;
  fireAt: Date;
  state: 'pending' | 'delivered' | 'cancelled';
  version: number;
}

export interface NotificationRow {
  id: string;
  type: string;
  subjectType: SubjectType;
  subjectId: string;
  childId: string;
  dueDate: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NewReminder {
  stage: string;
  type: string;
  recipientUserId: string;
  fireAt: Date;
}

const REMINDER_COLUMNS = `id, subject_type AS "subjectType", subject_id AS "subjectId", child_id AS "childId", stage, type,
  recipient_user_id AS "recipientUserId", due_date AS "dueDate", fire_at AS "fireAt", state, version`;
const NOTIFICATION_COLUMNS = `id, type, subject_type AS "subjectType", subject_id AS "subjectId", child_id AS "childId",
  due_date AS "dueDate", created_at AS "createdAt", read_at AS "readAt"`;

export interface AssessmentFacts {
  childId: string;
  localityId: string;
  assignedTo: string;
  dueDate: string;
  completed: boolean;
}

@Injectable()
export class RemindersRepository {
  /** This transaction's commit does not wait for the WAL flush (the caller says why it may). */
  async commitWithoutFlushWait(sql: Sql): Promise<void> {
    await sql.exec('SET LOCAL synchronous_commit = off');
  }

  async initialAssessment(sql: Sql, id: string): Promise<AssessmentFacts | undefined> {
    return sql.one<AssessmentFacts>(
      `SELECT child_id AS "childId", locality_id AS "localityId", assigned_to AS "assignedTo", due_date AS "dueDate",
              completed_at IS NOT NULL AS completed
       FROM initial_assessments WHERE id = $1`,
      [id],
    );
  }

  async coreAssessment(sql: Sql, id: string): Promise<AssessmentFacts | undefined> {
    return sql.one<AssessmentFacts>(
      `SELECT child_id AS "childId", locality_id AS "localityId", assigned_to AS "assignedTo", due_date AS "dueDate",
              completed_at IS NOT NULL AS completed
       FROM core_assessments WHERE id = $1`,
      [id],
    );
  }

  /** A single assessment (subject type `assessment`). */
  async singleAssessment(sql: Sql, id: string): Promise<AssessmentFacts | undefined> {
    return sql.one<AssessmentFacts>(
      `SELECT child_id AS "childId", locality_id AS "localityId", assigned_to AS "assignedTo", due_date AS "dueDate",
              completed_at IS NOT NULL AS completed
       FROM single_assessments WHERE id = $1`,
      [id],
    );
  }

  async referral(
    sql: Sql,
    id: string,
  ): Promise<
    | {
        childId: string;
        localityId: string;
        referredAt: string;
        decisionWorkingDays: number;
        completed: boolean;
      }
    | undefined
  > {
    return sql.one(
      `SELECT child_id AS "childId", locality_id AS "localityId", referred_at AS "referredAt",
              (framework_timescales->>'decision')::int AS "decisionWorkingDays",
              outcome IS NOT NULL AS completed
       FROM referrals WHERE id = $1`,
      [id],
    );
  }

  /** What a case's TAC escalations depend on (see caseStages). */
  async caseFacts(
    sql: Sql,
    caseId: string,
  ): Promise<
    | {
        childId: string;
        localityId: string;
        coordinatorId: string;
        status: 'assessment' | 'active' | 'closed';
        tier: number | null;
        leadProfessionalId: string | null;
        cafCompletedOn: string | null;
        lastHeldOn: string | null;
        withoutLeadProfessionalSince: string | null;
      }
    | undefined
  > {
    return sql.one(
      `SELECT c.child_id AS "childId", c.locality_id AS "localityId",
              COALESCE(c.lead_professional_id, c.created_by) AS "coordinatorId", c.status, c.tier,
              c.lead_professional_id AS "leadProfessionalId",
              (SELECT min(a.completed_on) FROM assessments a WHERE a.case_id = c.id AND a.status = 'completed') AS "cafCompletedOn",
              (SELECT max(m.held_on) FROM tac_meetings m WHERE m.case_id = c.id AND m.status = 'held') AS "lastHeldOn",
              CASE WHEN c.tier = 3 AND c.lead_professional_id IS NULL THEN GREATEST(
                (SELECT max(t.from_date) FROM tier_decisions t WHERE t.case_id = c.id AND t.status = 'confirmed' AND t.to_date IS NULL),
                (SELECT max(lp.to_date) FROM lead_professionals lp WHERE lp.case_id = c.id)) END AS "withoutLeadProfessionalSince"
       FROM cases c WHERE c.id = $1`,
      [caseId],
    );
  }

  async meetingFacts(
    sql: Sql,
    meetingId: string,
  ): Promise<
    | {
        caseId: string;
        childId: string;
        localityId: string;
        status: 'scheduled' | 'held' | 'cancelled';
        scheduledAt: Date;
        leadProfessionalId: string | null;
      }
    | undefined
  > {
    return sql.one(
      `SELECT m.case_id AS "caseId", c.child_id AS "childId", c.locality_id AS "localityId", m.status,
              m.scheduled_at AS "scheduledAt", c.lead_professional_id AS "leadProfessionalId"
       FROM tac_meetings m JOIN cases c ON c.id = m.case_id WHERE m.id = $1`,
      [meetingId],
    );
  }

  async meetingIdsOfCase(sql: Sql, caseId: string): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>('SELECT id FROM tac_meetings WHERE case_id = $1', [
      caseId,
    ]);
    return rows.map((row) => row.id);
  }

  async localityManagers(sql: Sql, localityId: string): Promise<string[]> {
    const rows = await sql.rows<{ id: string }>(
      `SELECT u.id FROM users u JOIN user_localities ul ON ul.user_id = u.id
       WHERE ul.locality_id = $1 AND u.role = 'locality_manager' AND u.active ORDER BY u.id`,
      [localityId],
    );
    return rows.map((row) => row.id);
  }

  /** Escalations go to the worker's manager, or else to the locality managers of the child's locality (docs/domain.md#reminders-and-escalations). */
  async escalationRecipients(sql: Sql, workerId: string, localityId: string): Promise<string[]> {
    const manager = await sql.one<{ id: string }>(
      `SELECT m.id FROM users w JOIN users m ON m.id = w.manager_user_id AND m.active WHERE w.id = $1`,
      [workerId],
    );
    return manager ? [manager.id] : this.localityManagers(sql, localityId);
  }

  /**
   * Replaces the subject's pending stages by these (a date change or a completion re-plans
   * them), and answers its pending stages now. `fresh`: the subject was created in this
   * transaction, so it has no stages to cancel yet.
   */
  async replacePending(
    sql: Sql,
    subject: { type: SubjectType; id: string; childId: string; dueDate: string | null },
    stages: readonly NewReminder[],
    fresh = false,
  ): Promise<ReminderRow[]> {
    if (!fresh) {
      await sql.exec(
        `UPDATE reminders SET state = 'cancelled' WHERE subject_id = $1 AND state = 'pending'`,
        [subject.id],
      );
    }
    if (stages.length === 0) return [];
    return sql.rows<ReminderRow>(
      `INSERT INTO reminders (subject_type, subject_id, child_id, stage, type, recipient_user_id, due_date, fire_at)
       SELECT $1, $2, $3, s.stage, s.type, s.recipient, $4, s.fire_at
       FROM unnest($5::text[], $6::text[], $7::uuid[], $8::timestamptz[]) AS s(stage, type, recipient, fire_at)
       WHERE NOT EXISTS (SELECT 1 FROM notifications n
                         WHERE n.recipient_user_id = s.recipient AND n.subject_id = $2 AND n.stage = s.stage)
       RETURNING ${REMINDER_COLUMNS}`,
      [
        subject.type,
        subject.id,
        subject.childId,
        subject.dueDate,
        stages.map((s) => s.stage),
        stages.map((s) => s.type),
        stages.map((s) => s.recipientUserId),
        stages.map((s) => s.fireAt.toISOString()),
      ],
    );
  }

  /** Pending stages due before `until` (index reminders_pending_idx): what the sweep enqueues. */
  /** Pending stages due by `until`, in (fire_at, id) order, after the given one. */
  async pendingDueBefore(
    sql: Sql,
    until: Date,
    after: Pick<ReminderRow, 'fireAt' | 'id'> | undefined,
    limit: number,
  ): Promise<ReminderRow[]> {
    return sql.rows<ReminderRow>(
      `SELECT ${REMINDER_COLUMNS} FROM reminders
       WHERE state = 'pending' AND fire_at <= $1
         AND ($2::timestamptz IS NULL OR (fire_at, id) > ($2::timestamptz, $3::uuid))
       ORDER BY fire_at, id LIMIT $4`,
      [until.toISOString(), after?.fireAt.toISOString() ?? null, after?.id ?? null, limit],
    );
  }

  async lock(sql: Sql, id: string): Promise<ReminderRow | undefined> {
    return sql.one<ReminderRow>(
      `SELECT ${REMINDER_COLUMNS} FROM reminders WHERE id = $1 FOR UPDATE`,
      [id],
    );
  }

  async cancel(sql: Sql, id: string): Promise<void> {
    await sql.exec(`UPDATE reminders SET state = 'cancelled' WHERE id = $1`, [id]);
  }

  /**
   * Delivers a pending stage in one statement: the notification, at most once per recipient,
   * subject and stage whatever retries or duplicates do, and the stage marked delivered.
   * Answers the notification, or undefined when one was already there.
   */
  async deliver(sql: Sql, r: ReminderRow): Promise<NotificationRow | undefined> {
    return sql.one<NotificationRow>(
      `WITH delivered AS (
         UPDATE reminders SET state = 'delivered', delivered_at = now() WHERE id = $8
       )
       INSERT INTO notifications (recipient_user_id, type, subject_type, subject_id, child_id, stage, due_date, reminder_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (recipient_user_id, subject_id, stage) DO NOTHING RETURNING ${NOTIFICATION_COLUMNS}`,
      [r.recipientUserId, r.type, r.subjectType, r.subjectId, r.childId, r.stage, r.dueDate, r.id],
    );
  }

  async notifications(
    sql: Sql,
    userId: string,
    unreadOnly: boolean,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<NotificationRow[]> {
    return sql.rows<NotificationRow>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
       WHERE recipient_user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $5`,
      [userId, unreadOnly, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  async emailOf(sql: Sql, userId: string): Promise<string | undefined> {
    return (
      await sql.one<{ email: string }>('SELECT email FROM users WHERE id = $1 AND active', [userId])
    )?.email;
  }

  async markRead(sql: Sql, userId: string, id: string): Promise<NotificationRow | undefined> {
    return sql.one<NotificationRow>(
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND recipient_user_id = $2
       RETURNING ${NOTIFICATION_COLUMNS}`,
      [id, userId],
    );
  }
}
