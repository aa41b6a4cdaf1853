import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  MaxLength,
  Min,
  IsOptional,
} from 'class-validator';
import { Trim } from '../../../common/validation/decorators';
import { NOTE_KINDS, NOTE_TEXT_MAX, type NoteKind } from '../domain/note-kinds';

export class CreateNoteDto {
  @ApiProperty({ enum: NOTE_KINDS })
  @IsDefined({ message: 'kind is required' })
  @IsIn(NOTE_KINDS)
  kind!: NoteKind;

  @ApiProperty({
    example: '2024-03-05T14:30:00+00:00',
    description: 'When it happened (ISO 8601 instant or date), not in the future',
  })
  @IsDefined({ message: 'occurredAt is required' })
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt!: string;

  @ApiProperty({ maxLength: NOTE_TEXT_MAX })
  @IsDefined({ message: 'text is required' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({
    description: 'Shown in the significant-only chronology; default true for significant_event',
  })
  @IsOptional()
  @IsBoolean()
  significant?: boolean;
}

export class CorrectNoteDto {
  @ApiProperty({ maxLength: NOTE_TEXT_MAX, description: 'The corrected text' })
  @IsDefined({ message: 'text is required' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(NOTE_TEXT_MAX)
  text!: string;

  @ApiProperty({ maxLength: 2000, description: 'Why the note is corrected' })
  @IsDefined({ message: 'reason is required' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ type: 'integer', description: 'The note’s version as last read' })
  @IsDefined({ message: 'version is required' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class NoteCorrectionView {
  @ApiProperty({ description: 'The text this correction replaced' }) previousText!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: PersonView }) correctedBy!: PersonView;
  @ApiProperty() correctedAt!: Date;
}

export class NoteView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: NOTE_KINDS }) kind!: NoteKind;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty() text!: string;
  @ApiProperty() significant!: boolean;
  @ApiProperty({ type: PersonView, description: 'Who wrote the note' }) author!: PersonView;
  @ApiProperty({ type: [NoteCorrectionView], description: 'Every earlier text, oldest first' })
  corrections!: NoteCorrectionView[];
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

export class NotePageView {
  @ApiProperty({ type: [NoteView] }) items!: NoteView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
