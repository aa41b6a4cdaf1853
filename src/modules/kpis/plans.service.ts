import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/actor';
import { DomainError, staleVersion } from '../../common/errors/domain-error';
import { InjectAuthorityFile } from '../../config/authority-files';
import { Database, Sql } from '../../database/database';
import type { Panel } from '../panels/domain/panels';
import { PANELS_FILE } from '../panels/panels.file';
import type { DirectoryService } from '../service-directory/domain/service-directory';
import { SERVICES_FILE } from '../service-directory/service-directory.file';
import {
  indicatorsOf,
  parsePlan,
  parseTargets,
  Plan,
  PlanError,
  planReferenceErrors,
} from './domain/plan';
import { PlansRepository } from './plans.repository';
import { DEFAULT_PLAN_FILE } from './plan.file';

export interface ActivePlan {
  plan: Plan;
  /** 1 for the file as shipped; each admin change adds one. */
  version: number;
  source: 'file' | 'admin';
  updatedAt: Date | null;
}

/**
 * The plan in force: config/plans/default.yaml (read and checked at start), until an admin
 * loads another or edits targets; then the stored one (kpi_plans).
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly db: Database,
    private readonly repository: PlansRepository,
    private readonly audit: AuditLog,
    @InjectAuthorityFile(DEFAULT_PLAN_FILE) readonly filePlan: Plan,
    @InjectAuthorityFile(PANELS_FILE) private readonly panels: readonly Panel[],
    @InjectAuthorityFile(SERVICES_FILE) private readonly services: readonly DirectoryService[],
  ) {}

  async active(sql: Sql): Promise<ActivePlan> {
    const row = await this.repository.find(sql);
    if (!row) return { plan: this.filePlan, version: 1, source: 'file', updatedAt: null };
    return {
      plan: parsePlan(row.document),
      version: row.version,
      source: 'admin',
      updatedAt: row.updatedAt,
    };
  }

  get(): Promise<ActivePlan> {
    return this.db.read((sql) => this.active(sql));
  }

  /** Replaces the plan with another document (YAML text or the same structure as JSON). */
  async replace(
    actor: Actor,
    input: { plan?: unknown; yaml?: string; version: number },
  ): Promise<ActivePlan> {
    if ((input.plan === undefined) === (input.yaml === undefined)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'give either plan (JSON) or yaml (the file), not both',
      );
    }
    let plan: Plan;
    try {
      plan = parsePlan(input.yaml !== undefined ? load(input.yaml) : input.plan);
    } catch (error) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `plan: ${error instanceof PlanError ? error.message : 'not valid YAML'}`,
      );
    }
    const mistakes = planReferenceErrors(plan, {
      panels: this.panels.map((panel) => panel.code),
      services: this.services.map((service) => service.code),
    });
    if (mistakes.length > 0) throw new DomainError('VALIDATION_FAILED', `plan: ${mistakes[0]}`);
    return this.store(actor, plan, input.version, { action: 'plan.replaced', planId: plan.id });
  }

  /** Sets (a number) or removes (null) an indicator's targets for the given financial years. */
  async setTargets(
    actor: Actor,
    code: string,
    input: { targets: Record<string, number | null>; version: number },
  ): Promise<ActivePlan> {
    const current = await this.get();
    const indicator = indicatorsOf(current.plan).find((i) => i.code === code);
    if (!indicator) throw new DomainError('NOT_FOUND', 'indicator not found in the plan');
    const removed = Object.entries(input.targets)
      .filter(([, value]) => value === null)
      .map(([year]) => year);
    let changes: Record<string, number>;
    try {
      changes = parseTargets(
        Object.fromEntries(Object.entries(input.targets).filter(([, value]) => value !== null)),
        'targets',
      );
      parseTargets(Object.fromEntries(removed.map((year) => [year, 0])), 'targets');
    } catch (error) {
      throw new DomainError(
        'VALIDATION_FAILED',
        error instanceof Error ? error.message : 'targets',
      );
    }
    const targets = { ...indicator.targets, ...changes };
    for (const year of removed) delete targets[year];
    const plan: Plan = {
      ...current.plan,
      themes: current.plan.themes.map((theme) => ({
        ...theme,
        priorities: theme.priorities.map((priority) => ({
          ...priority,
          indicators: priority.indicators.map((i) => (i.code === code ? { ...i, targets } : i)),
        })),
      })),
    };
    return this.store(actor, plan, input.version, {
      action: 'plan.targets_changed',
      planId: plan.id,
      indicator: code,
      years: Object.keys(input.targets),
    });
  }

  private async store(
    actor: Actor,
    plan: Plan,
    version: number,
    details: { action: string } & Record<string, unknown>,
  ): Promise<ActivePlan> {
    return this.db.transaction(async (sql) => {
      await this.repository.lock(sql);
      const current = await this.active(sql);
      if (current.version !== version) throw staleVersion('The plan');
      const updatedAt = await this.repository.store(sql, plan, version + 1, actor.id);
      const { action, ...rest } = details;
      await this.audit.record(sql, actor, {
        action,
        entityType: 'plan',
        entityId: plan.id,
        details: rest,
      });
      return { plan, version: version + 1, source: 'admin', updatedAt };
    });
  }
}
