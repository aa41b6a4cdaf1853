import { Body, Controller, Get, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { IdParam } from '../../common/validation/id-param';
import { ChildrenService } from './children.service';
import {
  ChildDto,
  ChildPageDto,
  ChildSearchQuery,
  CreateChildDto,
  CreatedChildDto,
  HouseholdDto,
} from './dto/child.dto';

@ApiTags('children')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@Controller('children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @IdempotentPost()
  @Access('practitioner', 'locality_manager', 'social_care')
  @ApiOperation({
    summary:
      'Register a child in one of your localities; possible duplicates are flagged, not refused',
  })
  register(@CurrentActor() actor: Actor, @Body() body: CreateChildDto): Promise<CreatedChildDto> {
    return this.children.register(actor, body);
  }

  @Get()
  @Access('practitioner', 'locality_manager', 'social_care')
  @ApiOperation({
    summary:
      'Children you may see, by family name; q matches a name, date of birth, NHS number or UPN',
  })
  search(@CurrentActor() actor: Actor, @Query() query: ChildSearchQuery): Promise<ChildPageDto> {
    return this.children.search(actor, query);
  }

  @Get(':id')
  @Access('practitioner', 'locality_manager', 'social_care')
  @ApiOperation({ summary: 'One child' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such child visible to you' })
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ChildDto> {
    return this.children.get(actor, id);
  }

  @Get(':id/household')
  @Access('practitioner', 'locality_manager', 'social_care')
  @ApiOperation({
    summary:
      'The other children of the child’s household that you may see, with their open case and open referral',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such child visible to you' })
  household(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<HouseholdDto> {
    return this.children.household(actor, id);
  }
}
