import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditEntry, AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import type { ClosureRow } from '../calendar/calendar.repository';
import { ChildrenRepository } from '../children/children.repository';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { InformationSharingService } from '../cases/information-sharing.service';
import { RemindersService } from '../reminders/reminders.service';
import { UsersRepository } from '../users/users.repository';
import {
  AssessmentsRepository,
  CoreAssessmentRow,
  InitialAssessmentRow,
} from './assessments.repository';
import {
  completedInTime,
  coreAssessmentDueDate,
  initialAssessmentDueDate,
  workingDaysRemaining,
  workingDaysWaited,
} from './domain/assessment-timescales';
import { findPreviousReferral, oneYearEarlier } from './domain/re-referral';
import type {
  CompleteCoreAssessmentDto,
  CompleteInitialAssessmentDto,
  CorrectDecisionDto,
  CreateReferralDto,
  DecisionDto,
  ReferralListQuery,
  StartCoreAssessmentDto,
  UpdateCoreAssessmentDto,
  UpdateReferralDto,
  WorkListQuery,
} from './dto/referral.dto';
import { ReferralRow, ReferralsRepository } from './referrals.repository';

/** Referrals to children's social care, their decisions, and the assessments that follow (SPEC §4.7–4.8). */
@Injectable()
export class ReferralsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly referrals: ReferralsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly children: ChildrenRepository,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly users: UsersRepository,
    private readonly calendar: CalendarService,
    private readonly reminders: RemindersService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly sharing: InformationSharingService,
  ) {}

  onModuleInit(): void {
    this.calendar.onClosureAdded((sql, closure) => this.moveDueDatesAround(sql, closure));
  }

  async create(actor: Actor, input: CreateReferralDto): Promise<ReferralRow> {
    this.notInFuture('referredAt', input.referredAt);
    if (input.safeguardingReason !== undefined && input.safeguarding !== true) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'safeguardingReason is given only with safeguarding: true',
      );
    }
    const safeguardingReason = input.safeguarding ? (input.safeguardingReason ?? null) : null;
    return this.db.transaction(async (sql) => {
      // Who may refer: social care any child; others a child they may see (checked as the
      // child's row is locked), and a practitioner only from a case they are linked to.
      const child = await this.referrals.lockChild(sql, input.childId, actor);
      if (!child) throw notFound('Child');
      if (input.caseId !== undefined) {
        const fromCase =
          actor.role === 'social_care'
            ? await this.cases.childOf(sql, input.caseId)
            : (await this.cases.findVisible(sql, actor, input.caseId))?.childId;
        if (fromCase !== input.childId) throw notFound('Case');
        await this.sharing.assertMayRefer(sql, input.caseId, input.safeguarding === true);
      } else if (actor.role === 'practitioner') {
        throw new DomainError(
          'VALIDATION_FAILED',
          'caseId is required: a practitioner refers from a case they are linked to',
        );
      }
      const reReferral = await this.reReferral(sql, input.childId, input.referredAt, null);
      const referral = await this.referrals.insert(sql, {
        childId: input.childId,
        caseId: input.caseId ?? null,
        localityId: child.localityId,
        referredAt: input.referredAt,
        source: input.source,
        reason: input.reason,
        referrerUserId: actor.id,
        ...reReferral,
        safeguardingReason,
      });
      await this.reminders.planReferralDecision(sql, referral.id, {
        ...referral,
        completed: false,
        fresh: true,
      });
      await this.record(sql, actor, input.childId, {
        action: 'referral.created',
        entityType: 'referral',
        entityId: referral.id,
        details: {
          source: input.source,
          ...reReferral,
          ...(safeguardingReason !== null ? { safeguarding: true, safeguardingReason } : {}),
        },
      });
      // The referrer may see what they referred: the inserted row is the answer.
      return referral;
    });
  }

  async get(
    actor: Actor,
    id: string,
  ): Promise<
    ReferralRow & { decisions: object[]; initialAssessment: InitialAssessmentRow | null }
  > {
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, id);
      if (!referral) throw notFound('Referral');
      await this.record(sql, actor, referral.childId, {
        action: 'referral.read',
        entityType: 'referral',
        entityId: id,
      });
      return {
        ...referral,
        decisions: await this.referrals.decisionHistory(sql, id),
        initialAssessment: (await this.assessments.initialForReferral(sql, id)) ?? null,
      };
    });
  }

  async list(actor: Actor, query: ReferralListQuery): Promise<Page<ReferralRow>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const rows = await this.referrals.list(
        sql,
        actor,
        query,
        decodeCursor(query.cursor, 2),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (r) => [r.referredAt, r.id],
        (r) => r,
      );
      await this.audit.recordMany(
        sql,
        actor,
        page.items.map((r) => ({
          action: 'referral.listed',
          entityType: 'referral',
          entityId: r.id,
          childId: r.childId,
        })),
      );
      return page;
    });
  }

  /** Referrals awaiting a decision, oldest first, with the working days each has waited. */
  async queue(
    actor: Actor,
    query: PageQuery,
  ): Promise<Page<ReferralRow & { workingDaysWaited: number }>> {
    const limit = pageLimit(query);
    const today = this.clock.today();
    return this.db.transaction(async (sql) => {
      const rows = await this.referrals.queue(sql, actor, decodeCursor(query.cursor, 2), limit);
      const page = toPage(
        rows,
        limit,
        (r) => [r.referredAt, r.id],
        (r) => r,
      );
      const items = [];
      for (const r of page.items) {
        const nonWorking = await this.calendar.nonWorkingDays(sql, r.localityId);
        items.push({
          ...r,
          workingDaysWaited:
            r.referredAt <= today ? workingDaysWaited(r.referredAt, today, nonWorking) : 0,
        });
      }
      await this.audit.recordMany(
        sql,
        actor,
        items.map((r) => ({
          action: 'referral.listed',
          entityType: 'referral',
          entityId: r.id,
          childId: r.childId,
        })),
      );
      return { items, nextCursor: page.nextCursor };
    });
  }

  async decide(actor: Actor, id: string, input: DecisionDto): Promise<ReferralRow> {
    return this.decideOrCorrect(actor, id, input, null);
  }

  /** A decision is recorded once; a correction replaces it explicitly and keeps the first. */
  async correctDecision(actor: Actor, id: string, input: CorrectDecisionDto): Promise<ReferralRow> {
    return this.decideOrCorrect(actor, id, input, input.reason);
  }

  async updateReferredAt(actor: Actor, id: string, input: UpdateReferralDto): Promise<ReferralRow> {
    this.notInFuture('referredAt', input.referredAt);
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, id, true);
      if (!referral) throw notFound('Referral');
      await this.referrals.lockChild(sql, referral.childId);
      if (referral.decidedAt !== null && referral.decidedAt < input.referredAt) {
        throw new DomainError('RULE_VIOLATED', 'referredAt cannot be after the decision date');
      }
      const reReferral = await this.reReferral(sql, referral.childId, input.referredAt, id);
      if (
        !(await this.referrals.updateReferredAt(
          sql,
          id,
          input.version,
          input.referredAt,
          reReferral,
        ))
      ) {
        throw new DomainError(
          'VERSION_CONFLICT',
          'Referral was changed by someone else (stale version); reload it and try again',
        );
      }
      const ia = await this.assessments.initialForReferral(sql, id);
      if (ia) {
        const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
        const dueDate = initialAssessmentDueDate(input.referredAt, nonWorking);
        await this.assessments.setInitialDueDate(
          sql,
          ia.id,
          dueDate,
          ia.completedAt === null ? null : completedInTime(ia.completedAt, dueDate),
        );
        await this.reminders.planInitialAssessment(sql, ia.id);
      }
      await this.reminders.planReferralDecision(sql, id);
      await this.record(sql, actor, referral.childId, {
        action: 'referral.updated',
        entityType: 'referral',
        entityId: id,
        details: { referredAt: input.referredAt },
      });
      return (await this.referrals.findVisible(sql, actor, id))!;
    });
  }

  async startInitialAssessment(
    actor: Actor,
    referralId: string,
    assignedTo: string,
  ): Promise<InitialAssessmentRow> {
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, referralId, true);
      if (!referral) throw notFound('Referral');
      if (referral.outcome !== 'initial_assessment') {
        throw new DomainError(
          'RULE_VIOLATED',
          'An initial assessment starts only from a referral decided initial_assessment',
        );
      }
      await this.assertSocialCareWorker(sql, assignedTo);
      const nonWorking = await this.calendar.nonWorkingDays(sql, referral.localityId);
      const id = await this.assessments.insertInitial(sql, {
        referralId,
        childId: referral.childId,
        localityId: referral.localityId,
        assignedTo,
        dueDate: initialAssessmentDueDate(referral.referredAt, nonWorking),
        createdBy: actor.id,
      });
      if (!id)
        throw new DomainError('ALREADY_EXISTS', 'This referral already has an initial assessment');
      await this.reminders.planInitialAssessment(sql, id);
      await this.record(sql, actor, referral.childId, {
        action: 'initial_assessment.started',
        entityType: 'initial_assessment',
        entityId: id,
        details: { assignedTo },
      });
      return (await this.assessments.findInitial(sql, actor, id))!;
    });
  }

  async completeInitialAssessment(
    actor: Actor,
    id: string,
    input: CompleteInitialAssessmentDto,
  ): Promise<InitialAssessmentRow> {
    this.notInFuture('completedAt', input.completedAt);
    return this.db.transaction(async (sql) => {
      const ia = await this.assessments.findInitial(sql, actor, id, true);
      if (!ia) throw notFound('Initial assessment');
      if (ia.completedAt !== null)
        throw new DomainError('INVALID_STATE', 'The initial assessment is already completed');
      if (input.completedAt < ia.referredAt)
        throw new DomainError('RULE_VIOLATED', 'completedAt cannot be before the referral date');
      const inTime = completedInTime(input.completedAt, ia.dueDate);
      await this.assessments.completeInitial(sql, id, input.completedAt, input.outcome, inTime);
      await this.reminders.planInitialAssessment(sql, id);
      await this.record(sql, actor, ia.childId, {
        action: 'initial_assessment.completed',
        entityType: 'initial_assessment',
        entityId: id,
        details: { outcome: input.outcome, inTime },
      });
      return (await this.assessments.findInitial(sql, actor, id))!;
    });
  }

  async startCoreAssessment(
    actor: Actor,
    input: StartCoreAssessmentDto,
  ): Promise<CoreAssessmentRow> {
    this.notInFuture('commencedAt', input.commencedAt);
    return this.db.transaction(async (sql) => {
      const ia = await this.assessments.findInitial(sql, actor, input.initialAssessmentId, true);
      if (!ia) throw notFound('Initial assessment');
      if (ia.outcome !== 'core_assessment') {
        throw new DomainError(
          'RULE_VIOLATED',
          'A core assessment starts only from an initial assessment completed with outcome core_assessment',
        );
      }
      if (input.commencedAt < ia.referredAt)
        throw new DomainError('RULE_VIOLATED', 'commencedAt cannot be before the referral date');
      await this.assertSocialCareWorker(sql, input.assignedToUserId);
      const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
      const id = await this.assessments.insertCore(sql, {
        initialAssessmentId: ia.id,
        childId: ia.childId,
        localityId: ia.localityId,
        assignedTo: input.assignedToUserId,
        commencedAt: input.commencedAt,
        dueDate: coreAssessmentDueDate(input.commencedAt, nonWorking),
        createdBy: actor.id,
      });
      if (!id)
        throw new DomainError(
          'ALREADY_EXISTS',
          'This initial assessment already has a core assessment',
        );
      await this.reminders.planCoreAssessment(sql, id);
      await this.record(sql, actor, ia.childId, {
        action: 'core_assessment.started',
        entityType: 'core_assessment',
        entityId: id,
        details: { commencedAt: input.commencedAt },
      });
      return (await this.assessments.findCore(sql, actor, id))!;
    });
  }

  async updateCoreAssessment(
    actor: Actor,
    id: string,
    input: UpdateCoreAssessmentDto,
  ): Promise<CoreAssessmentRow> {
    this.notInFuture('commencedAt', input.commencedAt);
    return this.db.transaction(async (sql) => {
      const ca = await this.assessments.findCore(sql, actor, id, true);
      if (!ca) throw notFound('Core assessment');
      if (ca.completedAt !== null && ca.completedAt < input.commencedAt) {
        throw new DomainError('RULE_VIOLATED', 'commencedAt cannot be after the completion date');
      }
      const nonWorking = await this.calendar.nonWorkingDays(sql, ca.localityId);
      const dueDate = coreAssessmentDueDate(input.commencedAt, nonWorking);
      const inTime = ca.completedAt === null ? null : completedInTime(ca.completedAt, dueDate);
      if (
        !(await this.assessments.setCoreDates(
          sql,
          id,
          input.version,
          input.commencedAt,
          dueDate,
          inTime,
        ))
      ) {
        throw new DomainError(
          'VERSION_CONFLICT',
          'Core assessment was changed by someone else (stale version); reload it and try again',
        );
      }
      await this.reminders.planCoreAssessment(sql, id);
      await this.record(sql, actor, ca.childId, {
        action: 'core_assessment.updated',
        entityType: 'core_assessment',
        entityId: id,
        details: { commencedAt: input.commencedAt },
      });
      return (await this.assessments.findCore(sql, actor, id))!;
    });
  }

  async completeCoreAssessment(
    actor: Actor,
    id: string,
    input: CompleteCoreAssessmentDto,
  ): Promise<CoreAssessmentRow> {
    this.notInFuture('completedAt', input.completedAt);
    return this.db.transaction(async (sql) => {
      const ca = await this.assessments.findCore(sql, actor, id, true);
      if (!ca) throw notFound('Core assessment');
      if (ca.completedAt !== null)
        throw new DomainError('INVALID_STATE', 'The core assessment is already completed');
      if (input.completedAt < ca.commencedAt)
        throw new DomainError('RULE_VIOLATED', 'completedAt cannot be before commencedAt');
      const inTime = completedInTime(input.completedAt, ca.dueDate);
      await this.assessments.completeCore(sql, id, input.completedAt, inTime);
      await this.reminders.planCoreAssessment(sql, id);
      await this.record(sql, actor, ca.childId, {
        action: 'core_assessment.completed',
        entityType: 'core_assessment',
        entityId: id,
        details: { inTime },
      });
      return (await this.assessments.findCore(sql, actor, id))!;
    });
  }

  async getInitial(actor: Actor, id: string): Promise<InitialAssessmentRow> {
    return this.db.transaction(async (sql) => {
      const ia = await this.assessments.findInitial(sql, actor, id);
      if (!ia) throw notFound('Initial assessment');
      await this.record(sql, actor, ia.childId, {
        action: 'initial_assessment.read',
        entityType: 'initial_assessment',
        entityId: id,
      });
      return ia;
    });
  }

  async getCore(actor: Actor, id: string): Promise<CoreAssessmentRow> {
    return this.db.transaction(async (sql) => {
      const ca = await this.assessments.findCore(sql, actor, id);
      if (!ca) throw notFound('Core assessment');
      await this.record(sql, actor, ca.childId, {
        action: 'core_assessment.read',
        entityType: 'core_assessment',
        entityId: id,
      });
      return ca;
    });
  }

  /** Social care's work list: open initial assessments by due date, with working days remaining. */
  async openInitialAssessments(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<InitialAssessmentRow & { workingDaysRemaining: number }>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const rows = await this.assessments.openInitial(
        sql,
        actor,
        query.assignedToUserId,
        decodeCursor(query.cursor, 2),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (r) => [r.dueDate, r.id],
        (r) => r,
      );
      const items = await this.withRemaining(sql, page.items);
      await this.audit.recordMany(
        sql,
        actor,
        items.map((r) => ({
          action: 'initial_assessment.listed',
          entityType: 'initial_assessment',
          entityId: r.id,
          childId: r.childId,
        })),
      );
      return { items, nextCursor: page.nextCursor };
    });
  }

  async openCoreAssessments(
    actor: Actor,
    query: WorkListQuery,
  ): Promise<Page<CoreAssessmentRow & { workingDaysRemaining: number }>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const rows = await this.assessments.openCore(
        sql,
        actor,
        query.assignedToUserId,
        decodeCursor(query.cursor, 2),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (r) => [r.dueDate, r.id],
        (r) => r,
      );
      const items = await this.withRemaining(sql, page.items);
      await this.audit.recordMany(
        sql,
        actor,
        items.map((r) => ({
          action: 'core_assessment.listed',
          entityType: 'core_assessment',
          entityId: r.id,
          childId: r.childId,
        })),
      );
      return { items, nextCursor: page.nextCursor };
    });
  }

  private async withRemaining<T extends { dueDate: string; localityId: string }>(
    sql: Sql,
    rows: T[],
  ): Promise<(T & { workingDaysRemaining: number })[]> {
    const today = this.clock.today();
    const result = [];
    for (const row of rows) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, row.localityId);
      result.push({
        ...row,
        workingDaysRemaining: workingDaysRemaining(today, row.dueDate, nonWorking),
      });
    }
    return result;
  }

  private async decideOrCorrect(
    actor: Actor,
    id: string,
    input: DecisionDto,
    correctionReason: string | null,
  ): Promise<ReferralRow> {
    this.notInFuture('decidedAt', input.decidedAt);
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, id, true);
      if (!referral) throw notFound('Referral');
      if (correctionReason === null && referral.outcome !== null) {
        throw new DomainError(
          'INVALID_STATE',
          'The referral is already decided; a change is a correction (POST /referrals/:id/decision/correction)',
        );
      }
      if (correctionReason !== null && referral.outcome === null) {
        throw new DomainError('INVALID_STATE', 'The referral has no decision to correct');
      }
      if (input.decidedAt < referral.referredAt)
        throw new DomainError('RULE_VIOLATED', 'decidedAt cannot be before referredAt');
      if (
        correctionReason !== null &&
        referral.outcome === 'initial_assessment' &&
        input.outcome !== 'initial_assessment' &&
        (await this.assessments.initialForReferral(sql, id))
      ) {
        throw new DomainError(
          'RULE_VIOLATED',
          'An initial assessment has started from this decision; it cannot be corrected away',
        );
      }
      await this.referrals.recordDecision(sql, id, {
        outcome: input.outcome,
        decidedAt: input.decidedAt,
        decidedBy: actor.id,
        correctionOf:
          correctionReason === null
            ? null
            : ((await this.referrals.currentDecisionId(sql, id)) ?? null),
        correctionReason,
      });
      if (input.outcome === 'step_down_early_help' && referral.stepDownCaseId === null) {
        // Step down: link the child's open CAF case, or start one in their locality.
        const caseId =
          (await this.cases.openCaseId(sql, referral.childId)) ??
          (await this.casesService.openCase(sql, actor, {
            id: referral.childId,
            localityId: (await this.children.localityOf(sql, referral.childId))!,
          }));
        await this.referrals.setStepDownCase(sql, id, caseId);
      }
      await this.reminders.planReferralDecision(sql, id);
      await this.record(sql, actor, referral.childId, {
        action: correctionReason === null ? 'referral.decided' : 'referral.decision_corrected',
        entityType: 'referral',
        entityId: id,
        details: { outcome: input.outcome, decidedAt: input.decidedAt },
      });
      return (await this.referrals.findVisible(sql, actor, id))!;
    });
  }

  /** A new local closure day moves the due dates of open assessments whose window contains it. */
  private async moveDueDatesAround(sql: Sql, closure: ClosureRow): Promise<void> {
    for (const ia of await this.assessments.openInitialAround(
      sql,
      closure.date,
      closure.localityId,
    )) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, ia.localityId);
      await this.assessments.setInitialDueDate(
        sql,
        ia.id,
        initialAssessmentDueDate(ia.referredAt, nonWorking),
        null,
      );
      await this.reminders.planInitialAssessment(sql, ia.id);
    }
    for (const ca of await this.assessments.openCoreAround(sql, closure.date, closure.localityId)) {
      const nonWorking = await this.calendar.nonWorkingDays(sql, ca.localityId);
      await this.assessments.setCoreDates(
        sql,
        ca.id,
        null,
        ca.commencedAt,
        coreAssessmentDueDate(ca.commencedAt, nonWorking),
        null,
      );
      await this.reminders.planCoreAssessment(sql, ca.id);
    }
  }

  private async reReferral(
    sql: Sql,
    childId: string,
    referredAt: string,
    selfId: string | null,
  ): Promise<{ isReReferral: boolean; previousReferralId: string | null }> {
    const earlier = await this.referrals.childReferralsBetween(
      sql,
      childId,
      oneYearEarlier(referredAt),
      referredAt,
      selfId,
    );
    const previousReferralId = findPreviousReferral(referredAt, earlier);
    return { isReReferral: previousReferralId !== null, previousReferralId };
  }

  private async assertSocialCareWorker(sql: Sql, userId: string): Promise<void> {
    const user = await this.users.findById(sql, userId);
    if (!user?.active || user.role !== 'social_care') {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        'assignedToUserId must be an active social care worker',
      );
    }
  }

  private notInFuture(field: string, date: string): void {
    if (date > this.clock.today())
      throw new DomainError('RULE_VIOLATED', `${field} cannot be in the future`);
  }

  private async record(
    sql: Sql,
    actor: Actor,
    childId: string,
    entry: Omit<AuditEntry, 'childId'>,
  ): Promise<void> {
    await this.audit.record(sql, actor, { ...entry, childId });
  }
}
