import type { NotificationView as NotificationRow } from '../notifications.service';

/** What each notification says, in a practitioner's words (the *_overdue ones are escalations). */
const TITLES: Record<string, string> = {
  initial_assessment_due_soon: 'Initial assessment due soon',
  initial_assessment_due: 'Initial assessment due today',
  initial_assessment_overdue: 'Initial assessment overdue',
  core_assessment_due_soon: 'Core assessment due soon',
  core_assessment_due: 'Core assessment due today',
  core_assessment_overdue: 'Core assessment overdue',
  referral_decision_overdue: 'Referral decision overdue',
  tac_first_meeting_overdue: 'First TAC meeting overdue',
  tac_review_overdue: 'TAC review overdue',
  tac_meeting_not_recorded: 'TAC meeting not recorded',
  lead_professional_missing: 'Case has no lead professional',
};

export function notificationTitle(type: string): string {
  return TITLES[type] ?? type.replaceAll('_', ' ');
}

export function isEscalation(type: string): boolean {
  return type.endsWith('_overdue');
}

/** The page a notification is about (record ids are not child data, so they may be in URLs). */
export function notificationLink(
  n: Pick<NotificationRow, 'subjectType' | 'subjectId' | 'childId'>,
): string {
  switch (n.subjectType) {
    case 'case':
      return `/cases/${n.subjectId}`;
    case 'referral':
      return `/referrals/${n.subjectId}`;
    case 'initial_assessment':
      return `/assessments/initial/${n.subjectId}`;
    case 'core_assessment':
      return `/assessments/core/${n.subjectId}`;
    case 'assessment':
      return `/assessments/single/${n.subjectId}`;
    case 'tac_meeting':
      return `/tac-meetings/${n.subjectId}/record`;
    default:
      return `/children/${n.childId}`;
  }
}

export interface NotificationItem {
  id: string;
  title: string;
  escalation: boolean;
  href: string;
  dueDate: string | null;
  createdAt: Date;
  read: boolean;
  /** The child it is about (My work shows it against the child's case). */
  childId: string | null;
}

export function notificationItem(n: NotificationRow): NotificationItem {
  return {
    id: n.id,
    title: notificationTitle(n.type),
    escalation: isEscalation(n.type),
    href: notificationLink(n),
    dueDate: n.dueDate,
    createdAt: n.createdAt,
    read: n.readAt !== null,
    childId: n.childId,
  };
}
