import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditEntry, AuditLog } from '../../common/audit/audit-log';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import type { Sql } from '../../database/database';
import { CaseRow, CasesRepository } from './cases.repository';
import { RemindersService } from '../reminders/reminders.service';
import { CaseRuleViolation } from './domain/case-lifecycle';

/** Runs a lifecycle rule, turning its refusal into the API's 409 (wrong state) or 422 (rule). */
export function applyRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof CaseRuleViolation) {
      throw new DomainError(
        error.kind === 'state' ? 'INVALID_STATE' : 'RULE_VIOLATED',
        error.message,
      );
    }
    throw error;
  }
}

/**
 * What every change to a case does in its transaction: lock the case the actor may see
 * (404 otherwise), then write the history event, the audit row for the child, and the
 * case's reminders.
 *
 * A request writes one audit row per child it touches: when one change brings another
 * (withdrawn consent closes the case, a confirmed tier activates it), the first change's row
 * lists the ones after it under `then`, written once at the end of the transaction.
 */
@Injectable()
export class CaseChanges {
  private readonly audited = new WeakMap<Sql, Map<string, AuditEntry>>();

  constructor(
    private readonly cases: CasesRepository,
    private readonly audit: AuditLog,
    private readonly reminders: RemindersService,
  ) {}

  async lock(sql: Sql, actor: Actor, caseId: string): Promise<CaseRow> {
    const found = await this.cases.findVisible(sql, actor, caseId, true);
    if (!found) throw notFound('Case');
    return found;
  }

  async record(
    sql: Sql,
    actor: Actor,
    c: Pick<CaseRow, 'id' | 'childId'>,
    type: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.cases.event(sql, c, actor.id, type, details);
    // Every change may start, move or end a TAC reminder (docs/domain.md#team-around-the-child): re-plan them with it.
    await this.reminders.planCaseAndMeetings(sql, c.id);
    this.auditOnce(sql, actor, c, type, details);
  }

  private auditOnce(
    sql: Sql,
    actor: Actor,
    c: Pick<CaseRow, 'id' | 'childId'>,
    type: string,
    details: Record<string, unknown>,
  ): void {
    let byChild = this.audited.get(sql);
    if (!byChild) {
      const entries = new Map<string, AuditEntry>();
      byChild = entries;
      this.audited.set(sql, entries);
      sql.beforeCommit(() => this.audit.recordMany(sql, actor, [...entries.values()]));
    }
    const first = byChild.get(c.childId);
    if (first) {
      const then = ((first.details ??= {}).then ??= []) as Record<string, unknown>[];
      then.push({ action: type, ...details });
      return;
    }
    byChild.set(c.childId, {
      action: type,
      entityType: 'case',
      entityId: c.id,
      childId: c.childId,
      details: { ...details },
    });
  }

  /** Bumps the case's version for a change of its own fields; a stale `version` is a 409. */
  async update(
    sql: Sql,
    c: CaseRow,
    changes: Parameters<CasesRepository['update']>[2],
    version?: number,
  ): Promise<void> {
    if (!(await this.cases.update(sql, c.id, changes, version))) {
      throw staleVersion('Case');
    }
  }
}
