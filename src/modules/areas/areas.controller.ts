import { Body, Controller, Get, Put } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { IdParam } from '../../common/validation/id-param';
import { SetPopulationDto } from '../localities/dto/locality.dto';
import { ALL_ROLES } from '../users/domain/roles';
import { AreasService } from './areas.service';
import { AreaDto, AreaListDto, CreateAreaDto } from './dto/area.dto';

@ApiTags('reference data')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@Controller()
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @IdempotentPost('localities/:id/areas')
  @Access('admin')
  @ApiOperation({ summary: "Divide a locality: a children's centre area and its postcode sectors" })
  @ApiCreatedResponse({ type: AreaDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such locality' })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Name or code used, or a sector in another area',
  })
  create(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CreateAreaDto,
  ): Promise<AreaDto> {
    return this.areas.create(actor, id, body);
  }

  @Get('localities/:id/areas')
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: "A locality's areas with their sectors and populations" })
  @ApiOkResponse({ type: AreaListDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such locality' })
  list(@IdParam() id: string): Promise<AreaListDto> {
    return this.areas.list(id);
  }

  @Put('areas/:id/population')
  @Access('admin')
  @ApiOperation({ summary: "Set a year's population of an area by age band (mid-year estimate)" })
  @ApiOkResponse({ type: AreaDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale version' })
  setPopulation(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SetPopulationDto,
  ): Promise<AreaDto> {
    return this.areas.setPopulation(actor, id, body);
  }
}
