import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import 'express-session';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { dateInputItems } from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { PageController } from '../../../web/page-controller';
import { LocalitiesService } from '../../localities/localities.service';
import { ChildrenService } from '../children.service';
import { CreateChildDto, type ChildDto } from '../dto/child.dto';
import { childIdOf } from './child-id';
import {
  CHILD_FIELDS,
  childForm,
  ChildFormValues,
  childFormFrom,
  emptyChildForm,
  GENDER_ITEMS,
  disabilityCodeItems,
  ethnicityItems,
  inFormOrder,
} from './child-form';

declare module 'express-session' {
  interface SessionData {
    /** The possible duplicates of the child just registered, shown once on its page. */
    registeredChild?: { childId: string; possibleDuplicates: string[] };
  }
}

const REGISTERERS = ['practitioner', 'locality_manager', 'social_care'] as const;

/**
 * `/children/new` "Register a child" (`POST /children`'s fields, button "Register child").
 * "Register a brother or sister" on a child's page opens it with `?siblingOf=<id>` (a record
 * id, not child data): the new child joins that child's household, and the family name,
 * locality and postcode start as the sibling's. Possible duplicates are named on the new
 * child's page (post/redirect/get).
 */
@PageController('children')
@Access(...REGISTERERS)
export class RegisterChildPageController {
  constructor(
    private readonly children: ChildrenService,
    private readonly localities: LocalitiesService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get('new')
  async show(
    @CurrentActor() actor: Actor,
    @Query('siblingOf') siblingOf: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const values = emptyChildForm();
    let sibling: ChildDto | undefined;
    if (siblingOf !== undefined) {
      sibling = await this.children.get(actor, childIdOf(String(siblingOf)));
      values.siblingOfChildId = sibling.id;
      values.familyName = sibling.familyName;
      values.postcode = sibling.postcode ?? '';
      if (actor.localityIds.includes(sibling.localityId)) values.localityId = sibling.localityId;
    }
    if (values.localityId === '' && actor.localityIds.length === 1) {
      values.localityId = actor.localityIds[0];
    }
    response.render('child-new', await this.view(actor, values, new FormErrors(), [], sibling));
  }

  @Post('new')
  async register(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = childFormFrom(body);
    const sibling =
      values.siblingOfChildId === ''
        ? undefined
        : await this.children.get(actor, childIdOf(values.siblingOfChildId));
    const form = childForm(values, this.clock.now());
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateChildDto,
      input: form.body,
      fields: CHILD_FIELDS,
      firstField: 'givenName',
      errors: form.errors,
      save: async (input) => {
        const child = await this.children.register(actor, input);
        request.session.registeredChild = {
          childId: child.id,
          possibleDuplicates: child.possibleDuplicates,
        };
        return { redirectTo: `/children/${child.id}`, flash: { text: 'Child registered' } };
      },
      showAgain: async (shown) =>
        response.render(
          'child-new',
          await this.view(actor, values, inFormOrder(shown), form.invalidDateParts, sibling),
        ),
    });
  }

  private async view(
    actor: Actor,
    values: ChildFormValues,
    errors: FormErrors,
    invalidDateParts: ('day' | 'month' | 'year')[],
    sibling: ChildDto | undefined,
  ) {
    const all = await this.localities.list({ limit: 200 });
    const mine = all.items.filter((l) => actor.localityIds.includes(l.id));
    const dateField = errors.summary.find((e) => e.href.startsWith('#dateOfBirth-'));
    return {
      pageTitle: 'Register a child',
      currentSection: '/children/new',
      values,
      errors,
      sibling,
      idempotencyKey: newIdempotencyKey(),
      dateItems: dateInputItems(values.dateOfBirth, invalidDateParts),
      dateError: dateField ? { text: dateField.text } : false,
      genderItems: GENDER_ITEMS.map((g) => ({ ...g, checked: g.value === values.gender })),
      localityItems: [
        { value: '', text: 'Select a locality' },
        ...mine.map((l) => ({ value: l.id, text: l.name, selected: l.id === values.localityId })),
      ],
      disabilityItems: [
        { value: 'yes', text: 'Yes', checked: values.disability === 'yes' },
        { value: 'no', text: 'No', checked: values.disability === 'no' },
      ],
      ethnicityItems: ethnicityItems(values.ethnicity),
      disabilityCodeItems: disabilityCodeItems(values.disabilities),
    };
  }
}
