import { Body, Controller, Get, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { PageQuery } from '../../common/pagination/page';
import { IdParam } from '../../common/validation/id-param';
import { HearingListView, HearingView, RecordHearingDto } from './dto/panel.dto';
import { PanelsService } from './panels.service';

@ApiTags('panels')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case visible to you' })
@Controller()
export class PanelsController {
  constructor(private readonly panels: PanelsService) {}

  @IdempotentPost('cases/:id/panels')
  @Access('practitioner', 'locality_manager')
  @ApiOperation({
    summary:
      'Record that a panel (config/panels.yaml) heard the case, with its outcome (the lead professional or a locality manager)',
  })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description: 'Neither the lead professional nor a locality manager',
  })
  record(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: RecordHearingDto,
  ): Promise<HearingView> {
    return this.panels.record(actor, id, body);
  }

  @Get('cases/:id/panels')
  @Access('practitioner', 'locality_manager', 'social_care')
  @ApiOperation({ summary: 'The panel hearings of the case, newest first' })
  list(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: PageQuery,
  ): Promise<HearingListView> {
    return this.panels.list(actor, id, query);
  }
}
