import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { PageController } from '../../../web/page-controller';
import { ALL_ROLES } from '../../users/domain/roles';
import { MyWorkService } from '../my-work.service';

/** `/` "My work": each role's work (see MyWorkService). */
@PageController()
@Access(...ALL_ROLES)
export class MyWorkPageController {
  constructor(private readonly myWork: MyWorkService) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    response.render('my-work', {
      pageTitle: 'My work',
      currentSection: '/',
      role: actor.role,
      work: await this.myWork.forUser(actor),
    });
  }
}
