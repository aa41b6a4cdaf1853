import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/pagination/page';
import { BooleanParam } from '../../../common/validation/decorators';

export const NOTIFICATION_TYPES = [
  'initial_assessment_due_soon',
  'initial_assessment_due',
  'initial_assessment_overdue',
  'core_assessment_due_soon',
  'core_assessment_due',
  'core_assessment_overdue',
  'assessment_due_soon',
  'assessment_due',
  'assessment_overdue',
  'referral_decision_overdue',
  'tac_first_meeting_overdue',
  'tac_review_overdue',
  'tac_meeting_not_recorded',
  'lead_professional_missing',
] as const;
export const SUBJECT_TYPES = [
  'referral',
  'initial_assessment',
  'core_assessment',
  'assessment',
  'case',
  'tac_meeting',
] as const;

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'Only unread ones' })
  @IsOptional()
  @BooleanParam()
  @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, description: 'The *_overdue types are escalations' })
  type!: string;
  @ApiProperty({ enum: SUBJECT_TYPES }) subjectType!: string;
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ type: String, nullable: true }) dueDate!: string | null;
  @ApiProperty({
    description:
      'true when the due date falls in a year the official bank holiday list does not cover (counted by the standing rules)',
  })
  dueDateProvisional!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
