import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { BooleanParam } from '../../../common/validation/decorators';
import { NOTE_KINDS } from '../../notes/domain/note-kinds';
import { EVENT_KINDS } from '../domain/chronology';

export const CHRONOLOGY_ORDERS = ['desc', 'asc'] as const;

export class ChronologyQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CHRONOLOGY_ORDERS, default: 'desc', description: 'By `at`' })
  @IsOptional()
  @IsIn(CHRONOLOGY_ORDERS)
  order?: (typeof CHRONOLOGY_ORDERS)[number];

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Significant entries only' })
  @IsOptional()
  @BooleanParam()
  @IsBoolean()
  significantOnly?: boolean;
}

export class ActorView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ChronologyEntryView {
  @ApiProperty({ example: '2024-03-05', description: 'The day it happened' }) at!: string;
  @ApiProperty({ enum: [...EVENT_KINDS, ...NOTE_KINDS] }) kind!: string;
  @ApiProperty({ example: 'CAF completed: tier 3 suggested' }) summary!: string;
  @ApiProperty() significant!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId!: string | null;
  @ApiProperty({ type: ActorView, nullable: true, description: 'Who recorded or did it' })
  actor!: ActorView | null;
}

export class ChronologyPageView {
  @ApiProperty({ type: [ChronologyEntryView] }) items!: ChronologyEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
