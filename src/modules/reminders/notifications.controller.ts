import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { IdempotentPost } from '../../common/idempotency/idempotent-post';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { IdParam } from '../../common/validation/id-param';
import { ALL_ROLES } from '../../common/domain/roles';
import { NotificationPageView, NotificationQuery, NotificationView } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Access(...ALL_ROLES)
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Your reminders and escalations, newest first' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: NotificationQuery,
  ): Promise<NotificationPageView> {
    return this.notifications.list(actor, query);
  }

  @IdempotentPost(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such notification of yours' })
  read(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<NotificationView> {
    return this.notifications.read(actor, id);
  }
}
