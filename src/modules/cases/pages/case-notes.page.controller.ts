import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { text, whole } from '../../../web/forms/posted-answers';
import { type FormFields } from '../../../web/forms/service-errors';
import { staleVersionView, type StaleVersionView } from '../../../web/forms/stale-version';
import { refusalShown } from '../../../web/forms/refusal-page';
import { PageController } from '../../../web/page-controller';
import { CorrectNoteDto } from '../../notes/dto/note.dto';
import { NotesService } from '../../notes/notes.service';
import { CaseOverviewService } from '../case-overview.service';
import { NOTE_KIND_LABELS } from './note-wording';

const NOTES_PER_PAGE = 20;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

const FIELDS: FormFields = {
  text: { id: 'text', label: 'the corrected note' },
  reason: { id: 'reason', label: 'why the note is corrected' },
  version: { id: 'text', label: 'the note' },
};

type Note = Awaited<ReturnType<NotesService['forCorrection']>>;

interface CorrectionAnswers {
  text: string;
  reason: string;
}

/**
 * `/cases/:id/notes`: the case's notes, newest first, each corrected one shown as corrected
 * with every earlier text; and `/cases/:id/notes/:noteId/correct`, where the author (only the
 * author: anyone else gets the API's refusal) corrects a note, giving a reason.
 */
@PageController('cases')
@Access('practitioner', 'locality_manager', 'social_care')
export class CaseNotesPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly notes: NotesService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get(':id/notes')
  async list(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('cursor') rawCursor: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const cursor = typeof rawCursor === 'string' && CURSOR.test(rawCursor) ? rawCursor : undefined;
    const view = await this.overview.overview(actor, id);
    const page = await this.notes.list(actor, id, {
      limit: NOTES_PER_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    response.render('case-notes', {
      pageTitle: 'Notes',
      caseId: id,
      childName: view.childName,
      notes: page.items.map((n) => ({
        ...n,
        kindLabel: NOTE_KIND_LABELS[n.kind],
        mine: n.author.id === actor.id,
        // Newest first: the text each correction replaced, and what replaced it.
        corrections: n.corrections.slice().reverse(),
      })),
      firstPage: cursor === undefined,
      nextHref: page.nextCursor
        ? `/cases/${id}/notes?cursor=${encodeURIComponent(page.nextCursor)}`
        : undefined,
    });
  }

  @Get(':id/notes/:noteId/correct')
  async edit(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('noteId') noteId: string,
    @Res() response: Response,
  ): Promise<void> {
    await refusalShown(response, async () => {
      const note = await this.notes.forCorrection(actor, id, noteId);
      await this.render(actor, id, response, note, { text: note.text, reason: '' }, note.version);
    });
  }

  @Post(':id/notes/:noteId/correct')
  async correct(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('noteId') noteId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: CorrectionAnswers = {
      text: text(posted, 'text'),
      reason: text(posted, 'reason'),
    };
    const version = whole(posted, 'version');
    await refusalShown(response, async () => {
      // The note as it is now: a note of another case is not found, whoever asks.
      const note = await this.notes.forCorrection(actor, id, noteId);
      await this.submitter.submit({
        request,
        response,
        userId: actor.id,
        dto: CorrectNoteDto,
        input: { text: answers.text, reason: answers.reason, version },
        fields: FIELDS,
        firstField: 'text',
        save: async (dto) => {
          await this.notes.correct(actor, noteId, dto);
          return { redirectTo: `/cases/${id}/notes`, flash: { text: 'Note corrected' } };
        },
        showAgain: (shown) => this.render(actor, id, response, note, answers, version, shown),
        showStale: async () => {
          const now = await this.notes.forCorrection(actor, id, noteId);
          const last = now.corrections.at(-1);
          const stale = staleVersionView(
            {
              version: now.version,
              changedBy: last?.correctedBy.displayName ?? now.author.displayName,
              changedAt: last?.correctedAt ?? now.updatedAt,
            },
            `/cases/${id}/notes/${noteId}/correct`,
          );
          await this.render(actor, id, response, now, answers, now.version, undefined, stale);
        },
      });
    });
  }

  private async render(
    actor: Actor,
    id: string,
    response: Response,
    note: Note,
    answers: CorrectionAnswers,
    version: number,
    errors: FormErrors = new FormErrors(),
    stale?: StaleVersionView,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    response.render('case-note-correct', {
      pageTitle: 'Correct note',
      caseId: id,
      childName: view.childName,
      note: { ...note, kindLabel: NOTE_KIND_LABELS[note.kind] },
      answers,
      version: Number.isNaN(version) ? note.version : version,
      errors,
      stale,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
