import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { mayRecordHearing, type Panel } from './domain/panels';
import type { RecordHearingDto } from './dto/panel.dto';
import { PanelsConfig } from './panels.config';
import { HearingRow, PanelsRepository } from './panels.repository';

export type Hearing = HearingRow & { panelName: string };

function notTheRecorder(): DomainError {
  return new DomainError(
    'FORBIDDEN',
    'Only the lead professional or a locality manager records a panel hearing',
  );
}

/** Panel hearings (docs/domain.md#panels): recorded by a locality manager or the lead professional. */
@Injectable()
export class PanelsService {
  constructor(
    private readonly db: Database,
    private readonly hearings: PanelsRepository,
    private readonly config: PanelsConfig,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The name people read for a panel code (the chronology's summaries). */
  panelName(code: string): string {
    return this.config.nameOf(code);
  }

  /** The authority's panels, in the file's order (a form's choices). */
  panels(): readonly Panel[] {
    return this.config.panels;
  }

  /**
   * Whether the caller may record a hearing on the case (a 404 when they may not see it): what
   * a page asks before offering the form; `record` refuses the others the same way.
   */
  async mayRecord(actor: Actor, caseId: string): Promise<boolean> {
    const c = await this.db.transaction((sql) => this.hearings.visibleCase(sql, actor, caseId));
    if (!c) throw notFound('Case');
    return mayRecordHearing(actor, c.leadProfessionalId);
  }

  /** Refuses, as `record` would, a caller who may not record a hearing on the case. */
  async assertMayRecord(actor: Actor, caseId: string): Promise<void> {
    if (!(await this.mayRecord(actor, caseId))) throw notTheRecorder();
  }

  async record(actor: Actor, caseId: string, input: RecordHearingDto): Promise<Hearing> {
    if (!this.config.find(input.panel)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `panel must be one of the panels in config/panels.yaml: ${this.config.panels
          .map((panel) => panel.code)
          .join(', ')}`,
      );
    }
    if (input.heardOn > this.clock.today()) {
      throw new DomainError('VALIDATION_FAILED', 'heardOn cannot be in the future');
    }
    return this.db.transaction(async (sql) => {
      const c = await this.hearings.visibleCase(sql, actor, caseId);
      if (!c) throw notFound('Case');
      if (!mayRecordHearing(actor, c.leadProfessionalId)) throw notTheRecorder();
      const hearing = await this.hearings.insert(
        sql,
        {
          caseId,
          childId: c.childId,
          panel: input.panel,
          heardOn: input.heardOn,
          outcome: input.outcome,
          notes: input.notes ?? null,
          recordedBy: actor.id,
        },
        this.clock.now(),
      );
      await this.audit.record(sql, actor, {
        action: 'panel.hearing_recorded',
        entityType: 'panel_hearing',
        entityId: hearing.id,
        childId: c.childId,
        details: { caseId, panel: input.panel, outcome: input.outcome },
      });
      return this.named(hearing);
    });
  }

  async list(actor: Actor, caseId: string, query: PageQuery): Promise<Page<Hearing>> {
    const limit = pageLimit(query);
    return this.db.transaction(async (sql) => {
      const c = await this.hearings.visibleCase(sql, actor, caseId);
      if (!c) throw notFound('Case');
      const rows = await this.hearings.list(sql, caseId, decodeCursor(query.cursor, 2), limit);
      await this.audit.record(sql, actor, {
        action: 'case.panels_read',
        entityType: 'case',
        entityId: caseId,
        childId: c.childId,
      });
      return toPage(
        rows,
        limit,
        (row) => [row.heardOn, row.id],
        (row) => this.named(row),
      );
    });
  }

  private named(row: HearingRow): Hearing {
    return { ...row, panelName: this.config.nameOf(row.panel) };
  }
}
