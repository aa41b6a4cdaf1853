import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { Database } from '../../database/database';
import { applyRule, CaseChanges } from './case-changes';
import { CaseDetail, CasesService } from './cases.service';
import { AssessmentRow, CasesRepository, ConsentRow } from './cases.repository';
import { compareInFormOrder } from './domain/caf-elements';
import { assertAllowed } from './domain/case-lifecycle';
import { caseProgress, type CaseProgress } from './domain/progress';
import type { RecordConsentDto, SaveAssessmentDto, WithdrawConsentDto } from './dto/case.dto';
import { InjectAuthorityFile } from '../../config/authority-files';
import { THRESHOLDS_FILE } from './thresholds.file';
import { suggestTier, type ThresholdRules } from './domain/thresholds';

/**
 * The CAF form of a case: its drafts and completed versions, the family's consent, and the
 * completion that suggests a tier from the threshold rules.
 */
@Injectable()
export class CaseAssessmentService {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly changes: CaseChanges,
    @InjectAuthorityFile(THRESHOLDS_FILE) private readonly thresholds: ThresholdRules,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async saveAssessment(actor: Actor, id: string, input: SaveAssessmentDto): Promise<AssessmentRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, id);
      applyRule(() => assertAllowed(c.status, 'save_assessment'));
      const current = await this.cases.currentAssessment(sql, id, true);
      if (!current || current.version !== input.version) {
        throw staleVersion('Assessment');
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
        throw staleVersion('Assessment');
      }
      const saved = (await this.cases.currentAssessment(sql, id))!;
      await this.changes.record(sql, actor, c, 'assessment.saved', {
        versionNo: saved.versionNo,
        elements: content.elements.length,
      });
      return saved;
    });
  }

  /** The family's distance travelled: the first and the latest completed CAF, element by element. */
  async progress(actor: Actor, id: string): Promise<CaseProgress> {
    return this.db.transaction(async (sql) => {
      const c = await this.cases.findVisible(sql, actor, id);
      if (!c) throw notFound('Case');
      await this.audit.record(sql, actor, {
        action: 'case.progress_read',
        entityType: 'case',
        entityId: id,
        childId: c.childId,
      });
      const completed = (await this.cases.assessmentVersions(sql, id)).filter(
        (version) => version.status === 'completed' && version.completedAt !== null,
      );
      const progress = caseProgress(
        completed.map((version) => ({
          versionNo: version.versionNo,
          completedAt: version.completedAt!,
          elements: version.elements,
        })),
      );
      if (!progress) {
        throw new DomainError(
          'RULE_VIOLATED',
          'The CAF has not been completed yet: progress compares completed versions',
        );
      }
      return progress;
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
        await this.casesService.closeLocked(sql, actor, c, 'consent_withdrawn', input.note ?? null);
      }
      return this.casesService.detail(sql, (await this.cases.findVisible(sql, actor, id))!);
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
      const suggestion = suggestTier(current.elements, this.thresholds);
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
}
