import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { AgenciesRepository, AgencyRow } from './agencies.repository';
import type { AgencyListQuery, CreateAgencyDto } from './dto/agency.dto';

@Injectable()
export class AgenciesService {
  constructor(
    private readonly db: Database,
    private readonly agencies: AgenciesRepository,
    private readonly audit: AuditLog,
  ) {}

  /** An agency, inside the caller's transaction (for other modules). */
  findById(sql: Sql, id: string): Promise<AgencyRow | undefined> {
    return this.agencies.findById(sql, id);
  }

  /** The first agency recorded, or a new one of that name and type if there is none yet. */
  async firstOrCreate(sql: Sql, name: string, type: AgencyRow['type']): Promise<AgencyRow> {
    return (await this.agencies.findFirst(sql)) ?? (await this.agencies.insert(sql, name, type));
  }

  async create(actor: Actor, input: CreateAgencyDto): Promise<AgencyRow> {
    return this.db.transaction(async (sql) => {
      if (await this.agencies.nameTaken(sql, input.name)) {
        throw new DomainError('ALREADY_EXISTS', 'An agency with this name already exists');
      }
      const agency = await this.agencies.insert(sql, input.name, input.type);
      await this.audit.record(sql, actor, {
        action: 'agency.created',
        entityType: 'agency',
        entityId: agency.id,
        details: { name: agency.name, type: agency.type },
      });
      return agency;
    });
  }

  async get(id: string): Promise<AgencyRow> {
    const agency = await this.db.read((sql) => this.agencies.findById(sql, id));
    if (!agency) throw notFound('Agency');
    return agency;
  }

  async list(query: AgencyListQuery): Promise<Page<AgencyRow>> {
    const limit = pageLimit(query);
    const rows = await this.db.read((sql) =>
      this.agencies.list(sql, query.type, decodeCursor(query.cursor, 2), limit),
    );
    return toPage(
      rows,
      limit,
      (row) => [row.name, row.id],
      (row) => row,
    );
  }
}
