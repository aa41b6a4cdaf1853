import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, MaxLength, Matches } from 'class-validator';
import { IsIsoDate, Trim } from '../../../common/validation/decorators';
import { PANEL_OUTCOMES, type PanelOutcome } from '../domain/panels';

export class RecordHearingDto {
  @ApiProperty({ example: 'complex_care', description: 'A panel code from config/panels.yaml' })
  @IsDefined({ message: 'panel is required' })
  @IsString()
  @Matches(/^[a-z0-9_]{1,50}$/, { message: 'panel must be a panel code from config/panels.yaml' })
  panel!: string;

  @ApiProperty({ example: '2024-03-05', description: 'The day the panel heard the case' })
  @IsDefined({ message: 'heardOn is required' })
  @IsIsoDate()
  heardOn!: string;

  @ApiProperty({ enum: PANEL_OUTCOMES })
  @IsDefined({ message: 'outcome is required' })
  @IsIn(PANEL_OUTCOMES)
  outcome!: PanelOutcome;

  @ApiPropertyOptional({ maxLength: 10_000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10_000)
  notes?: string;
}

export class HearingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'complex_care' }) panel!: string;
  @ApiProperty({ example: 'Complex Care Panel' }) panelName!: string;
  @ApiProperty({ example: '2024-03-05' }) heardOn!: string;
  @ApiProperty({ enum: PANEL_OUTCOMES }) outcome!: PanelOutcome;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty() version!: number;
}

export class HearingListView {
  @ApiProperty({ type: [HearingView] }) items!: HearingView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
