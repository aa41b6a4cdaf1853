import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { DomainError } from '../../../common/errors/domain-error';
import { PageController } from '../../../web/page-controller';
import { sendCensusFindings, sendCensusReturn } from '../census-downloads';
import { latestEndedCollectionYear } from '../domain/collection-year';
import type { CensusFinding } from '../domain/census-rules';
import { ReturnsService, type CensusFindingPage } from '../returns.service';

/** Findings shown on one page; the CSV download has them all. */
const PAGE_SIZE = 50;
/** Collection years offered: the one in progress and the five before it. */
const YEARS_OFFERED = 6;

const RECORD_NAMES: Record<CensusFinding['subjectType'], string> = {
  child: 'Child',
  referral: 'Referral',
  initial_assessment: 'Initial assessment',
  core_assessment: 'Core assessment',
  assessment: 'Single assessment',
};

/** Who can open the record to mend it (the census page's own users see no case content). */
const MENDED_BY: Record<CensusFinding['subjectType'], string> = {
  child: 'A practitioner, locality manager or social care worker who works with the child',
  referral: 'Social care',
  initial_assessment: 'Social care',
  core_assessment: 'Social care',
  assessment: 'Social care',
};

/** A record's reference on the page: the start of its id (ids are not child data). */
function reference(id: string): string {
  return id.slice(0, 8);
}

/** GOV.UK pagination between the pages of findings (numbered when there are few). */
function pagination(year: number, page: number, pages: number): object | undefined {
  if (pages <= 1) return undefined;
  const href = (p: number) => `/returns/cin-census?collectionYear=${year}&page=${p}`;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items:
      pages <= 10
        ? Array.from({ length: pages }, (_, i) => ({
            number: i + 1,
            href: href(i + 1),
            current: i + 1 === page,
          }))
        : undefined,
  };
}

/**
 * `/returns/cin-census` "Children in Need census", for performance managers and admins: the
 * year's return to download (XML, as the Department for Education's schema), and what the
 * census's own validation would reject or query, record by record, with how to mend it.
 */
@PageController('returns/cin-census')
@Access('performance_manager', 'admin')
export class CinCensusPageController {
  constructor(
    private readonly returns: ReturnsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(
    @CurrentActor() actor: Actor,
    @Query('collectionYear') yearAsked: unknown,
    @Query('page') pageAsked: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const latest = latestEndedCollectionYear(this.clock.today());
    const year =
      typeof yearAsked === 'string' && yearAsked !== ''
        ? this.returns.year(yearAsked).year
        : latest;
    const asked = Math.max(1, Number.parseInt(String(pageAsked), 10) || 1);
    let found = await this.findings(actor, year, asked);
    const pages = Math.max(1, Math.ceil((found?.total ?? 0) / PAGE_SIZE));
    // A page past the last (a link kept from a longer list) shows the last page.
    if (found && asked > pages) found = await this.findings(actor, year, pages);
    const page = Math.min(pages, asked);
    const shown = found?.items ?? [];
    response.render('cin-census', {
      pageTitle: 'Children in Need census',
      currentSection: '/returns/cin-census',
      year,
      years: Array.from({ length: YEARS_OFFERED }, (_, i) => latest + 1 - i).map((y) => ({
        value: String(y),
        text: `1 April ${y - 1} to 31 March ${y}${y > latest ? ' (in progress)' : ''}`,
        selected: y === year,
      })),
      hasReturn: found !== undefined,
      errorCount: found?.errors ?? 0,
      warningCount: found?.warnings ?? 0,
      findings: shown.map((f) => ({
        ...f,
        record:
          f.subjectType === 'child'
            ? `Child ${reference(f.childId)}`
            : `${RECORD_NAMES[f.subjectType]} ${reference(f.subjectId)} of child ${reference(f.childId)}`,
        mendedBy: MENDED_BY[f.subjectType],
      })),
      pages,
      pagination: pagination(year, page, pages),
      firstShown: (page - 1) * PAGE_SIZE + 1,
      lastShown: (page - 1) * PAGE_SIZE + shown.length,
    });
  }

  /** A page of the year's findings; undefined when the year has no return to make. */
  private async findings(
    actor: Actor,
    year: number,
    page: number,
  ): Promise<CensusFindingPage | undefined> {
    try {
      return await this.returns.censusFindingPage(actor, String(year), {
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
    } catch (error) {
      // A year in which no child had a referral episode open has no return to make.
      if (!(error instanceof DomainError && error.code === 'VALIDATION_FAILED')) throw error;
      return undefined;
    }
  }

  /** The return itself, streamed: the same as `GET /api/v1/returns/cin-census`. */
  @Get('return')
  async download(
    @CurrentActor() actor: Actor,
    @Query('collectionYear') collectionYear: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const year = this.returns.year(typeof collectionYear === 'string' ? collectionYear : '').year;
    await sendCensusReturn(response, this.returns, actor, String(year));
  }

  /** Every finding as CSV: the same as `GET /api/v1/returns/cin-census/errors?format=csv`. */
  @Get('errors')
  async errors(
    @CurrentActor() actor: Actor,
    @Query('collectionYear') collectionYear: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const year = this.returns.year(typeof collectionYear === 'string' ? collectionYear : '').year;
    await sendCensusFindings(response, this.returns, actor, String(year), 'csv');
  }
}
