import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { PanelsService } from '../panels/panels.service';
import { ChronologyRepository } from './chronology.repository';
import { SIGNIFICANT_KINDS, summarise } from './domain/chronology';
import type { ChronologyEntryView, ChronologyQuery } from './dto/chronology.dto';

/** The child's chronology (docs/domain.md#the-chronology), audited as one read of the child. */
@Injectable()
export class ChronologyService {
  constructor(
    private readonly db: Database,
    private readonly chronology: ChronologyRepository,
    private readonly panels: PanelsService,
    private readonly audit: AuditLog,
  ) {}

  async forChild(
    actor: Actor,
    childId: string,
    query: ChronologyQuery,
  ): Promise<Page<ChronologyEntryView>> {
    const limit = pageLimit(query);
    const order = query.order ?? 'desc';
    const cursor = decodeCursor(query.cursor, 3);
    const after = cursor
      ? { at: String(cursor[0]), seq: Number(cursor[1]), key: String(cursor[2]) }
      : undefined;
    return this.db.transaction(async (sql) => {
      if (!(await this.chronology.childVisible(sql, actor, childId))) throw notFound('Child');
      const rows = await this.chronology.entries(sql, actor, childId, {
        order,
        significantOnly: query.significantOnly ?? false,
        significantKinds: SIGNIFICANT_KINDS,
        after,
        limit,
      });
      await this.audit.record(sql, actor, {
        action: 'child.chronology_read',
        entityType: 'child',
        entityId: childId,
        childId,
        details: { order, significantOnly: query.significantOnly ?? false },
      });
      return toPage(
        rows,
        limit,
        (row) => [row.at, row.seq, row.key],
        (row) => ({
          at: row.at,
          kind: row.kind,
          summary: summarise(row.kind, row.facts, (code) => this.panels.panelName(code)),
          significant: row.significant,
          caseId: row.caseId,
          referralId: row.referralId,
          actor:
            row.actorId !== null && row.actorName !== null
              ? { id: row.actorId, displayName: row.actorName }
              : null,
        }),
      );
    });
  }
}
