import { Body, Controller, HttpCode, Param, Put, Req } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import {
  CommentaryAnswerDto,
  CommentaryDto,
  CsvLoadAnswerDto,
  EnteredValueAnswerDto,
  EnteredValueDto,
} from './dto/kpi.dto';
import { PlanReportService } from './plan-report.service';

/** The plan report's own figures: entered indicators and commentary. */
@ApiTags('indicators')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field is not valid' })
@Controller('plans/current')
export class PlanReportController {
  constructor(private readonly report: PlanReportService) {}

  @Put('indicators/:code/values')
  @Access('performance_manager', 'admin')
  @ApiOperation({
    summary: "Enter an entered indicator's figure for a period (no localityId: the authority)",
    description:
      'Replacing a figure entered before needs its version; each change is kept and audited.',
  })
  @ApiOkResponse({ type: EnteredValueAnswerDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such indicator in the plan' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale or missing version' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'The indicator is computed by the service',
  })
  putValue(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: EnteredValueDto,
  ): Promise<EnteredValueAnswerDto> {
    return this.report.putValue(actor, code, body);
  }

  @IdempotentPost('values')
  @HttpCode(200)
  @Access('performance_manager', 'admin')
  @ApiOperation({
    summary: "Load entered figures as CSV (the feed's columns): every row checked, all or nothing",
    description:
      'Columns period, indicator_code, locality_code (ALL: the authority), value; numerator and denominator optional; the other feed columns are ignored. A bad file answers 400 naming each bad row and column, and stores nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'period,indicator_code,locality_code,value\r\n2026-09,children_missing_from_home,ALL,14\r\n',
    },
  })
  @ApiOkResponse({ type: CsvLoadAnswerDto })
  loadCsv(@CurrentActor() actor: Actor, @Req() request: Request): Promise<CsvLoadAnswerDto> {
    return this.report.loadCsv(actor, typeof request.body === 'string' ? request.body : '');
  }

  @Put('indicators/:code/commentary')
  @Access('performance_manager', 'admin')
  @ApiOperation({
    summary: 'Write the commentary beside an indicator for a period (the story behind the figure)',
  })
  @ApiOkResponse({ type: CommentaryAnswerDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such indicator in the plan' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale or missing version' })
  putCommentary(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Body() body: CommentaryDto,
  ): Promise<CommentaryAnswerDto> {
    return this.report.putCommentary(actor, code, body);
  }
}
