import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { londonDate } from '../../common/domain/london-time';
import { CasesService, MyCase } from '../cases/cases.service';
import { CoreAssessmentsService } from '../referrals/core-assessments.service';
import { InitialAssessmentsService } from '../referrals/initial-assessments.service';
import { ReferralsService } from '../referrals/referrals.service';
import { SingleAssessmentsService } from '../referrals/single-assessments.service';
import { NotificationsService } from '../reminders/notifications.service';
import { NotificationItem, notificationItem } from '../reminders/pages/notification-text';

/** How many of each list My work shows; each list links to its full page. */
export const MY_WORK_LIST_SIZE = 20;

/** One thing due on a case: what to do, by when (if it has a date), and whether that is past. */
export interface DueStep {
  text: string;
  dueDate: string | null;
  overdue: boolean;
  /** Where to do it. */
  href: string;
}

export interface MyCaseLine {
  id: string;
  childName: string;
  status: string;
  tier: number | null;
  myRole: string;
  /** What is due on the case, soonest (most overdue) first. */
  steps: DueStep[];
  nextStep: string | null;
  dueDate: string | null;
  overdue: boolean;
}

export interface CaseLine {
  id: string;
  childName: string;
  tier: number | null;
  /** Since when it has waited (a tier decision's date). */
  since?: Date;
  proposedTier?: number;
}

export interface MyWork {
  awaitingConfirmation?: CaseLine[];
  escalations?: NotificationItem[];
  withoutLead?: CaseLine[];
  cases?: MyCaseLine[];
  notifications?: NotificationItem[];
  referrals?: {
    id: string;
    referredAt: string;
    workingDaysWaited: number;
    isReReferral: boolean;
  }[];
  assessments?: {
    id: string;
    kind: 'Initial assessment' | 'Core assessment' | 'Assessment';
    /** The assessment's page. */
    href: string;
    dueDate: string;
    workingDaysRemaining: number;
    overdue: boolean;
  }[];
}

/** The user's part in a case, in their words. */
export function myRoleOn(
  c: Pick<MyCase, 'leadProfessionalId' | 'createdBy'>,
  userId: string,
): string {
  if (c.leadProfessionalId === userId) return 'Lead professional';
  if (c.createdBy === userId) return 'Started the CAF';
  return 'Team around the child';
}

/**
 * What is due on a case, soonest first (undated steps last): the CAF to complete; the TAC
 * meeting to schedule (the first within 20 working days of CAF completion, a review at most 6
 * weeks after the last) or to record once its day has come; action-plan items overdue or next
 * due; and the user's unread notifications about the child.
 */
export function dueStepsOf(
  c: MyCase,
  today: string,
  notifications: readonly NotificationItem[] = [],
): DueStep[] {
  const steps: DueStep[] = [];
  const step = (text: string, dueDate: string | null, href: string): void => {
    steps.push({ text, dueDate, overdue: dueDate !== null && dueDate < today, href });
  };
  const casePage = `/cases/${c.id}`;
  if (c.status === 'assessment') step('Complete the CAF and decide the tier', null, casePage);
  if (c.status === 'active') {
    const meetingOn = c.nextMeetingAt ? londonDate(c.nextMeetingAt) : null;
    const what =
      c.meetingDue?.kind === 'first' ? 'the first TAC meeting' : 'the TAC review meeting';
    if (meetingOn === null) {
      step(`Schedule ${what}`, c.meetingDue?.dueOn ?? null, `${casePage}/meetings/new`);
    } else if (meetingOn <= today) {
      step('Record the TAC meeting', meetingOn, `${casePage}#meetings`);
    } else {
      step(`Hold ${what} (scheduled)`, meetingOn, `${casePage}#meetings`);
    }
  }
  if (c.overdueItems > 0) {
    const items =
      c.overdueItems === 1 ? '1 action-plan item' : `${c.overdueItems} action-plan items`;
    step(`${items} overdue`, c.nextItemDue, `${casePage}/action-plan`);
  } else if (c.nextItemDue !== null) {
    step('Next action-plan item', c.nextItemDue, `${casePage}/action-plan`);
  }
  for (const n of notifications) {
    steps.push({
      text: n.title,
      dueDate: n.dueDate,
      overdue: n.escalation || (n.dueDate !== null && n.dueDate < today),
      href: n.href,
    });
  }
  return steps.sort(bySoonest);
}

function bySoonest(a: { dueDate: string | null }, b: { dueDate: string | null }): number {
  if (a.dueDate === b.dueDate) return 0;
  if (a.dueDate === null) return 1;
  if (b.dueDate === null) return -1;
  return a.dueDate.localeCompare(b.dueDate);
}

/**
 * What "My work" shows each role, read through the features' services (so the same access
 * rules and audit rows as the API: a list read writes one row per child shown).
 */
@Injectable()
export class MyWorkService {
  constructor(
    private readonly cases: CasesService,
    private readonly referrals: ReferralsService,
    private readonly initialAssessments: InitialAssessmentsService,
    private readonly coreAssessments: CoreAssessmentsService,
    private readonly singleAssessments: SingleAssessmentsService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async forUser(actor: Actor): Promise<MyWork> {
    switch (actor.role) {
      case 'practitioner': {
        const unread = await this.unread(actor);
        return { cases: await this.myCases(actor, unread), notifications: unread };
      }
      case 'social_care':
        return {
          referrals: await this.awaitingDecision(actor),
          assessments: await this.myAssessments(actor),
          notifications: await this.unread(actor),
        };
      case 'locality_manager': {
        const queues = await this.cases.managerQueues(actor, MY_WORK_LIST_SIZE);
        const unread = await this.unread(actor);
        return {
          awaitingConfirmation: queues.awaitingConfirmation.map((c) => ({
            id: c.id,
            childName: c.childName,
            tier: c.tier,
            proposedTier: c.proposedTier,
            since: c.decidedAt,
          })),
          escalations: unread.filter((n) => n.escalation),
          withoutLead: queues.withoutLead.map((c) => ({
            id: c.id,
            childName: c.childName,
            tier: c.tier,
          })),
          notifications: unread.filter((n) => !n.escalation),
        };
      }
      default:
        return {};
    }
  }

  /** The user's open cases, most overdue first, each with what is due on it. */
  private async myCases(actor: Actor, unread: readonly NotificationItem[]): Promise<MyCaseLine[]> {
    const page = await this.cases.mine(
      actor,
      { leading: false, limit: MY_WORK_LIST_SIZE },
      { withChildNames: true },
    );
    const today = this.clock.today();
    return page.items
      .map((c) => {
        const steps = dueStepsOf(
          c,
          today,
          unread.filter((n) => n.childId === c.childId),
        );
        const first = steps[0];
        return {
          id: c.id,
          childName: c.childName ?? '',
          status: c.status,
          tier: c.tier,
          myRole: myRoleOn(c, actor.id),
          steps,
          nextStep: first?.text ?? null,
          dueDate: first?.dueDate ?? null,
          overdue: steps.some((s) => s.overdue),
        };
      })
      .sort((a, b) => bySoonest(a, b) || a.childName.localeCompare(b.childName));
  }

  private async unread(actor: Actor): Promise<NotificationItem[]> {
    const page = await this.notifications.list(actor, { unread: true, limit: MY_WORK_LIST_SIZE });
    return page.items.map(notificationItem);
  }

  private async awaitingDecision(actor: Actor): Promise<NonNullable<MyWork['referrals']>> {
    const page = await this.referrals.queue(actor, { limit: MY_WORK_LIST_SIZE });
    return page.items.map((r) => ({
      id: r.id,
      referredAt: r.referredAt,
      workingDaysWaited: r.workingDaysWaited,
      isReReferral: r.isReReferral,
    }));
  }

  private async myAssessments(actor: Actor): Promise<NonNullable<MyWork['assessments']>> {
    const query = { assignedToUserId: actor.id, limit: MY_WORK_LIST_SIZE };
    const [initial, core, single] = [
      await this.initialAssessments.openInitialAssessments(actor, query),
      await this.coreAssessments.openCoreAssessments(actor, query),
      await this.singleAssessments.open(actor, query),
    ];
    return [
      ...initial.items.map((a) => ({
        ...a,
        kind: 'Initial assessment' as const,
        href: `/assessments/initial/${a.id}`,
      })),
      ...core.items.map((a) => ({
        ...a,
        kind: 'Core assessment' as const,
        href: `/assessments/core/${a.id}`,
      })),
      ...single.items.map((a) => ({
        ...a,
        kind: 'Assessment' as const,
        href: `/assessments/single/${a.id}`,
      })),
    ]
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        href: a.href,
        dueDate: a.dueDate,
        workingDaysRemaining: a.workingDaysRemaining,
        overdue: a.workingDaysRemaining < 0,
      }));
  }
}
