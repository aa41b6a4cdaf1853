import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock, londonDate } from '../../common/clock/clock';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { ChildrenRepository } from '../children/children.repository';
import { applyRule, CaseChanges } from './case-changes';
import {
  AssessmentRow,
  CaseEventRow,
  CaseRow,
  CasesRepository,
  ConsentRow,
  TierDecisionRow,
} from './cases.repository';
import { compareInFormOrder } from './domain/caf-elements';
import {
  activatesCase,
  allowedActions,
  assertAllowed,
  assertClosable,
  assertReopenable,
  CaseAction,
  tierDecisionStatus,
} from './domain/case-lifecycle';
import type {
  CaseListQuery,
  CloseCaseDto,
  MyCasesQuery,
  RecordConsentDto,
  ReopenCaseDto,
  SaveAssessmentDto,
  TierDecisionDto,
  TierReviewDto,
  WithdrawConsentDto,
} from './dto/case.dto';
import { ReferralLookup } from './referral-lookup';
import {
  ActionItemRow,
  LeadProfessionalRow,
  MeetingRow,
  MemberRow,
  TacRepository,
} from './tac.repository';
import { ThresholdsService } from './thresholds.service';

export interface CaseDetail extends CaseRow {
  allowedActions: readonly CaseAction[];
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
  /** The child's name, for the web app's My work (the API's list gives the child's id only). */
  childName?: string;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly tac: TacRepository,
    private readonly children: ChildrenRepository,
    private readonly changes: CaseChanges,
    private readonly thresholds: ThresholdsService,
    private readonly referrals: ReferralLookup,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

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
      await this.audit.recordMany(
        sql,
        actor,
        page.items.map((c) => ({
          action: 'case.listed',
          entityType: 'case',
          entityId: c.id,
          childId: c.childId,
        })),
      );
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
          ...(names ? { childName: names.get(c.childId) ?? '' } : {}),
        };
      });
      await this.audit.recordMany(
        sql,
        actor,
        items.map((c) => ({
          action: 'case.listed',
          entityType: 'case',
          entityId: c.id,
          childId: c.childId,
        })),
      );
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
    withoutLead: (CaseRow & { childName: string })[];
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

  async saveAssessment(actor: Actor, id: string, input: SaveAssessmentDto): Promise<AssessmentRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'save_assessment'));
      const current = await this.cases.currentAssessment(sql, id, true);
      if (!current || current.version !== input.version) {
        throw new DomainError(
          'VERSION_CONFLICT',
          'Assessment was changed by someone else (stale version); reload it and try again',
        );
      }
      const content = {
        elements: [...input.elements]
          .sort((a, b) => compareInFormOrder(a.code, b.code))
          .map((e) => ({
            code: e.code,
            level: e.level,
            ...(e.notes !== undefined ? { notes: e.notes } : {}),
          })),
        strengths: input.strengths ?? null,
        needsSummary: input.needsSummary ?? null,
        childViews: input.childViews ?? null,
        parentViews: input.parentViews ?? null,
      };
      if (current.status === 'completed') {
        // A completed CAF is frozen: changes start the next version.
        await this.cases.insertAssessment(
          sql,
          id,
          current.versionNo + 1,
          current.version + 1,
          content,
        );
      } else if (!(await this.cases.saveDraft(sql, current.id, input.version, content))) {
        throw new DomainError(
          'VERSION_CONFLICT',
          'Assessment was changed by someone else (stale version); reload it and try again',
        );
      }
      const saved = (await this.cases.currentAssessment(sql, id))!;
      await this.changes.record(sql, actor, c, 'assessment.saved', {
        versionNo: saved.versionNo,
        elements: content.elements.length,
      });
      return saved;
    });
  }

  async assessmentVersions(actor: Actor, id: string): Promise<AssessmentRow[]> {
    return this.db.transaction(async (sql) => {
      const c = await this.cases.findVisible(sql, actor, id);
      if (!c) throw notFound('Case');
      await this.audit.record(sql, actor, {
        action: 'assessment.read',
        entityType: 'case',
        entityId: id,
        childId: c.childId,
      });
      return this.cases.assessmentVersions(sql, id);
    });
  }

  async recordConsent(actor: Actor, id: string, input: RecordConsentDto): Promise<ConsentRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'record_consent'));
      const consent = await this.cases.insertConsent(sql, id, input, actor.id);
      await this.changes.record(sql, actor, c, 'consent.recorded', {
        relationship: input.relationship,
        scope: input.scope,
      });
      return consent;
    });
  }

  /** Withdrawn consent closes the case as consent_withdrawn, unless a safeguarding referral was made. */
  async withdrawConsent(actor: Actor, id: string, input: WithdrawConsentDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'withdraw_consent'));
      if ((await this.cases.withdrawConsents(sql, id, actor.id, input.note ?? null)) === 0) {
        throw new DomainError('RULE_VIOLATED', 'There is no consent in force to withdraw');
      }
      await this.changes.record(sql, actor, c, 'consent.withdrawn', {
        safeguardingReferralMade: input.safeguardingReferralMade ?? false,
      });
      if (!input.safeguardingReferralMade) {
        await this.closeLocked(sql, actor, c, 'consent_withdrawn', input.note ?? null);
      }
      return this.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  async completeAssessment(
    actor: Actor,
    id: string,
  ): Promise<AssessmentRow & { firedRule: NonNullable<AssessmentRow['firedRule']> }> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'complete_assessment'));
      const consent = await this.cases.activeConsent(sql, id);
      if (!consent?.scope.includes('assessment')) {
        throw new DomainError(
          'RULE_VIOLATED',
          'The CAF cannot be completed without the family’s consent to the assessment',
        );
      }
      const current = await this.cases.currentAssessment(sql, id, true);
      if (!current || current.status === 'completed') {
        throw new DomainError(
          'INVALID_STATE',
          'The assessment is already completed; save changes to start a new version',
        );
      }
      const suggestion = this.thresholds.suggest(current.elements);
      const today = this.clock.today();
      await this.cases.completeAssessment(sql, current.id, actor.id, today, {
        suggestedTier: suggestion.suggestedTier,
        firedRule: { ...suggestion.firedRule, elements: suggestion.elements },
      });
      await this.changes.update(sql, c, { suggestedTier: suggestion.suggestedTier });
      await this.changes.record(sql, actor, c, 'assessment.completed', {
        versionNo: current.versionNo,
        suggestedTier: suggestion.suggestedTier,
        firedRule: suggestion.firedRule.id,
      });
      const completed = (await this.cases.currentAssessment(sql, id))!;
      return { ...completed, firedRule: completed.firedRule! };
    });
  }

  async decideTier(actor: Actor, id: string, input: TierDecisionDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'decide_tier'));
      const status = applyRule(() => tierDecisionStatus(input.tier, c.suggestedTier, input.reason));
      if (input.tier === 4 && !(await this.referrals.hasReferralForChild(sql, c.childId))) {
        throw new DomainError(
          'RULE_VIOLATED',
          'Tier 4 needs a referral to children’s social care for the child first',
        );
      }
      if (await this.cases.pendingTierDecision(sql, id)) {
        throw new DomainError(
          'INVALID_STATE',
          'A tier decision is waiting for a locality manager’s confirmation',
        );
      }
      const decision = await this.cases.insertTierDecision(sql, id, {
        tier: input.tier,
        suggestedTier: c.suggestedTier,
        reason: input.reason ?? null,
        decidedBy: actor.id,
        status: status === 'confirmed' ? 'confirmed' : 'pending',
      });
      await this.changes.record(sql, actor, c, 'tier.decided', {
        tier: input.tier,
        suggestedTier: c.suggestedTier,
        status,
      });
      if (status === 'confirmed')
        await this.applyTier(sql, actor, c, decision.id, input.tier, null);
      return this.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
    });
  }

  /** A locality manager confirms or rejects a tier decision that differs from the suggestion. */
  async reviewTier(actor: Actor, id: string, input: TierReviewDto): Promise<CaseDetail> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'confirm_tier'));
      const pending = await this.cases.pendingTierDecision(sql, id);
      if (!pending)
        throw new DomainError('INVALID_STATE', 'No tier decision is waiting for confirmation');
      if (!input.confirm) await this.cases.rejectTier(sql, pending.id, actor.id);
      // The review first: its audit row is the request's, listing the activation it brings.
      await this.changes.record(sql, actor, c, input.confirm ? 'tier.confirmed' : 'tier.rejected', {
        tier: pending.tier,
      });
      if (input.confirm) await this.applyTier(sql, actor, c, pending.id, pending.tier, actor.id);
      return this.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
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

  private async applyTier(
    sql: Sql,
    actor: Actor,
    c: CaseRow,
    decisionId: string,
    tier: number,
    reviewer: string | null,
  ): Promise<void> {
    const today = this.clock.today();
    await this.cases.applyTier(sql, c.id, decisionId, today, reviewer);
    const activate = activatesCase(c.status, tier);
    await this.changes.update(sql, c, { tier, ...(activate ? { status: 'active' as const } : {}) });
    if (activate) {
      await this.cases.recordStatus(sql, c.id, 'active', today, actor.id, null);
      await this.changes.record(sql, actor, c, 'case.activated', { tier });
    }
  }

  private async closeLocked(
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
