import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { IdParam } from '../../common/validation/id-param';
import { CreateUserDto, UpdateUserDto, UserDto, UserListQuery, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Access('admin')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @IdempotentPost()
  @ApiOperation({ summary: 'Create a user of any role' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Email already used' })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Unknown agency, locality or manager',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'List users by display name' })
  list(@Query() query: UserListQuery): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@IdParam() id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user; deactivating or a new password revokes their tokens' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Stale version, or the last active admin',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponse,
    description: 'Unknown agency, locality or manager',
  })
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }
}
