import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/actor';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { Database } from '../../database/database';
import { AGE_BANDS, type SetPopulationDto } from '../localities/dto/locality.dto';
import { AreasRepository, type AreaRow } from './areas.repository';
import { normaliseSector } from './domain/postcode-sector';
import type { CreateAreaDto } from './dto/area.dto';

/** Children's centre reach areas within localities (docs/domain.md#areas). */
@Injectable()
export class AreasService {
  constructor(
    private readonly db: Database,
    private readonly areas: AreasRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, localityId: string, input: CreateAreaDto): Promise<AreaRow> {
    const sectors = input.postcodeSectors.map((typed, i) => {
      const sector = normaliseSector(typed);
      if (!sector) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `postcodeSectors[${i}] is not a postcode sector (an outward code and one digit, e.g. "TW3 1")`,
        );
      }
      return sector;
    });
    const repeated = sectors.find((sector, i) => sectors.indexOf(sector) !== i);
    if (repeated) {
      throw new DomainError('VALIDATION_FAILED', `postcodeSectors names ${repeated} twice`);
    }
    return this.db.transaction(async (sql) => {
      if (!(await this.areas.localityExists(sql, localityId))) throw notFound('Locality');
      if (await this.areas.codeOrNameTaken(sql, input.name, input.code)) {
        throw new DomainError('ALREADY_EXISTS', 'An area with this name or code already exists');
      }
      const taken = await this.areas.takenSectors(sql, sectors);
      if (taken.length > 0) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `postcodeSectors: ${taken.map((t) => `${t.sector} is in area ${t.code}`).join(', ')} (a sector belongs to one area)`,
        );
      }
      const id = await this.areas.insert(sql, localityId, input.name, input.code, sectors);
      await this.audit.record(sql, actor, {
        action: 'area.created',
        entityType: 'area',
        entityId: id,
        details: { localityId, name: input.name, code: input.code, sectors: sectors.length },
      });
      return (await this.areas.findById(sql, id))!;
    });
  }

  async setPopulation(actor: Actor, id: string, input: SetPopulationDto): Promise<AreaRow> {
    return this.db.transaction(async (sql) => {
      if (!(await this.areas.touch(sql, id, input.version))) {
        if (!(await this.areas.findById(sql, id))) throw notFound('Area');
        throw staleVersion('Area');
      }
      const bands = Object.fromEntries(AGE_BANDS.map((band) => [band, input.bands[band]]));
      await this.areas.upsertPopulation(sql, id, input.year, input.bands);
      await this.audit.record(sql, actor, {
        action: 'area.population_set',
        entityType: 'area',
        entityId: id,
        details: { year: input.year, bands },
      });
      return (await this.areas.findById(sql, id))!;
    });
  }

  async list(localityId: string): Promise<{ items: AreaRow[] }> {
    return this.db.read(async (sql) => {
      if (!(await this.areas.localityExists(sql, localityId))) throw notFound('Locality');
      return { items: await this.areas.listByLocality(sql, localityId) };
    });
  }
}
