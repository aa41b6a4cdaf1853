import { Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { dateInputItems } from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { PageController } from '../../../web/page-controller';
import { ChildrenService } from '../children.service';
import {
  checkChildSearch,
  ChildSearchValues,
  childSearchFrom,
  emptyChildSearch,
} from './child-search-form';

export const CHILD_READERS = ['practitioner', 'locality_manager', 'social_care'] as const;
const RESULTS_PER_PAGE = 25;

/**
 * `/children/search` "Find a child". The form posts and the results come back on the POST's
 * own answer, so that no name, date of birth or NHS number is ever in a URL (nor in the
 * session). Results are `GET /children?q=`'s: only children the user may see, audited alike.
 */
@PageController('children')
@Access(...CHILD_READERS)
export class FindChildPageController {
  constructor(private readonly children: ChildrenService) {}

  @Get('search')
  show(@Res() response: Response): void {
    response.render('child-search', view(emptyChildSearch(), new FormErrors(), []));
  }

  @Post('search')
  // A search changes nothing: its answer is the results page itself.
  @HttpCode(200)
  async search(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = childSearchFrom(body);
    const checked = checkChildSearch(values);
    if (!checked.q) {
      response
        .status(400)
        .render('child-search', view(values, checked.errors, checked.invalidDateParts));
      return;
    }
    const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
    const page = await this.children.search(actor, {
      q: checked.q,
      limit: RESULTS_PER_PAGE,
      cursor: cursor?.slice(0, 512),
    });
    response.render('child-search', {
      ...view(values, checked.errors, []),
      results: page.items,
      nextCursor: page.nextCursor,
      firstPage: cursor === undefined,
    });
  }
}

function view(
  values: ChildSearchValues,
  errors: FormErrors,
  invalid: ('day' | 'month' | 'year')[],
) {
  const dateField = errors.summary.find((e) => e.href.startsWith('#dateOfBirth-'));
  return {
    pageTitle: 'Find a child',
    currentSection: '/children/search',
    values,
    errors,
    dateItems: dateInputItems(values.dateOfBirth, invalid),
    dateError: dateField ? { text: dateField.text } : false,
  };
}
