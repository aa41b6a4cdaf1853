import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { CASE_STATUSES, type CaseStatus } from '../../cases/domain/case-lifecycle';
import { CasesService } from '../../cases/cases.service';
import { notFound } from '../../../common/errors/domain-error';
import { PageController } from '../../../web/page-controller';
import {
  LOCALITY_LIST_SIZE,
  LocalityOverviewService,
  STATUS_LABELS,
} from '../locality-overview.service';

function tierLabel(tier: number | null): string {
  return tier === null ? 'No tier yet' : `Tier ${tier}`;
}

/**
 * `/locality`, "Your localities": a locality manager's cases by state and tier (each count
 * links to its list, `/locality/cases?state=&tier=`: a state and a tier, no child's data),
 * tier decisions awaiting their confirmation, tier 3 cases without a lead professional,
 * their unread escalations and the referrals awaiting a decision.
 */
@PageController('locality')
@Access('locality_manager')
export class LocalityPageController {
  constructor(
    private readonly overview: LocalityOverviewService,
    private readonly cases: CasesService,
  ) {}

  @Get()
  async show(@CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const view = await this.overview.overview(actor);
    response.render('locality', {
      pageTitle: 'Your localities',
      currentSection: '/locality',
      tiers: [null, 1, 2, 3, 4].map((tier) => ({
        tier,
        label: tierLabel(tier),
        param: tier ?? 'none',
      })),
      view,
    });
  }

  @Get('cases')
  async list(
    @CurrentActor() actor: Actor,
    @Query('state') state: unknown,
    @Query('tier') tier: unknown,
    @Res() response: Response,
  ): Promise<void> {
    if (typeof state !== 'string' || !(CASE_STATUSES as readonly string[]).includes(state)) {
      throw notFound('Page');
    }
    if (typeof tier !== 'string' || !/^(none|[1-4])$/.test(tier)) throw notFound('Page');
    const status = state as CaseStatus;
    const tierValue = tier === 'none' ? null : Number(tier);
    const rows = await this.cases.byStatusAndTier(actor, status, tierValue, LOCALITY_LIST_SIZE + 1);
    const heading = `${STATUS_LABELS[status]} cases, ${tierLabel(tierValue).toLowerCase()}`;
    response.render('locality-cases', {
      pageTitle: heading,
      currentSection: '/locality',
      heading,
      cases: rows.slice(0, LOCALITY_LIST_SIZE).map((c) => ({
        id: c.id,
        childName: c.childName,
        startedOn: c.startedOn,
        hasLead: c.leadProfessionalId !== null,
      })),
      more: rows.length > LOCALITY_LIST_SIZE,
      listSize: LOCALITY_LIST_SIZE,
    });
  }
}
