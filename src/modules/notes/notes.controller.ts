import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { PageQuery } from '../../common/pagination/page';
import { IdParam } from '../../common/validation/id-param';
import { CorrectNoteDto, CreateNoteDto, NotePageView, NoteView } from './dto/note.dto';
import { NotesService } from './notes.service';

const READERS = ['practitioner', 'locality_manager', 'social_care'] as const;

@ApiTags('case notes')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case or note visible to you' })
@Access(...READERS)
@Controller()
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @IdempotentPost('cases/:id/notes')
  @ApiOperation({
    summary:
      'Add a case note (a visit, a contact, the child’s voice, a significant event); the author is the caller',
  })
  add(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CreateNoteDto,
  ): Promise<NoteView> {
    return this.notes.add(actor, id, body);
  }

  @Get('cases/:id/notes')
  @ApiOperation({ summary: 'The case’s notes, newest occurredAt first' })
  list(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: PageQuery,
  ): Promise<NotePageView> {
    return this.notes.list(actor, id, query);
  }

  @Patch('notes/:id')
  @ApiOperation({
    summary:
      'Correct a note (its author only): the earlier text is kept with who corrected it, when and why',
  })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'You are not the note’s author' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale version' })
  correct(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CorrectNoteDto,
  ): Promise<NoteView> {
    return this.notes.correct(actor, id, body);
  }
}
