import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { notFound } from '../../../common/errors/domain-error';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { PageController } from '../../../web/page-controller';
import { text } from '../../../web/forms/posted-answers';
import { indicatorsOf } from '../domain/plan';
import { lastClosedQuarter, quartersEndingWith } from '../domain/periods';
import { KpisService } from '../kpis.service';
import { PlansService } from '../plans.service';

/** How many closed quarters the snapshot chooser offers. */
const QUARTERS_OFFERED = 8;

/**
 * `/admin/plan`, "Plan": the plan's indicators with their targets per financial year, and a
 * closed quarter's snapshots with "Take snapshot" or "Recompute" (each behind a confirmation
 * page, `/admin/plan/snapshot?period=`).
 */
@PageController('admin/plan')
@Access('admin')
export class AdminPlanPageController {
  constructor(
    private readonly plans: PlansService,
    private readonly kpis: KpisService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async show(
    @CurrentActor() actor: Actor,
    @Query('period') period: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const quarters = this.quarters();
    const chosen = this.chosen(quarters, period);
    const active = await this.plans.get();
    const indicators = indicatorsOf(active.plan);
    const years = [...new Set(indicators.flatMap((i) => Object.keys(i.targets)))].sort();
    const snapshots = await this.kpis.snapshots(actor, chosen);
    response.render('admin-plan', {
      pageTitle: 'Plan',
      currentSection: '/admin/plan',
      plan: { name: active.plan.name, version: active.version, updatedAt: active.updatedAt },
      years,
      indicators: indicators.map((i) => ({
        code: i.code,
        title: i.title,
        targets: years.map((year) => i.targets[year] ?? null),
      })),
      quarters: quarters.map((q) => ({ value: q, text: q, selected: q === chosen })),
      period: chosen,
      snapshots,
    });
  }

  @Get('snapshot')
  async confirm(
    @CurrentActor() actor: Actor,
    @Query('period') period: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const chosen = this.chosen(this.quarters(), period, true);
    const snapshots = await this.kpis.snapshots(actor, chosen);
    const current = snapshots.find((s) => s.current);
    response.render('admin-plan-snapshot', {
      pageTitle: current ? `Recompute ${chosen}?` : `Take a snapshot of ${chosen}?`,
      currentSection: '/admin/plan',
      period: chosen,
      current,
    });
  }

  @Post('snapshot')
  async take(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const chosen = this.chosen(this.quarters(), text(posted, 'period'), true);
    const recompute = text(posted, 'recompute') === 'yes';
    const taken = await this.kpis.snapshot(actor, chosen, recompute);
    await redirectWithFlash(request, response, `/admin/plan?period=${chosen}#snapshots`, {
      text: `${taken.supersedes ? 'Recomputed' : 'Snapshot taken of'} ${chosen}: ${taken.rows} values frozen`,
    });
  }

  private quarters(): string[] {
    return quartersEndingWith(lastClosedQuarter(this.clock.today()), QUARTERS_OFFERED)
      .map((q) => q.id)
      .reverse();
  }

  /** The quarter asked for, if offered; else the last closed one (or 404 when `strict`). */
  private chosen(quarters: string[], period: unknown, strict = false): string {
    if (typeof period === 'string' && quarters.includes(period)) return period;
    if (strict) throw notFound('Period');
    return quarters[0];
  }
}
