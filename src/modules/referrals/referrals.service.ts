import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import { CasesService } from '../cases/cases.service';
import { InformationSharingService } from '../cases/information-sharing.service';
import { ChildrenService } from '../children/children.service';
import { RemindersService } from '../reminders/reminders.service';
import type { InitialAssessmentRow } from './assessments.repository';
import { InitialAssessmentsService } from './initial-assessments.service';
import { AssessmentFrameworks } from './assessment-frameworks';
import { assertNotInFuture } from './dates';
import { timescalesOf } from './domain/assessment-framework';
import { deriveCinSource, type AgencyType } from './domain/cin-source';
import { reasonAfterDecision } from './domain/reason-for-closure';
import type { ClosureDto } from './dto/census-fields.dto';
import { SingleAssessmentsService } from './single-assessments.service';
import type { SingleAssessmentRow } from './single-assessments.repository';
import { workingDaysWaited } from './domain/assessment-due-dates';
import { findPreviousReferral, oneYearEarlier } from './domain/re-referral';
import type {
  CorrectDecisionDto,
  CreateReferralDto,
  DecisionDto,
  ReferralListQuery,
  UpdateReferralDto,
} from './dto/referral.dto';
import { ReferralRow, ReferralsRepository } from './referrals.repository';

/**
 * Referrals to children's social care and their decisions (docs/domain.md#referrals); the assessments that
 * follow are `InitialAssessmentsService`'s, `CoreAssessmentsService`'s and `SingleAssessmentsService`'s.
 *
 * Longer than the house's ~350 lines on purpose: a referral, its decision, the decision's
 * correction, its date's correction and its closure are one record's lifecycle, each re-checking
 * the re-referral and framework rules in the same transaction.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly db: Database,
    private readonly referrals: ReferralsRepository,
    private readonly assessments: InitialAssessmentsService,
    private readonly singleAssessments: SingleAssessmentsService,
    private readonly frameworks: AssessmentFrameworks,
    private readonly children: ChildrenService,
    private readonly cases: CasesService,
    private readonly calendar: CalendarService,
    private readonly reminders: RemindersService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly sharing: InformationSharingService,
  ) {}

  async create(actor: Actor, input: CreateReferralDto): Promise<ReferralRow> {
    assertNotInFuture(this.clock, 'referredAt', input.referredAt);
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
      const child = await this.referrals.lockChildToRefer(sql, input.childId, actor);
      if (!child) throw notFound('Child');
      if (input.caseId !== undefined) {
        const fromCase = await this.cases.referableCaseChild(sql, actor, input.caseId);
        if (fromCase !== input.childId) throw notFound('Case');
        await this.sharing.assertMayRefer(sql, input.caseId, input.safeguarding === true);
      } else if (actor.role === 'practitioner') {
        throw new DomainError(
          'VALIDATION_FAILED',
          'caseId is required: a practitioner refers from a case they are linked to',
        );
      }
      const reReferral = await this.reReferral(sql, input.childId, input.referredAt, null);
      // The framework in force on the referral date, kept on the referral (docs/domain.md#assessment-frameworks).
      const framework = this.frameworks.on(input.referredAt);
      const cinSource =
        input.cinSource ??
        deriveCinSource({
          source: input.source,
          referrerAgencyType: child.referrerAgencyType as AgencyType | null,
          fromEarlyHelpCase: input.caseId !== undefined,
        });
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
        framework: framework.name,
        frameworkTimescales: timescalesOf(framework),
        cinSource,
      });
      await this.reminders.planReferralDecision(sql, referral.id, {
        ...referral,
        decisionWorkingDays: referral.frameworkTimescales.decision,
        completed: false,
        fresh: true,
      });
      await this.audit.record(sql, actor, {
        childId: input.childId,
        action: 'referral.created',
        entityType: 'referral',
        entityId: referral.id,
        details: {
          source: input.source,
          cinSource,
          framework: framework.name,
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
    ReferralRow & {
      decisions: object[];
      initialAssessment: InitialAssessmentRow | null;
      assessment: SingleAssessmentRow | null;
    }
  > {
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, id);
      if (!referral) throw notFound('Referral');
      await this.audit.record(sql, actor, {
        childId: referral.childId,
        action: 'referral.read',
        entityType: 'referral',
        entityId: id,
      });
      return {
        ...referral,
        decisions: await this.referrals.decisionHistory(sql, id),
        initialAssessment: await this.assessments.initialForReferral(sql, id),
        assessment: await this.singleAssessments.forReferral(sql, id),
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
      await this.audit.recordListed(sql, actor, 'referral.listed', 'referral', page.items);
      return page;
    });
  }

  /** The child's referrals the actor may see, newest first (the child's page), audited as a list. */
  async forChild(actor: Actor, childId: string, limit = 20): Promise<ReferralRow[]> {
    return this.db.transaction(async (sql) => {
      const rows = (await this.referrals.list(sql, actor, { childId }, undefined, limit)).slice(
        0,
        limit,
      );
      await this.audit.recordListed(sql, actor, 'referral.listed', 'referral', rows);
      return rows;
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
      const nonWorking = await this.calendar.nonWorkingDaysOf(
        sql,
        page.items.map((r) => r.localityId),
      );
      const items = page.items.map((r) => ({
        ...r,
        workingDaysWaited:
          r.referredAt <= today
            ? workingDaysWaited(r.referredAt, today, nonWorking(r.localityId))
            : 0,
      }));
      await this.audit.recordListed(sql, actor, 'referral.listed', 'referral', items);
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

  /**
   * What correcting the referral date to `referredAt` would do, checked as `updateReferredAt`
   * checks it and saving nothing: the initial assessment's new due date (null when it has
   * none) and whether the referral would be a re-referral. A page shows it before the change.
   */
  async previewReferredAt(
    actor: Actor,
    id: string,
    referredAt: string,
  ): Promise<{
    initialAssessment: { dueDate: string; dueDateProvisional: boolean } | null;
    isReReferral: boolean;
  }> {
    assertNotInFuture(this.clock, 'referredAt', referredAt);
    return this.db.transaction(async (sql) => {
      const { reReferral, framework } = await this.checkReferredAt(sql, actor, id, referredAt);
      return {
        initialAssessment: await this.assessments.dueDateIfReferredAt(
          sql,
          id,
          referredAt,
          framework.timescales,
        ),
        isReReferral: reReferral.isReReferral,
      };
    });
  }

  async updateReferredAt(actor: Actor, id: string, input: UpdateReferralDto): Promise<ReferralRow> {
    assertNotInFuture(this.clock, 'referredAt', input.referredAt);
    return this.db.transaction(async (sql) => {
      const { referral, reReferral, framework } = await this.checkReferredAt(
        sql,
        actor,
        id,
        input.referredAt,
      );
      if (
        !(await this.referrals.updateReferredAt(
          sql,
          id,
          input.version,
          input.referredAt,
          reReferral,
          framework,
        ))
      ) {
        throw staleVersion('Referral');
      }
      await this.assessments.referralDateChanged(sql, id, input.referredAt, framework.timescales);
      await this.singleAssessments.referralDateChanged(
        sql,
        id,
        input.referredAt,
        framework.timescales,
      );
      await this.reminders.planReferralDecision(sql, id);
      await this.audit.record(sql, actor, {
        childId: referral.childId,
        action: 'referral.updated',
        entityType: 'referral',
        entityId: id,
        details: { referredAt: input.referredAt },
      });
      return (await this.referrals.findVisible(sql, actor, id))!;
    });
  }

  /** The referral (locked), and what a corrected date makes of it, refused as the rules say. */
  private async checkReferredAt(sql: Sql, actor: Actor, id: string, referredAt: string) {
    const referral = await this.referrals.findVisible(sql, actor, id, true);
    if (!referral) throw notFound('Referral');
    await this.referrals.lockChild(sql, referral.childId);
    if (referral.decidedAt !== null && referral.decidedAt < referredAt) {
      throw new DomainError('RULE_VIOLATED', 'referredAt cannot be after the decision date');
    }
    const reReferral = await this.reReferral(sql, referral.childId, referredAt, id);
    // Another framework is taken only while no assessment has started under this one.
    const next = this.frameworks.on(referredAt);
    let framework = { name: referral.framework, timescales: referral.frameworkTimescales };
    if (next.name !== referral.framework) {
      if (
        (await this.assessments.initialForReferral(sql, id)) ||
        (await this.singleAssessments.forReferral(sql, id))
      ) {
        throw new DomainError(
          'RULE_VIOLATED',
          `referredAt ${referredAt} would move the referral from framework ${referral.framework} to ${next.name}, but its assessment started under ${referral.framework}`,
        );
      }
      framework = { name: next.name, timescales: timescalesOf(next) };
    }
    return { referral, reReferral, framework };
  }

  /**
   * Records or corrects the census fields of the episode (its reason for closure and primary
   * need), with `version` (docs/domain.md#reason-for-closure). The reason is for an episode
   * that has closed; RC8 and RC9 only follow an assessment's outcome or a decision.
   */
  async setClosure(actor: Actor, id: string, input: ClosureDto): Promise<ReferralRow> {
    return this.db.transaction(async (sql) => {
      const referral = await this.referrals.findVisible(sql, actor, id, true);
      if (!referral) throw notFound('Referral');
      if (input.reasonForClosure !== undefined && !(await this.referrals.episodeEnded(sql, id))) {
        throw new DomainError(
          'RULE_VIOLATED',
          'The episode has not closed: its reason for closure is recorded when it ends',
        );
      }
      if (
        !(await this.referrals.setCensusClosure(
          sql,
          id,
          {
            ...(input.primaryNeed === undefined ? {} : { primaryNeed: input.primaryNeed }),
            ...(input.reasonForClosure === undefined
              ? {}
              : { reasonForClosure: input.reasonForClosure }),
          },
          input.version,
        ))
      ) {
        throw new DomainError(
          'VERSION_CONFLICT',
          'Referral was changed by someone else (stale version); reload it and try again',
        );
      }
      await this.audit.record(sql, actor, {
        childId: referral.childId,
        action: 'referral.closure_recorded',
        entityType: 'referral',
        entityId: id,
        details: { reasonForClosure: input.reasonForClosure, primaryNeed: input.primaryNeed },
      });
      return (await this.referrals.findVisible(sql, actor, id))!;
    });
  }

  private async decideOrCorrect(
    actor: Actor,
    id: string,
    input: DecisionDto,
    correctionReason: string | null,
  ): Promise<ReferralRow> {
    assertNotInFuture(this.clock, 'decidedAt', input.decidedAt);
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
        ((await this.assessments.initialForReferral(sql, id)) ||
          (await this.singleAssessments.forReferral(sql, id)))
      ) {
        throw new DomainError(
          'RULE_VIOLATED',
          'An assessment has started from this decision; it cannot be corrected away',
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
          (await this.cases.openCase(sql, actor, {
            id: referral.childId,
            localityId: (await this.children.localityOf(sql, referral.childId))!,
          }));
        await this.referrals.setStepDownCase(sql, id, caseId);
      }
      // A decision without assessment closes the episode with RC8 (docs/domain.md#reason-for-closure).
      if (input.outcome !== 'initial_assessment' || referral.outcome !== 'initial_assessment') {
        await this.referrals.setCensusClosure(sql, id, {
          reasonForClosure: reasonAfterDecision(input.outcome),
        });
      }
      await this.reminders.planReferralDecision(sql, id);
      await this.audit.record(sql, actor, {
        childId: referral.childId,
        action: correctionReason === null ? 'referral.decided' : 'referral.decision_corrected',
        entityType: 'referral',
        entityId: id,
        details: { outcome: input.outcome, decidedAt: input.decidedAt },
      });
      return (await this.referrals.findVisible(sql, actor, id))!;
    });
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
}
