import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { AGE_BANDS, CreateLocalityDto, SetPopulationDto } from './dto/locality.dto';
import { LocalitiesRepository, LocalityRow } from './localities.repository';

@Injectable()
export class LocalitiesService {
  constructor(
    private readonly db: Database,
    private readonly localities: LocalitiesRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Which of these ids name no locality, inside the caller's transaction (for other modules). */
  missing(sql: Sql, ids: readonly string[]): Promise<string[]> {
    return this.localities.missing(sql, ids);
  }

  async create(actor: Actor, input: CreateLocalityDto): Promise<LocalityRow> {
    return this.db.transaction(async (sql) => {
      if (await this.localities.nameOrCodeTaken(sql, input.name, input.code)) {
        throw new DomainError('ALREADY_EXISTS', 'A locality with this name or code already exists');
      }
      const id = await this.localities.insert(sql, input.name, input.code);
      await this.audit.record(sql, actor, {
        action: 'locality.created',
        entityType: 'locality',
        entityId: id,
        details: { name: input.name, code: input.code },
      });
      return (await this.localities.findById(sql, id))!;
    });
  }

  async setPopulation(actor: Actor, id: string, input: SetPopulationDto): Promise<LocalityRow> {
    return this.db.transaction(async (sql) => {
      if (!(await this.localities.touch(sql, id, input.version))) {
        if (!(await this.localities.findById(sql, id))) throw notFound('Locality');
        throw staleVersion('Locality');
      }
      const bands = Object.fromEntries(AGE_BANDS.map((band) => [band, input.bands[band]]));
      await this.localities.upsertPopulation(sql, id, input.year, input.bands);
      await this.audit.record(sql, actor, {
        action: 'locality.population_set',
        entityType: 'locality',
        entityId: id,
        details: { year: input.year, bands },
      });
      return (await this.localities.findById(sql, id))!;
    });
  }

  async get(id: string): Promise<LocalityRow> {
    const locality = await this.db.read((sql) => this.localities.findById(sql, id));
    if (!locality) throw notFound('Locality');
    return locality;
  }

  async list(query: PageQuery): Promise<Page<LocalityRow>> {
    const limit = pageLimit(query);
    const rows = await this.db.read((sql) =>
      this.localities.list(sql, decodeCursor(query.cursor, 2), limit),
    );
    return toPage(
      rows,
      limit,
      (row) => [row.name, row.id],
      (row) => row,
    );
  }
}
