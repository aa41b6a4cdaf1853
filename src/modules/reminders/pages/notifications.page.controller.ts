import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { PageController } from '../../../web/page-controller';
import { ALL_ROLES } from '../../users/domain/roles';
import { NotificationsService } from '../notifications.service';
import { notificationItem } from './notification-text';

const PAGE_SIZE = 25;

/** `/notifications`: the user's reminders and escalations, newest first; mark one as read. */
@PageController('notifications')
@Access(...ALL_ROLES)
export class NotificationsPageController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Query('cursor') cursor: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const page = await this.notifications.list(actor, {
      limit: PAGE_SIZE,
      cursor: typeof cursor === 'string' && cursor !== '' ? cursor : undefined,
    });
    response.render('notifications', {
      pageTitle: 'Notifications',
      currentSection: '/notifications',
      items: page.items.map(notificationItem),
      nextCursor: page.nextCursor,
    });
  }

  /** Post/redirect/get: back to the list, which says what was marked. */
  @Post(':id/read')
  async read(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const notification = await this.notifications.read(actor, id);
    await redirectWithFlash(request, response, '/notifications', {
      text: `Marked as read: ${notificationItem(notification).title}`,
    });
  }
}
