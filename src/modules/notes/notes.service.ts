import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { noteIsSignificant } from './domain/note-kinds';
import type { CorrectNoteDto, CreateNoteDto } from './dto/note.dto';
import { NoteRow, NotesRepository } from './notes.repository';

type NoteAnswer = Omit<NoteRow, 'childId'>;

function answer(row: NoteRow): NoteAnswer {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    occurredAt: row.occurredAt,
    text: row.text,
    significant: row.significant,
    author: row.author,
    corrections: row.corrections,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function notTheAuthor(): DomainError {
  return new DomainError('FORBIDDEN', 'Only the note’s author can correct it');
}

/** Case notes (docs/domain.md#case-notes): anyone who may see a case writes them; only the author corrects. */
@Injectable()
export class NotesService {
  constructor(
    private readonly db: Database,
    private readonly notes: NotesRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async add(actor: Actor, caseId: string, input: CreateNoteDto): Promise<NoteAnswer> {
    const now = this.clock.now();
    if (new Date(input.occurredAt).getTime() > now.getTime()) {
      throw new DomainError('VALIDATION_FAILED', 'occurredAt cannot be in the future');
    }
    return this.db.transaction(async (sql) => {
      const c = await this.notes.visibleCase(sql, actor, caseId);
      if (!c) throw notFound('Case');
      const significant = noteIsSignificant(input.kind, input.significant);
      const id = await this.notes.insert(
        sql,
        {
          caseId,
          childId: c.childId,
          kind: input.kind,
          occurredAt: input.occurredAt,
          text: input.text,
          significant,
          authorId: actor.id,
        },
        now,
      );
      await this.audit.record(sql, actor, {
        action: 'note.added',
        entityType: 'note',
        entityId: id,
        childId: c.childId,
        details: { caseId, kind: input.kind, significant },
      });
      return answer((await this.notes.find(sql, id))!);
    });
  }

  async list(actor: Actor, caseId: string, query: PageQuery): Promise<Page<NoteAnswer>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const c = await this.notes.visibleCase(sql, actor, caseId);
      if (!c) throw notFound('Case');
      const rows = await this.notes.list(sql, caseId, decodeCursor(query.cursor, 2), limit);
      await this.audit.record(sql, actor, {
        action: 'case.notes_read',
        entityType: 'case',
        entityId: caseId,
        childId: c.childId,
      });
      return toPage(rows, limit, (row) => [row.occurredAt.toISOString(), row.id], answer);
    });
  }

  /**
   * A note of the case, to be corrected by the caller: its author (anyone else is refused as the
   * correction itself would refuse them). Reading it is audited as the list is.
   */
  async forCorrection(actor: Actor, caseId: string, id: string): Promise<NoteAnswer> {
    return this.db.transaction(async (sql) => {
      const c = await this.notes.visibleCase(sql, actor, caseId);
      const note = c && (await this.notes.find(sql, id));
      if (!c || !note || note.caseId !== caseId) throw notFound('Note');
      if (note.author.id !== actor.id) throw notTheAuthor();
      await this.audit.record(sql, actor, {
        action: 'note.read',
        entityType: 'note',
        entityId: id,
        childId: c.childId,
        details: { caseId },
      });
      return answer(note);
    });
  }

  async correct(actor: Actor, id: string, input: CorrectNoteDto): Promise<NoteAnswer> {
    return this.db.transaction(async (sql) => {
      const note = await this.notes.lockVisible(sql, actor, id);
      if (!note) throw notFound('Note');
      if (note.authorId !== actor.id) throw notTheAuthor();
      const corrected =
        note.version === input.version &&
        (await this.notes.correct(
          sql,
          id,
          input.version,
          { previousText: note.text, text: input.text, reason: input.reason, by: actor.id },
          this.clock.now(),
        ));
      if (!corrected) throw staleVersion('Note');
      await this.audit.record(sql, actor, {
        action: 'note.corrected',
        entityType: 'note',
        entityId: id,
        childId: note.childId,
        details: { caseId: note.caseId, version: input.version + 1 },
      });
      return answer((await this.notes.find(sql, id))!);
    });
  }
}
