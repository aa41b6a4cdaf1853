import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { CalendarService } from '../calendar/calendar.service';
import { CASE_STATUSES, type CaseStatus } from '../cases/domain/case-lifecycle';
import { CasesService } from '../cases/cases.service';
import { ReferralsService } from '../referrals/referrals.service';
import { NotificationsService } from '../reminders/notifications.service';
import { notificationItem, type NotificationItem } from '../reminders/pages/notification-text';

/** How many lines each of the page's lists shows (each says when there are more). */
export const LOCALITY_LIST_SIZE = 50;

/** The tiers a case can have, and "not decided" (null). */
export const TIERS: readonly (number | null)[] = [null, 1, 2, 3, 4];

export const STATUS_LABELS: Record<CaseStatus, string> = {
  assessment: 'Assessment',
  active: 'Active',
  closed: 'Closed',
};

export interface CountRow {
  status: CaseStatus;
  label: string;
  cells: { tier: number | null; count: number }[];
  total: number;
}

export interface LocalityOverview {
  counts: CountRow[];
  tierTotals: { tier: number | null; count: number }[];
  awaitingConfirmation: {
    id: string;
    childName: string;
    tier: number | null;
    proposedTier: number;
    since: Date;
  }[];
  withoutLead: { id: string; childName: string; since: string; workingDaysSince: number }[];
  escalations: NotificationItem[];
  referrals: { id: string; referredAt: string; workingDaysWaited: number; isReReferral: boolean }[];
  moreReferrals: boolean;
}

/**
 * A locality manager's view of their localities (`/locality`), read through the features'
 * services (the same visibility and audit as the API): cases counted by state and tier, tier
 * decisions awaiting confirmation, tier 3 cases without a lead professional with the working
 * days since the tier was set, their unread escalations, referrals awaiting a decision.
 */
@Injectable()
export class LocalityOverviewService {
  constructor(
    private readonly cases: CasesService,
    private readonly referrals: ReferralsService,
    private readonly notifications: NotificationsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async overview(actor: Actor): Promise<LocalityOverview> {
    const today = this.clock.today();
    const counted = await this.cases.countByStatusAndTier(actor);
    const count = (status: CaseStatus | undefined, tier: number | null): number =>
      counted
        .filter((c) => (status === undefined || c.status === status) && c.tier === tier)
        .reduce((sum, c) => sum + c.count, 0);
    const counts = CASE_STATUSES.map((status) => {
      const cells = TIERS.map((tier) => ({ tier, count: count(status, tier) }));
      return {
        status,
        label: STATUS_LABELS[status],
        cells,
        total: cells.reduce((sum, c) => sum + c.count, 0),
      };
    });
    const queues = await this.cases.managerQueues(actor, LOCALITY_LIST_SIZE);
    const since = queues.withoutLead.map((c) => (c.tierSince <= today ? c.tierSince : today));
    const days = await this.calendar.workingDaysSince(
      queues.withoutLead.map((c, n) => ({ from: since[n], localityId: c.localityId })),
      today,
    );
    const withoutLead = queues.withoutLead.map((c, n) => ({
      id: c.id,
      childName: c.childName,
      since: since[n],
      workingDaysSince: days[n],
    }));
    const unread = await this.notifications.list(actor, { unread: true, limit: 200 });
    const referrals = await this.referrals.queue(actor, { limit: LOCALITY_LIST_SIZE });
    return {
      counts,
      tierTotals: TIERS.map((tier) => ({ tier, count: count(undefined, tier) })),
      awaitingConfirmation: queues.awaitingConfirmation.map((c) => ({
        id: c.id,
        childName: c.childName,
        tier: c.tier,
        proposedTier: c.proposedTier,
        since: c.decidedAt,
      })),
      withoutLead,
      escalations: unread.items.map(notificationItem).filter((n) => n.escalation),
      referrals: referrals.items.map((r) => ({
        id: r.id,
        referredAt: r.referredAt,
        workingDaysWaited: r.workingDaysWaited,
        isReReferral: r.isReReferral,
      })),
      moreReferrals: referrals.nextCursor !== null,
    };
  }
}
