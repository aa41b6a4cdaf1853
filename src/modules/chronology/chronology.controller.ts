import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { IdParam } from '../../common/validation/id-param';
import { ChronologyService } from './chronology.service';
import { ChronologyPageView, ChronologyQuery } from './dto/chronology.dto';

@ApiTags('children')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@Controller()
export class ChronologyController {
  constructor(private readonly chronology: ChronologyService) {}

  @Get('children/:id/chronology')
  @Access('practitioner', 'locality_manager', 'social_care')
  @ApiOperation({
    summary:
      'The child’s chronology: one time line of what was recorded on the cases and referrals you may see',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such child visible to you' })
  get(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() query: ChronologyQuery,
  ): Promise<ChronologyPageView> {
    return this.chronology.forChild(actor, id, query);
  }
}
