import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { notFound } from '../../common/errors/domain-error';
import { Database, Sql } from '../../database/database';
import { ChildrenService } from '../children/children.service';
import { UsersService } from '../users/users.service';
import { CaseDetail, CasesService } from './cases.service';
import { CaseEventRow, CasesRepository } from './cases.repository';

const HISTORY_SHOWN = 10;

/** A case as its page shows it: the API's case answer, with the names a reader needs. */
export interface CaseOverview {
  case: CaseDetail;
  childName: string;
  /** Display names of the users the case names (creator, lead, deciders, members, history). */
  people: Record<string, string>;
  history: CaseEventRow[];
}

/** Who last changed a part of a case, and when (a stale-version warning says it). */
export interface LastChange {
  changedBy: string;
  changedAt: Date;
}

/**
 * The case pages' reads: the same case answer as `GET /api/v1/cases/:id` (the same visibility
 * and the same `case.read` audit row), plus the child's name, the users' names and the latest
 * history, in one transaction.
 */
@Injectable()
export class CaseOverviewService {
  constructor(
    private readonly db: Database,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly children: ChildrenService,
    private readonly users: UsersService,
    private readonly audit: AuditLog,
  ) {}

  async overview(actor: Actor, id: string): Promise<CaseOverview> {
    return this.db.transaction(async (sql) => {
      const c = await this.cases.findVisible(sql, actor, id);
      if (!c) throw notFound('Case');
      await this.audit.record(sql, actor, {
        action: 'case.read',
        entityType: 'case',
        entityId: id,
        childId: c.childId,
      });
      const detail = await this.casesService.detail(sql, c);
      const child = await this.children.findVisible(sql, actor, c.childId);
      const history = await this.cases.eventsForCase(sql, id, HISTORY_SHOWN);
      const ids = new Set<string>([c.createdBy]);
      if (c.leadProfessionalId) ids.add(c.leadProfessionalId);
      if (detail.pendingTierDecision) ids.add(detail.pendingTierDecision.decidedBy);
      if (detail.preAssessment) ids.add(detail.preAssessment.recordedBy);
      for (const m of detail.members) if (m.userId) ids.add(m.userId);
      for (const e of history) if (e.actorUserId) ids.add(e.actorUserId);
      return {
        case: detail,
        childName: child ? `${child.givenName} ${child.familyName}` : '',
        people: await this.namesOf(sql, ids),
        history,
      };
    });
  }

  /** The last change to the case of one of `types` (e.g. `assessment.saved`), by whom. */
  async lastChange(actor: Actor, id: string, types: readonly string[]): Promise<LastChange> {
    return this.db.transaction(async (sql) => {
      const c = await this.cases.findVisible(sql, actor, id);
      if (!c) throw notFound('Case');
      const event = await this.cases.latestEventOf(sql, id, types);
      const names = await this.namesOf(sql, new Set(event?.actorUserId ? [event.actorUserId] : []));
      return {
        changedBy: (event?.actorUserId && names[event.actorUserId]) || 'Someone else',
        changedAt: event?.at ?? c.updatedAt,
      };
    });
  }

  private async namesOf(sql: Sql, ids: ReadonlySet<string>): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    for (const id of ids) {
      const user = await this.users.findById(sql, id);
      if (user) names[id] = user.displayName;
    }
    return names;
  }
}
