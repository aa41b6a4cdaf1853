import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { DomainError } from '../../../common/errors/domain-error';
import { IdempotentForms, newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { PageController } from '../../../web/page-controller';
import { CasesService } from '../../cases/cases.service';
import { ChronologyService } from '../../chronology/chronology.service';
import { LocalitiesService } from '../../localities/localities.service';
import { ReferralsService } from '../../referrals/referrals.service';
import { ChildrenService } from '../children.service';
import type { ChildDto } from '../dto/child.dto';
import { childIdOf } from './child-id';
import { GENDER_ITEMS } from './child-form';
import {
  disabilityName,
  isDisabilityCode,
  isEthnicityCode,
  ethnicityName,
} from '../domain/dfe-codes';
import { CHILD_READERS } from './find-child.page.controller';

/** How many of the latest chronology entries the child's page shows. */
export const LATEST_ENTRIES = 5;
/** Who may start a CAF (`POST /cases`'s roles). */
const CASE_STARTERS: readonly string[] = ['practitioner', 'locality_manager'];
const REGISTERERS: readonly string[] = ['practitioner', 'locality_manager', 'social_care'];

/**
 * `/children/:id`: the child's name as the heading, their details, household, cases, referrals
 * and latest chronology entries, each read through its feature's service (so audited as the
 * API's reads are), and "Start a CAF" when no case is open. A child the user may not see is the
 * ordinary 404 page.
 */
@PageController('children')
@Access(...CHILD_READERS)
export class ChildPageController {
  constructor(
    private readonly children: ChildrenService,
    private readonly cases: CasesService,
    private readonly referrals: ReferralsService,
    private readonly chronology: ChronologyService,
    private readonly localities: LocalitiesService,
    private readonly forms: IdempotentForms,
  ) {}

  @Get(':id')
  async show(
    @CurrentActor() actor: Actor,
    @Param('id') rawId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const id = childIdOf(rawId);
    const child = await this.children.get(actor, id);
    const [household, cases, referrals, latest, locality] = [
      await this.children.household(actor, id),
      await this.cases.forChild(actor, id),
      await this.referrals.forChild(actor, id),
      await this.chronology.forChild(actor, id, { limit: LATEST_ENTRIES }),
      await this.localities.get(child.localityId),
    ];
    const registered = request.session.registeredChild;
    let duplicates: ChildDto[] = [];
    if (registered && registered.childId === id) {
      delete request.session.registeredChild;
      duplicates = await this.visible(actor, registered.possibleDuplicates);
    }
    const openCase = cases.find((c) => c.status !== 'closed');
    response.render('child', {
      pageTitle: `${child.givenName} ${child.familyName}`,
      child,
      localityName: locality.name,
      ethnicityText: isEthnicityCode(child.ethnicity)
        ? ethnicityName(child.ethnicity)
        : 'Not recorded',
      disabilityText: disabilitySummary(child.disability, child.disabilities),
      genderText: GENDER_ITEMS.find((g) => g.value === child.gender)?.text ?? child.gender,
      household: household.members,
      cases,
      referrals,
      latest: latest.items,
      moreEntries: latest.nextCursor !== null,
      duplicates,
      openCase,
      canStartCaf: !openCase && CASE_STARTERS.includes(actor.role),
      // A practitioner refers from a case they are linked to; managers and social care may refer any child they see.
      canRefer:
        actor.role === 'practitioner' ? openCase !== undefined : REGISTERERS.includes(actor.role),
      canRegister: REGISTERERS.includes(actor.role) && actor.localityIds.length > 0,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  /** "Start a CAF": `POST /cases {childId}`, then the new case's page. */
  @Post(':id/cases')
  @Access('practitioner', 'locality_manager')
  async startCaf(
    @CurrentActor() actor: Actor,
    @Param('id') rawId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const id = childIdOf(rawId);
    const outcome = await this.forms.once(
      actor.id,
      `/children/${id}/cases`,
      request.body,
      async () => {
        const started = await this.cases.create(actor, id);
        return { redirectTo: `/cases/${started.id}` };
      },
    );
    await redirectWithFlash(request, response, outcome.redirectTo, { text: 'CAF started' });
  }

  /** The possible duplicates the user may see (the service names only those). */
  private async visible(actor: Actor, ids: readonly string[]): Promise<ChildDto[]> {
    const found: ChildDto[] = [];
    for (const id of ids) {
      try {
        found.push(await this.children.get(actor, id));
      } catch (error) {
        // One that is no longer visible since the registration is left out, not an error page.
        if (!(error instanceof DomainError && error.code === 'NOT_FOUND')) throw error;
      }
    }
    return found;
  }
}

/** "Yes: Mobility, Hearing", "No", or "Yes" when no code says which. */
function disabilitySummary(
  disability: boolean | null | undefined,
  codes: readonly string[] = [],
): string {
  const named = codes
    .filter(isDisabilityCode)
    .filter((c) => c !== 'NONE')
    .map(disabilityName);
  if (named.length > 0) return `Yes: ${named.join(', ')}`;
  return disability ? 'Yes' : 'No';
}
