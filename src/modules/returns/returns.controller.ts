import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { toCsv } from '../kpis/domain/csv';
import { FINDING_CSV_COLUMNS } from './domain/census-rules';
import { CensusErrorsDto, CensusErrorsQuery, CensusQuery } from './dto/returns.dto';
import { ReturnsService, type Write } from './returns.service';

const NO_YEAR =
  'collectionYear is not a four-digit year, or no child had a referral episode open in that year';

/** Waits for the socket to take more, or to close; leaves no listener behind. */
function drainedOrClosed(response: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * A writer to the response that waits for the socket to drain, and stops the return when the
 * client has gone (its cursor's transaction then rolls back; the audit rows written so far stay).
 */
function writerTo(response: Response, contentType: string, filename: string): Write {
  let headed = false;
  return async (chunk) => {
    if (!headed) {
      headed = true;
      response.status(200);
      response.setHeader('Content-Type', contentType);
      response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      response.setHeader('Cache-Control', 'no-store');
    }
    if (response.destroyed || response.writableEnded) throw new Error('client went away');
    if (!response.write(chunk)) {
      await drainedOrClosed(response);
      if (response.destroyed) throw new Error('client went away');
    }
  };
}

/** The Department for Education's returns: the Children in Need census and its checks. */
@ApiTags('returns')
@Controller('returns')
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @Get('cin-census')
  @Access('performance_manager', 'admin')
  @ApiOperation({
    summary:
      'The Children in Need census return of a collection year (the year ending 31 March): the XML message of the DfE schema, streamed',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The census message (Message → Header → Children)' })
  @ApiBadRequestResponse({ type: ErrorResponse, description: NO_YEAR })
  async cinCensus(
    @CurrentActor() actor: Actor,
    @Query() query: CensusQuery,
    @Res() response: Response,
  ): Promise<void> {
    const write = writerTo(
      response,
      'application/xml; charset=utf-8',
      `cin-census-${query.collectionYear}.xml`,
    );
    await this.streamed(response, () => this.returns.cinCensus(actor, query.collectionYear, write));
  }

  @Get('cin-census/errors')
  @Access('performance_manager', 'admin')
  @ApiOperation({
    summary:
      "The records of a collection year that the census's validation would reject (errors) or query (warnings), with the rule and how to mend each",
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CensusErrorsDto })
  @ApiBadRequestResponse({ type: ErrorResponse, description: NO_YEAR })
  async errors(
    @CurrentActor() actor: Actor,
    @Query() query: CensusErrorsQuery,
    @Res() response: Response,
  ): Promise<void> {
    const csv = query.format === 'csv';
    const write = writerTo(
      response,
      csv ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
      `cin-census-${query.collectionYear}-errors.${csv ? 'csv' : 'json'}`,
    );
    let started = false;
    let anyItem = false;
    const counts = { errors: 0, warnings: 0 };
    await this.streamed(response, async () => {
      await this.returns.censusFindings(actor, query.collectionYear, async (findings) => {
        for (const f of findings) counts[f.severity === 'error' ? 'errors' : 'warnings'] += 1;
        let text: string;
        if (csv) {
          const all = toCsv(FINDING_CSV_COLUMNS, findings);
          // The header row once, at the start.
          text = started ? all.slice(all.indexOf('\r\n') + 2) : all;
        } else {
          const items = findings.map((f) => JSON.stringify(f)).join(',');
          text =
            (started ? '' : `{"collectionYear":${Number(query.collectionYear)},"items":[`) +
            (anyItem && items !== '' ? ',' : '') +
            items;
          if (items !== '') anyItem = true;
        }
        started = true;
        await write(text);
      });
      if (!csv) await write(`],"errors":${counts.errors},"warnings":${counts.warnings}}`);
    });
  }

  /** Runs a streamed answer: errors before the first byte are answered as usual (400). */
  private async streamed(response: Response, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      response.end();
    } catch (error) {
      if (!response.headersSent) throw error;
      // Part of the answer is out: the client must not mistake it for the whole.
      response.destroy();
    }
  }
}
