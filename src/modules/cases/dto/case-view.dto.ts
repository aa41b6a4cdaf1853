import { PreAssessmentView } from './pre-assessment.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ELEMENT_CODES, ELEMENT_LEVELS } from '../domain/caf-elements';
import { ACTION_ITEM_STATUSES, CASE_STATUSES, CLOSURE_REASONS } from '../domain/case-lifecycle';

// Response shapes, for the OpenAPI document.

export class ElementView {
  @ApiProperty({ enum: ELEMENT_CODES }) code!: string;
  @ApiProperty({ enum: ELEMENT_LEVELS }) level!: number;
  @ApiPropertyOptional() notes?: string;
}

export class FiredRuleView {
  @ApiProperty({ example: 'complex_needs_across_domains' }) id!: string;
  @ApiProperty() description!: string;
  @ApiProperty({
    enum: ELEMENT_CODES,
    isArray: true,
    description: 'The elements that made the rule fire',
  })
  elements!: string[];
}

export class AssessmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description: 'Assessment version number: 1, then one more each time a completed CAF is changed',
  })
  versionNo!: number;
  @ApiProperty({ enum: ['draft', 'completed'] }) status!: string;
  @ApiProperty({ type: [ElementView] }) elements!: ElementView[];
  @ApiProperty({ type: String, nullable: true }) strengths!: string | null;
  @ApiProperty({ type: String, nullable: true }) needsSummary!: string | null;
  @ApiProperty({ type: String, nullable: true }) childViews!: string | null;
  @ApiProperty({ type: String, nullable: true }) parentViews!: string | null;
  @ApiProperty({ type: Number, nullable: true }) suggestedTier!: number | null;
  @ApiProperty({ type: FiredRuleView, nullable: true }) firedRule!: FiredRuleView | null;
  @ApiProperty({ type: Date, nullable: true }) completedAt!: Date | null;
  @ApiProperty({ description: 'Send it back with the next save' }) version!: number;
}

export class CompletedAssessmentView extends AssessmentView {
  @ApiProperty({ type: FiredRuleView }) declare firedRule: FiredRuleView;
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenBy!: string;
  @ApiProperty({ enum: ['parent', 'carer', 'child', 'young_person'] }) relationship!: string;
  @ApiProperty() givenAt!: Date;
  @ApiProperty({ enum: ['assessment', 'information_sharing'], isArray: true }) scope!: string[];
  @ApiProperty({ format: 'uuid' }) recordedBy!: string;
  @ApiProperty() recordedAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) withdrawnAt!: Date | null;
  @ApiProperty() version!: number;
}

export class TierDecisionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() tier!: number;
  @ApiProperty({ type: Number, nullable: true }) suggestedTier!: number | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'uuid' }) decidedBy!: string;
  @ApiProperty() decidedAt!: Date;
  @ApiProperty({ enum: ['pending', 'confirmed', 'rejected'] }) status!: string;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: String, nullable: true }) externalName!: string | null;
  @ApiProperty({ type: String, nullable: true }) externalAgency!: string | null;
  @ApiProperty({ type: String, nullable: true }) contact!: string | null;
  @ApiProperty() role!: string;
  @ApiProperty() fromDate!: string;
  @ApiProperty({ type: String, nullable: true }) toDate!: string | null;
  @ApiProperty() version!: number;
}

export class LeadProfessionalView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) memberId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() fromDate!: string;
  @ApiProperty({ type: String, nullable: true }) toDate!: string | null;
  @ApiProperty() version!: number;
}

export class MeetingView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() scheduledAt!: Date;
  @ApiProperty() location!: string;
  @ApiProperty({ enum: ['scheduled', 'held', 'cancelled'] }) status!: string;
  @ApiProperty({ type: Date, nullable: true }) heldAt!: Date | null;
  @ApiProperty({ type: [String], format: 'uuid' }) attendeeUserIds!: string[];
  @ApiProperty({ type: [String] }) externalAttendees!: string[];
  @ApiProperty({ type: Boolean, nullable: true }) familyAttended!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisions!: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty() version!: number;
}

export class ActionItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: ELEMENT_CODES }) need!: string;
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerUserId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerMemberId!: string | null;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ enum: ACTION_ITEM_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A service of the directory' })
  serviceCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'First day in_progress' })
  startedOn!: string | null;
  @ApiProperty() version!: number;
}

export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) childId!: string;
  @ApiProperty({ format: 'uuid' }) localityId!: string;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty() startedOn!: string;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ type: Number, nullable: true }) suggestedTier!: number | null;
  @ApiProperty({ type: Number, nullable: true }) tier!: number | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) leadProfessionalId!: string | null;
  @ApiProperty({ enum: CLOSURE_REASONS, nullable: true }) closureReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) closureNote!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedOn!: string | null;
  @ApiProperty() reopenCount!: number;
  @ApiProperty() version!: number;
  @ApiProperty() createdAt!: Date;
}

export class CaseDetailView extends CaseView {
  @ApiProperty({ type: [String], description: 'What the case’s state allows now' })
  allowedActions!: readonly string[];
  @ApiProperty({
    type: PreAssessmentView,
    nullable: true,
    description: 'The pre-assessment checklist in force',
  })
  preAssessment!: PreAssessmentView | null;
  @ApiProperty({ type: AssessmentView, nullable: true }) assessment!: AssessmentView | null;
  @ApiProperty({ type: ConsentView, nullable: true, description: 'The consent in force' })
  consent!: ConsentView | null;
  @ApiProperty({ type: TierDecisionView, nullable: true })
  pendingTierDecision!: TierDecisionView | null;
  @ApiProperty({ type: LeadProfessionalView, nullable: true })
  leadProfessional!: LeadProfessionalView | null;
  @ApiProperty({ type: [MemberView] }) members!: MemberView[];
  @ApiProperty({ type: [MeetingView] }) meetings!: MeetingView[];
  @ApiProperty({ type: [ActionItemView] }) actionItems!: ActionItemView[];
}

export class CasePageView {
  @ApiProperty({ type: [CaseView] }) items!: CaseView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class MeetingDueView {
  @ApiProperty({ enum: ['first', 'review'] }) kind!: 'first' | 'review';
  @ApiProperty({ example: '2011-06-03', description: 'The last day it may be held on' })
  dueOn!: string;
}

export class MyCaseView extends CaseView {
  @ApiProperty({ type: Date, nullable: true }) nextMeetingAt!: Date | null;
  @ApiProperty() overdueItems!: number;
  @ApiProperty({ type: String, nullable: true }) nextItemDue!: string | null;
  @ApiProperty({ type: [String], example: ['schedule the next TAC meeting'] })
  needsDoing!: string[];
  @ApiProperty({
    type: MeetingDueView,
    nullable: true,
    description:
      'The TAC meeting an active case needs next: the first within 20 working days of CAF completion, then reviews at most 6 weeks apart',
  })
  meetingDue!: MeetingDueView | null;
}

export class MyCasePageView {
  @ApiProperty({ type: [MyCaseView] }) items!: MyCaseView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class CaseEventView {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() at!: Date;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorUserId!: string | null;
  @ApiProperty({ example: 'tier.decided' }) type!: string;
  @ApiProperty({ type: Object }) details!: Record<string, unknown>;
}

export class CaseEventPageView {
  @ApiProperty({ type: [CaseEventView] }) items!: CaseEventView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ProgressVersionView {
  @ApiProperty({ description: 'The assessment version number' }) version!: number;
  @ApiProperty({ type: Date }) completedAt!: Date | string;
}

export class ElementProgressView {
  @ApiProperty({ enum: ELEMENT_CODES }) code!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Level at the first completed CAF' })
  first!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Level at the latest completed CAF' })
  latest!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'latest − first' })
  change!: number | null;
}

export class CaseProgressView {
  @ApiProperty({ type: ProgressVersionView }) first!: ProgressVersionView;
  @ApiProperty({ type: ProgressVersionView }) latest!: ProgressVersionView;
  @ApiProperty({ type: [ElementProgressView] }) elements!: ElementProgressView[];
  @ApiProperty({ description: 'Sum of element levels at the first completed CAF' })
  totalFirst!: number;
  @ApiProperty({ description: 'Sum of element levels at the latest completed CAF' })
  totalLatest!: number;
}
