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
import { sendCensusFindings, sendCensusReturn } from './census-downloads';
import { CensusErrorsDto, CensusErrorsQuery, CensusQuery } from './dto/returns.dto';
import { ReturnsService } from './returns.service';

const NO_YEAR =
  'collectionYear is not a four-digit year, or no child had a referral episode open in that year';

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
    await sendCensusReturn(response, this.returns, actor, query.collectionYear);
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
    await sendCensusFindings(response, this.returns, actor, query.collectionYear, query.format);
  }
}
