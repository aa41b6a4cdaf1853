import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ALL_ROLES } from '../../common/domain/roles';
import { ErrorResponse } from '../../common/errors/error-response';
import { PageQuery } from '../../common/pagination/page';
import { IdParam } from '../../common/validation/id-param';
import {
  CreateLocalityDto,
  LocalityDto,
  LocalityPageDto,
  SetPopulationDto,
} from './dto/locality.dto';
import { LocalitiesService } from './localities.service';

@ApiTags('reference data')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@Controller('localities')
export class LocalitiesController {
  constructor(private readonly localities: LocalitiesService) {}

  @IdempotentPost()
  @Access('admin')
  @ApiOperation({ summary: 'Create a locality' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Name or code already used' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateLocalityDto): Promise<LocalityDto> {
    return this.localities.create(actor, body);
  }

  @Get()
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'List localities by name, with their populations' })
  list(@Query() query: PageQuery): Promise<LocalityPageDto> {
    return this.localities.list(query);
  }

  @Get(':id')
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'One locality with its populations' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@IdParam() id: string): Promise<LocalityDto> {
    return this.localities.get(id);
  }

  @Put(':id/population')
  @Access('admin')
  @ApiOperation({ summary: "Set a year's population by age band (mid-year estimate)" })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Stale version' })
  setPopulation(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SetPopulationDto,
  ): Promise<LocalityDto> {
    return this.localities.setPopulation(actor, id, body);
  }
}
