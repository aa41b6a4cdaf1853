import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Database } from '../../database/database';
import { InjectAuthorityFile } from '../../config/authority-files';
import { AUTHORITY_FILE } from './authority.file';
import type { Authority } from './domain/authority';
import { censusEpisode } from './domain/census-episode';
import { childXml, messageEnd, messageStart, type CensusChild } from './domain/census-record';
import { validateCensusChild, type CensusFinding } from './domain/census-rules';
import { parseCollectionYear, type CollectionYear } from './domain/collection-year';
import { CensusChildRow, ReturnsRepository } from './returns.repository';

/** Children read from the cursor, audited and written at a time. */
const BATCH = 250;

export const SOFTWARE_CODE = 'Continuum';
export const RELEASE = '1.0';

/** Where the return's pieces go: awaited, so that a slow reader slows the cursor down. */
export type Write = (chunk: string) => Promise<void>;

/**
 * The Children in Need census return (docs/domain.md#children-in-need-census) and the census's
 * own checks on it (docs/domain.md#census-validation), for performance managers and admins.
 * Both read the year's children through a cursor, a batch at a time, and write each batch's
 * audit rows (one read per child) in their own transaction before the batch is written out.
 */
/** A page of a year's census findings, and how many there are in all. */
export interface CensusFindingPage {
  total: number;
  errors: number;
  warnings: number;
  items: CensusFinding[];
}

@Injectable()
export class ReturnsService {
  constructor(
    private readonly db: Database,
    private readonly returns: ReturnsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @InjectAuthorityFile(AUTHORITY_FILE) private readonly authority: Authority,
  ) {}

  /** The collection year asked for, or 400 naming the parameter. */
  year(collectionYear: string): CollectionYear {
    const year = parseCollectionYear(collectionYear);
    if (!year) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'collectionYear must be a four-digit year from 2001 to 2100, e.g. 2025',
      );
    }
    return year;
  }

  /**
   * Writes the census message of the year to `write`: Message, Header, then one Child per
   * child, a batch at a time. A year without any child answers 400 before anything is
   * written (the schema needs at least one Child). Resolves when the message is complete.
   */
  async cinCensus(actor: Actor, collectionYear: string, write: Write): Promise<void> {
    const year = this.year(collectionYear);
    let started = false;
    await this.eachBatch(actor, year, 'cin_census.read', async (children) => {
      if (!started) {
        started = true;
        await write(
          messageStart({
            year: year.year,
            referenceDate: year.to,
            lea: this.authority.lea,
            dateTime: this.clock.now().toISOString(),
            softwareCode: SOFTWARE_CODE,
            release: RELEASE,
          }),
        );
      }
      await write(children.map(childXml).join(''));
    });
    await write(messageEnd());
  }

  /**
   * The records of the year the census's validation would reject (errors) or query
   * (warnings), child by child, to `each`: the children with findings are audited as read.
   * A year without any child answers 400.
   */
  async censusFindings(
    actor: Actor,
    collectionYear: string,
    each: (findings: CensusFinding[]) => Promise<void>,
  ): Promise<void> {
    const year = this.year(collectionYear);
    await this.eachBatch(
      actor,
      year,
      'cin_census_errors.read',
      async (children) => {
        await each(children.flatMap(validateCensusChild));
      },
      (child) => validateCensusChild(child).length > 0,
    );
  }

  /**
   * One page of the year's findings, with the counts of all of them (for the census page): the
   * findings are worked out child by child, as the download streams them, and only the page's
   * are kept, so a year with many findings never sits whole in memory.
   */
  async censusFindingPage(
    actor: Actor,
    collectionYear: string,
    page: { offset: number; limit: number },
  ): Promise<CensusFindingPage> {
    const result: CensusFindingPage = { total: 0, errors: 0, warnings: 0, items: [] };
    await this.censusFindings(actor, collectionYear, async (findings) => {
      for (const finding of findings) {
        const index = result.total;
        result.total += 1;
        if (finding.severity === 'error') result.errors += 1;
        else result.warnings += 1;
        if (index >= page.offset && index < page.offset + page.limit) result.items.push(finding);
      }
    });
    return result;
  }

  private async eachBatch(
    actor: Actor,
    year: CollectionYear,
    action: string,
    work: (children: CensusChild[]) => Promise<void>,
    audited: (child: CensusChild) => boolean = () => true,
  ): Promise<void> {
    let any = false;
    await this.db.transaction(async (sql) => {
      await this.returns.openCensusCursor(sql, year);
      for (;;) {
        const rows = await this.returns.fetchCensusChildren(sql, BATCH);
        if (rows.length === 0) break;
        any = true;
        const children = rows.map((row) => this.child(row, year));
        // Audited before anything of the batch is shown, and kept if the download stops.
        await this.db.transaction((audit) =>
          this.audit.recordMany(
            audit,
            actor,
            children.filter(audited).map((child) => ({
              action,
              entityType: 'child',
              entityId: child.childId,
              childId: child.childId,
              details: { collectionYear: year.year },
            })),
          ),
        );
        await work(children);
        if (rows.length < BATCH) break;
      }
      await this.returns.closeCensusCursor(sql);
      if (!any) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `collectionYear ${year.year} has no child with a referral episode open from ${year.from} to ${year.to}: there is no return to make`,
        );
      }
    });
  }

  private child(row: CensusChildRow, year: CollectionYear): CensusChild {
    return {
      childId: row.childId,
      upn: row.upn,
      dateOfBirth: row.dateOfBirth,
      gender: row.gender,
      ethnicity: row.ethnicity,
      disabilities: row.disabilities,
      disability: row.disability,
      episodes: row.episodes.map((facts) => censusEpisode(facts, year)),
    };
  }
}
