import { Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { PageController } from '../../../web/page-controller';
import { ChildrenService } from '../../children/children.service';
import { childIdOf } from '../../children/pages/child-id';
import { ChronologyService } from '../chronology.service';

const PER_PAGE = 20;
/** How many earlier pages "Previous" can go back through (the cursors ride in the link). */
const MAX_BACK = 50;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

/**
 * `/children/:id/chronology` "Chronology": the child's time line as the MOJ timeline, with a
 * significant-only filter and either order, keyset-paginated with the API's cursor. The
 * filter is a GET form: its answers are a boolean and an order, no child data. "Previous"
 * carries the cursors of the pages before (the API's lists only go forwards).
 */
@PageController('children')
@Access('practitioner', 'locality_manager', 'social_care')
export class ChronologyPageController {
  constructor(
    private readonly children: ChildrenService,
    private readonly chronology: ChronologyService,
  ) {}

  @Get(':id/chronology')
  async show(
    @CurrentActor() actor: Actor,
    @Param('id') rawId: string,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ): Promise<void> {
    const id = childIdOf(rawId);
    const order = query.order === 'asc' ? 'asc' : 'desc';
    const significantOnly = query.significantOnly === 'true';
    const cursor = cursorOf(query.cursor);
    const back =
      typeof query.back === 'string' && query.back !== ''
        ? query.back
            .split('.')
            .slice(-MAX_BACK)
            .filter((c) => c === '-' || CURSOR.test(c))
        : [];
    const child = await this.children.get(actor, id);
    const page = await this.chronology.forChild(actor, id, {
      order,
      significantOnly,
      cursor,
      limit: PER_PAGE,
    });
    const link = (c: string | undefined, b: string[]): string => {
      const params = new URLSearchParams();
      if (order === 'asc') params.set('order', 'asc');
      if (significantOnly) params.set('significantOnly', 'true');
      if (c) params.set('cursor', c);
      if (b.length > 0) params.set('back', b.join('.'));
      const q = params.toString();
      return `/children/${id}/chronology${q ? `?${q}` : ''}`;
    };
    const previous = cursor === undefined ? undefined : back.at(-1);
    response.render('child-chronology', {
      pageTitle: 'Chronology',
      child,
      order,
      significantOnly,
      items: page.items,
      nextHref: page.nextCursor ? link(page.nextCursor, [...back, cursor ?? '-']) : undefined,
      previousHref:
        cursor === undefined
          ? undefined
          : link(
              previous === '-' || previous === undefined ? undefined : previous,
              back.slice(0, -1),
            ),
    });
  }
}

function cursorOf(value: unknown): string | undefined {
  return typeof value === 'string' && CURSOR.test(value) ? value : undefined;
}
