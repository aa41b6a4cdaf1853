import type { CaseStatus } from './domain/case-lifecycle';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { londonDate } from '../../common/domain/london-time';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { ReferralReads } from '../../common/contracts/referral-reads';
import { Database, Sql } from '../../database/database';
import { ChildrenService } from '../children/children.service';
import { applyRule, CaseChanges } from './case-changes';
import {
  AssessmentRow,
  CaseEventRow,
  CaseRow,
  CasesRepository,
  ConsentRow,
  TierDecisionRow,
} from './cases.repository';
import {
  allowedActions,
  assertClosable,
  assertReopenable,
  CaseAction,
} from './domain/case-lifecycle';
import type { CaseListQuery, CloseCaseDto, MyCasesQuery, ReopenCaseDto } from './dto/case.dto';
import { PreAssessmentRepository, PreAssessmentRow } from './pre-assessment.repository';
import type { MeetingDue } from '../reminders/domain/reminder-plan';
import { RemindersService } from '../reminders/reminders.service';
import {
  ActionItemRow,
  LeadProfessionalRow,
  MeetingRow,
  MemberRow,
  TacRepository,
} from './tac/tac.repository';

const ASSESSING_PRACTITIONER = {
  externalName: null,
  externalAgency: null,
  contact: null,
  role: 'Assessing practitioner',
} as const;

export interface CaseDetail extends CaseRow {
  allowedActions: readonly CaseAction[];
  preAssessment: PreAssessmentRow | null;
  assessment: AssessmentRow | null;
  consent: ConsentRow | null;
  pendingTierDecision: TierDecisionRow | null;
  leadProfessional: LeadProfessionalRow | null;
  members: MemberRow[];
  meetings: MeetingRow[];
  actionItems: ActionItemRow[];
}

export interface MyCase extends CaseRow {
  nextMeetingAt: Date | null;
  overdueItems: number;
  nextItemDue: string | null;
  needsDoing: string[];
  /** The TAC meeting the case needs next and the day it is due by (an active case after its CAF). */
  meetingDue: MeetingDue | null;
  /** The child's name, for the web app's My work (the API's list gives the child's id only). */
  childName?: string;
}

/**
 * CAF cases: opening one, reading and listing them, what a lead professional has to do next,
 * closing and reopening, the child's history. The assessment form is `CaseAssessmentService`'s,
 * the tier `TierDecisionService`'s, the Team Around the Child `TacService`'s.
 *
 * Longer than the house's ~350 lines on purpose: what remains is the one lifecycle of a case
 * (open, close, reopen and the reads that show it), whose rules share its transaction and its
 * audit; splitting it further would part a rule from the state it guards.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly tac: TacRepository,
    private readonly children: ChildrenService,
    private readonly changes: CaseChanges,
    private readonly referrals: ReferralReads,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly preAssessments: PreAssessmentRepository,
    private readonly reminders: RemindersService,
  ) {}

  /** The child of a case a referral may come from: social care any case, others one they may see. */
  async referableCaseChild(sql: Sql, actor: Actor, caseId: string): Promise<string | undefined> {
    return actor.role === 'social_care'
      ? this.cases.childOf(sql, caseId)
      : (await this.cases.findVisible(sql, actor, caseId))?.childId;
  }

  /** The child's open case, if any, inside the caller's transaction. */
  openCaseId(sql: Sql, childId: string): Promise<string | undefined> {
    return this.cases.openCaseId(sql, childId);
  }

  async create(actor: Actor, childId: string): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const child = await this.children.findVisible(sql, actor, childId);
      if (!child) throw notFound('Child');
      const id = await this.openCase(sql, actor, child);
      return this.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  /**
   * Starts a case in `assessment` for the child, in the child's locality (also used by a
   * step-down from social care). A child has at most one open case.
   */
  async openCase(
    sql: Sql,
    actor: Actor,
    child: { id: string; localityId: string },
  ): Promise<string> {
    // The partial unique index cases_one_open_per_child settles a race between two requests.
    if (await this.cases.hasOpenCase(sql, child.id)) {
      throw new DomainError(
        'ALREADY_EXISTS',
        'The child already has an open case; a child has at most one open case',
      );
    }
    const today = this.clock.today();
    const id = await this.cases.insert(sql, {
      childId: child.id,
      localityId: child.localityId,
      startedOn: today,
      createdBy: actor.id,
    });
    await this.cases.recordStatus(sql, id, 'assessment', today, actor.id, null);
    // The practitioner who starts the case is on its TAC from the start (docs/domain.md#the-assessing-practitioner).
    await this.tac.insertMember(
      sql,
      id,
      { ...ASSESSING_PRACTITIONER, userId: actor.id },
      today,
      actor.id,
    );
    await this.cases.insertAssessment(sql, id, 1, 1, {
      elements: [],
      strengths: null,
      needsSummary: null,
      childViews: null,
      parentViews: null,
    });
    await this.changes.record(sql, actor, { id, childId: child.id }, 'case.created', {});
    return id;
  }

  async get(actor: Actor, id: string): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.cases.findVisible(sql, actor, id);
      if (!c) throw notFound('Case');
      await this.audit.record(sql, actor, {
        action: 'case.read',
        entityType: 'case',
        entityId: id,
        childId: c.childId,
      });
      return this.detail(sql, c);
    });
  }

  async list(actor: Actor, query: CaseListQuery): Promise<Page<CaseRow>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const rows = await this.cases.list(sql, actor, query, decodeCursor(query.cursor, 2), limit);
      const page = toPage(
        rows,
        limit,
        (row) => [row.createdAt.toISOString(), row.id],
        (row) => row,
      );
      await this.audit.recordListed(sql, actor, 'case.listed', 'case', page.items);
      return page;
    });
  }

  /** A lead professional's cases with what needs doing next on each. */
  async mine(
    actor: Actor,
    query: MyCasesQuery,
    options: { withChildNames?: boolean } = {},
  ): Promise<Page<MyCase>> {
    const limit = pageLimit(query);
    const leading = query.leading ?? true;
    return this.db.transaction(async (sql) => {
      const rows = await this.cases.list(
        sql,
        actor,
        leading ? { leadProfessionalId: actor.id, open: true } : { open: true },
        decodeCursor(query.cursor, 2),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (row) => [row.createdAt.toISOString(), row.id],
        (row) => row,
      );
      const today = this.clock.today();
      const names = options.withChildNames
        ? await this.children.namesOf(
            sql,
            page.items.map((c) => c.childId),
          )
        : undefined;
      const steps = await this.tac.nextSteps(
        sql,
        page.items.map((c) => c.id),
        today,
      );
      const meetingsDue = new Map<string, MeetingDue | null>();
      for (const c of page.items)
        if (c.status === 'active')
          meetingsDue.set(c.id, await this.reminders.nextMeetingDue(sql, c.id));
      const items: MyCase[] = page.items.map((c) => {
        const next = steps.get(c.id);
        const nextMeetingAt = next?.nextMeetingAt ?? null;
        const overdueItems = next?.overdueItems ?? 0;
        const needsDoing: string[] = [];
        if (c.status === 'assessment') needsDoing.push('complete the CAF and decide the tier');
        if (c.status === 'active' && !nextMeetingAt)
          needsDoing.push('schedule the next TAC meeting');
        if (nextMeetingAt && londonDate(nextMeetingAt) < today)
          needsDoing.push('record the last TAC meeting');
        if (overdueItems > 0) needsDoing.push(`${overdueItems} overdue action-plan item(s)`);
        return {
          ...c,
          nextMeetingAt,
          overdueItems,
          nextItemDue: next?.nextItemDue ?? null,
          needsDoing,
          meetingDue: meetingsDue.get(c.id) ?? null,
          ...(names ? { childName: names.get(c.childId) ?? '' } : {}),
        };
      });
      await this.audit.recordListed(sql, actor, 'case.listed', 'case', items);
      return { items, nextCursor: page.nextCursor };
    });
  }

  /**
   * A locality manager's cases needing them: tier decisions awaiting confirmation, and open tier
   * 3 cases without a lead professional (each list at most `limit`, with the child's name).
   */
  async managerQueues(
    actor: Actor,
    limit: number,
  ): Promise<{
    awaitingConfirmation: (CaseRow & {
      proposedTier: number;
      decidedAt: Date;
      childName: string;
    })[];
    withoutLead: (CaseRow & { childName: string; tierSince: string })[];
  }> {
    return this.db.transaction(async (sql) => {
      const awaiting = await this.cases.awaitingTierConfirmation(sql, actor, limit);
      const withoutLead = await this.cases.tierThreeWithoutLead(sql, actor, limit);
      const shown = new Map([...awaiting, ...withoutLead].map((c) => [c.id, c]));
      const names = await this.children.namesOf(
        sql,
        [...shown.values()].map((c) => c.childId),
      );
      await this.audit.recordMany(
        sql,
        actor,
        [...shown.values()].map((c) => ({
          action: 'case.listed',
          entityType: 'case',
          entityId: c.id,
          childId: c.childId,
        })),
      );
      const named = <T extends CaseRow>(c: T) => ({ ...c, childName: names.get(c.childId) ?? '' });
      return { awaitingConfirmation: awaiting.map(named), withoutLead: withoutLead.map(named) };
    });
  }

  /** The cases a locality manager sees, counted by state and tier (no child's data: no audit). */
  countByStatusAndTier(
    actor: Actor,
  ): Promise<{ status: CaseStatus; tier: number | null; count: number }[]> {
    return this.db.read((sql) => this.cases.countByStatusAndTier(sql, actor));
  }

  /** The cases the actor sees in one state and tier (null: not decided), with the child's name. */
  async byStatusAndTier(
    actor: Actor,
    status: CaseStatus,
    tier: number | null,
    limit: number,
  ): Promise<(CaseRow & { childName: string })[]> {
    return this.db.transaction(async (sql) => {
      const rows = await this.cases.byStatusAndTier(sql, actor, status, tier, limit);
      const names = await this.children.namesOf(
        sql,
        rows.map((c) => c.childId),
      );
      await this.audit.recordListed(sql, actor, 'case.listed', 'case', rows);
      return rows.map((c) => ({ ...c, childName: names.get(c.childId) ?? '' }));
    });
  }

  async close(actor: Actor, id: string, input: CloseCaseDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      if (actor.role !== 'locality_manager' && c.leadProfessionalId !== actor.id) {
        throw new DomainError(
          'FORBIDDEN',
          'Only the lead professional or a locality manager can close the case',
        );
      }
      const unfinishedItems = await this.tac.unfinishedItems(sql, id);
      const hasAcceptedReferral =
        input.reason === 'stepped_up' &&
        (await this.referrals.hasAcceptedReferralFromCase(sql, id));
      applyRule(() =>
        assertClosable(c.status, {
          reason: input.reason,
          note: input.note,
          unfinishedItems,
          hasAcceptedReferral,
        }),
      );
      await this.closeLocked(sql, actor, c, input.reason, input.note ?? null);
      return this.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  async reopen(actor: Actor, id: string, input: ReopenCaseDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      if (
        actor.role !== 'locality_manager' &&
        c.leadProfessionalId !== actor.id &&
        c.createdBy !== actor.id
      ) {
        throw new DomainError(
          'FORBIDDEN',
          'Only the lead professional, the case’s creator or a locality manager can reopen it',
        );
      }
      const today = this.clock.today();
      applyRule(() => assertReopenable(c.status, c.closedOn, c.reopenCount, today));
      const tier = c.tier;
      const status = tier !== null && tier >= 2 ? 'active' : 'assessment';
      await this.changes.update(sql, c, {
        status,
        closureReason: null,
        closureNote: null,
        closedOn: null,
        reopenCount: c.reopenCount + 1,
      });
      await this.cases.recordStatus(sql, id, status, today, actor.id, input.reason);
      await this.changes.record(sql, actor, c, 'case.reopened', { reason: input.reason, status });
      return this.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  /** The child's cases the actor may see, newest first (the child's page), audited as a list. */
  async forChild(actor: Actor, childId: string, limit = 20): Promise<CaseRow[]> {
    return this.db.transaction(async (sql) => {
      const rows = (await this.cases.list(sql, actor, { childId }, undefined, limit)).slice(
        0,
        limit,
      );
      await this.audit.recordListed(sql, actor, 'case.listed', 'case', rows);
      return rows;
    });
  }

  /** Every change to the child's cases, newest first: the child's page of history. */
  async childHistory(actor: Actor, childId: string, query: PageQuery): Promise<Page<CaseEventRow>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      if (!(await this.children.findVisible(sql, actor, childId))) throw notFound('Child');
      const before = decodeCursor(query.cursor, 1)?.[0];
      const rows = await this.cases.eventsForChild(
        sql,
        actor,
        childId,
        typeof before === 'number' ? before : undefined,
        limit,
      );
      await this.audit.record(sql, actor, {
        action: 'child.history_read',
        entityType: 'child',
        entityId: childId,
        childId,
      });
      return toPage(
        rows,
        limit,
        (row) => [Number(row.id)],
        (row) => row,
      );
    });
  }

  /** Closes a case locked by the caller's transaction (also when consent is withdrawn). */
  async closeLocked(
    sql: Sql,
    actor: Actor,
    c: CaseRow,
    reason: CaseRow['closureReason'] & string,
    note: string | null,
  ): Promise<void> {
    const today = this.clock.today();
    await this.changes.update(sql, c, {
      status: 'closed',
      closureReason: reason,
      closureNote: note,
      closedOn: today,
    });
    await this.cases.recordStatus(sql, c.id, 'closed', today, actor.id, reason);
    await this.changes.record(sql, actor, c, 'case.closed', { reason });
  }

  async detail(sql: Sql, c: CaseRow): Promise<CaseDetail> {
    const [assessment, consent, pendingTierDecision, lps, members, meetings, actionItems] = [
      await this.cases.currentAssessment(sql, c.id),
      await this.cases.activeConsent(sql, c.id),
      await this.cases.pendingTierDecision(sql, c.id),
      await this.tac.leadProfessionals(sql, c.id),
      await this.tac.members(sql, c.id),
      await this.tac.meetings(sql, c.id),
      await this.tac.actionItems(sql, c.id),
    ];
    return {
      ...c,
      allowedActions: allowedActions(c.status),
      preAssessment: (await this.preAssessments.current(sql, c.id)) ?? null,
      assessment: assessment ?? null,
      consent: consent ?? null,
      pendingTierDecision: pendingTierDecision ?? null,
      leadProfessional: lps.find((lp) => lp.toDate === null) ?? null,
      members: members.filter((m) => m.toDate === null),
      meetings,
      actionItems,
    };
  }
}
