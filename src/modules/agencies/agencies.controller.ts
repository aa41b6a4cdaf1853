import { Body, Controller, Get, Query } from '@nestjs/common';
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
import { IdParam } from '../../common/validation/id-param';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyListQuery, AgencyPageDto, CreateAgencyDto } from './dto/agency.dto';

@ApiTags('reference data')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @IdempotentPost()
  @Access('admin')
  @ApiOperation({ summary: 'Create an agency' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'An agency with this name exists' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAgencyDto): Promise<AgencyDto> {
    return this.agencies.create(actor, body);
  }

  @Get()
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'List agencies by name' })
  list(@Query() query: AgencyListQuery): Promise<AgencyPageDto> {
    return this.agencies.list(query);
  }

  @Get(':id')
  @Access(...ALL_ROLES)
  @ApiOperation({ summary: 'One agency' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@IdParam() id: string): Promise<AgencyDto> {
    return this.agencies.get(id);
  }
}
