import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { Clock } from '../../common/clock/clock';
import { staleVersion } from '../../common/errors/domain-error';
import { Database } from '../../database/database';
import { applyRule, CaseChanges } from './case-changes';
import { assertAllowed } from './domain/case-lifecycle';
import type { PreAssessmentDto } from './dto/pre-assessment.dto';
import { PreAssessmentRepository, PreAssessmentRow } from './pre-assessment.repository';

/** The pre-assessment checklist (docs/domain.md#the-pre-assessment-checklist), before the CAF. */
@Injectable()
export class PreAssessmentService {
  constructor(
    private readonly db: Database,
    private readonly preAssessments: PreAssessmentRepository,
    private readonly changes: CaseChanges,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, caseId: string, input: PreAssessmentDto): Promise<PreAssessmentRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, caseId);
      applyRule(() => assertAllowed(c.status, 'record_pre_assessment'));
      const current = (await this.preAssessments.current(sql, caseId))?.version ?? 0;
      if (input.version !== undefined && input.version !== current) {
        throw staleVersion('The pre-assessment checklist');
      }
      const saved = await this.preAssessments.insert(
        sql,
        caseId,
        current,
        {
          concernDomains: [...input.concernDomains],
          cafNeeded: input.cafNeeded,
          notes: input.notes ?? null,
        },
        actor.id,
        this.clock.now(),
      );
      if (!saved) throw staleVersion('The pre-assessment checklist');
      await this.changes.record(sql, actor, c, 'pre_assessment.recorded', {
        concernDomains: saved.concernDomains,
        cafNeeded: saved.cafNeeded,
        version: saved.version,
      });
      return saved;
    });
  }
}
