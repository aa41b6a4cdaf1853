import { Injectable } from '@nestjs/common';
import { caseVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import type { NoteKind } from './domain/note-kinds';

export interface Person {
  id: string;
  displayName: string;
}

export interface NoteRow {
  id: string;
  caseId: string;
  childId: string;
  kind: NoteKind;
  occurredAt: Date;
  text: string;
  significant: boolean;
  author: Person;
  corrections: { previousText: string; reason: string; correctedBy: Person; correctedAt: Date }[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const NOTE = `n.id, n.case_id AS "caseId", n.child_id AS "childId", n.kind, n.occurred_at AS "occurredAt", n.text,
  n.significant, json_build_object('id', a.id, 'displayName', a.display_name) AS author,
  COALESCE((SELECT json_agg(json_build_object('previousText', k.previous_text, 'reason', k.reason,
              'correctedBy', json_build_object('id', cu.id, 'displayName', cu.display_name),
              'correctedAt', k.corrected_at) ORDER BY k.id)
            FROM case_note_corrections k JOIN users cu ON cu.id = k.corrected_by
            WHERE k.note_id = n.id), '[]'::json) AS corrections,
  n.version, n.created_at AS "createdAt", n.updated_at AS "updatedAt"`;

/** Case notes and their corrections (a note is never deleted). */
@Injectable()
export class NotesRepository {
  /** The case if the actor may see it (the same rule as the case routes). */
  async visibleCase(
    sql: Sql,
    actor: Actor,
    caseId: string,
  ): Promise<{ id: string; childId: string } | undefined> {
    const p = new SqlParams();
    return sql.one<{ id: string; childId: string }>(
      `SELECT c.id, c.child_id AS "childId" FROM cases c
       WHERE c.id = ${p.add(caseId)} AND ${caseVisibleTo(actor, 'c', p)}`,
      p.values,
    );
  }

  /** `occurredAt` is kept to the millisecond, as the list's cursor carries it. */
  async insert(
    sql: Sql,
    note: {
      caseId: string;
      childId: string;
      kind: NoteKind;
      occurredAt: string;
      text: string;
      significant: boolean;
      authorId: string;
    },
    at: Date,
  ): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO case_notes (case_id, child_id, kind, occurred_at, text, significant, author_id, created_at, updated_at)
       VALUES ($1, $2, $3, date_trunc('milliseconds', $4::timestamptz), $5, $6, $7, $8, $8) RETURNING id`,
      [
        note.caseId,
        note.childId,
        note.kind,
        note.occurredAt,
        note.text,
        note.significant,
        note.authorId,
        at,
      ],
    );
    return row!.id;
  }

  async find(sql: Sql, id: string): Promise<NoteRow | undefined> {
    return sql.one<NoteRow>(
      `SELECT ${NOTE} FROM case_notes n JOIN users a ON a.id = n.author_id WHERE n.id = $1`,
      [id],
    );
  }

  /** The note if the actor may see its case, locked for a correction. */
  async lockVisible(
    sql: Sql,
    actor: Actor,
    id: string,
  ): Promise<
    | {
        id: string;
        childId: string;
        caseId: string;
        authorId: string;
        text: string;
        version: number;
      }
    | undefined
  > {
    const p = new SqlParams();
    return sql.one(
      `SELECT n.id, n.child_id AS "childId", n.case_id AS "caseId", n.author_id AS "authorId", n.text, n.version
       FROM case_notes n JOIN cases c ON c.id = n.case_id
       WHERE n.id = ${p.add(id)} AND ${caseVisibleTo(actor, 'c', p)} FOR UPDATE OF n`,
      p.values,
    );
  }

  /** Keeps the text replaced and sets the new one; false when the note is not at `version`. */
  async correct(
    sql: Sql,
    id: string,
    version: number,
    correction: { previousText: string; text: string; reason: string; by: string },
    at: Date,
  ): Promise<boolean> {
    const updated = await sql.exec(
      `UPDATE case_notes SET text = $3, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $2`,
      [id, version, correction.text, at],
    );
    if (updated !== 1) return false;
    await sql.exec(
      `INSERT INTO case_note_corrections (note_id, previous_text, reason, corrected_by, corrected_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [id, correction.previousText, correction.reason, correction.by, at],
    );
    return true;
  }

  /** A case's notes, newest occurredAt first (index case_notes_case_idx). */
  async list(
    sql: Sql,
    caseId: string,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<NoteRow[]> {
    const p = new SqlParams();
    const where = [`n.case_id = ${p.add(caseId)}`];
    if (after) {
      where.push(
        `(n.occurred_at, n.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`,
      );
    }
    return sql.rows<NoteRow>(
      `SELECT ${NOTE} FROM case_notes n JOIN users a ON a.id = n.author_id
       WHERE ${where.join(' AND ')} ORDER BY n.occurred_at DESC, n.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }
}
