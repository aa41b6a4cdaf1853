import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { notFound } from '../../../common/errors/domain-error';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { staleVersionView } from '../../../web/forms/stale-version';
import { PageController } from '../../../web/page-controller';
import { text } from '../../../web/forms/posted-answers';
import { LocalitiesService } from '../../localities/localities.service';
import { indicatorsOf, planYears, unitOfIndicator, type PlanIndicator } from '../domain/plan';
import {
  financialYearId,
  financialYearOf,
  lastClosedQuarter,
  parsePeriod,
  quartersEndingWith,
} from '../domain/periods';
import { EnteredValueDto, SetTargetsDto } from '../dto/kpi.dto';
import { KpisService } from '../kpis.service';
import { PlanReportService } from '../plan-report.service';
import { PlansService } from '../plans.service';
import {
  checkTarget,
  checkValue,
  FREQUENCY_PERIOD_HINTS,
  TARGET_FIELDS,
  VALUE_FIELDS,
  type TargetAnswers,
  type ValueAnswers,
} from './plan-forms';

/** How many closed quarters the snapshot chooser offers. */
const QUARTERS_OFFERED = 8;

/** What the indicator page's two forms show (again, after a refusal). */
interface IndicatorForms {
  target: TargetAnswers;
  targetErrors?: FormErrors;
  targetStale?: ReturnType<typeof staleVersionView>;
  value: ValueAnswers;
  valueErrors?: FormErrors;
  /** The value entered already for the period and place sent (its version now on the form). */
  valueReplaces?: {
    value: number;
    version: number;
    updatedAt: Date;
  };
}

/**
 * `/admin/plan`, "Plan": the plan's indicators with their targets per financial year, and a
 * closed quarter's snapshots with "Take snapshot" or "Recompute" (each behind a confirmation
 * page, `/admin/plan/snapshot?period=`). Each indicator's page, `/admin/plan/indicators/:code`,
 * sets or removes a year's target (with the plan's version) and, for an indicator on metric
 * `entered`, lists its values by period and enters or replaces one (replacing needs the
 * value's version, as the API's PUT does).
 */
@PageController('admin/plan')
@Access('admin')
export class AdminPlanPageController {
  constructor(
    private readonly plans: PlansService,
    private readonly kpis: KpisService,
    private readonly report: PlanReportService,
    private readonly localities: LocalitiesService,
    private readonly submitter: FormSubmitter,
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
        entered: i.metric === 'entered',
        targets: years.map((year) => i.targets[year] ?? null),
      })),
      entered: indicators
        .filter((i) => i.metric === 'entered')
        .map((i) => ({
          code: i.code,
          title: i.title,
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

  @Get('indicators/:code')
  async showIndicator(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Query('period') period: unknown,
    @Query('localityId') localityId: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const { indicator } = await this.indicator(code);
    const value: ValueAnswers = {
      period: '',
      localityId: '',
      numerator: '',
      denominator: '',
      value: '',
      version: '',
    };
    // "Change" beside a value: the form filled with it, and its version (to replace it).
    if (indicator.metric === 'entered' && typeof period === 'string' && period !== '') {
      const where = typeof localityId === 'string' && localityId !== '' ? localityId : null;
      const current = await this.report.enteredValue(actor, code, period, where);
      if (current) {
        Object.assign(value, {
          period: current.period,
          localityId: current.localityId ?? '',
          numerator: current.numerator === null ? '' : String(current.numerator),
          denominator: current.denominator === null ? '' : String(current.denominator),
          value: String(current.value),
          version: String(current.version),
        });
      }
    }
    const target = { year: '', target: '' };
    await this.renderIndicator(actor, response, code, { target, value });
  }

  @Post('indicators/:code/targets')
  async setTarget(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { active } = await this.indicator(code);
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const checked = checkTarget(posted, this.financialYears(active.plan));
    const blank = this.blankValue();
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: SetTargetsDto,
      input: checked.input,
      fields: TARGET_FIELDS,
      firstField: 'year',
      errors: checked.errors,
      save: async (dto) => {
        await this.plans.setTargets(actor, code, dto);
        const [year, target] = Object.entries(dto.targets)[0];
        return {
          redirectTo: `/admin/plan/indicators/${code}`,
          flash: {
            text:
              target === null
                ? `Target for ${year} removed`
                : `Target for ${year} set to ${target}`,
          },
        };
      },
      showAgain: (errors) =>
        this.renderIndicator(actor, response, code, {
          target: checked.answers,
          targetErrors: errors,
          value: blank,
        }),
      showStale: async () => {
        const latest = await this.plans.get();
        await this.renderIndicator(actor, response, code, {
          target: checked.answers,
          targetStale: staleVersionView(
            {
              version: latest.version,
              changedBy: 'Someone',
              changedAt: latest.updatedAt ?? new Date(),
            },
            `/admin/plan/indicators/${code}`,
          ),
          value: blank,
        });
      },
    });
  }

  @Post('indicators/:code/values')
  async enterValue(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { indicator } = await this.indicator(code);
    if (indicator.metric !== 'entered') throw notFound('Indicator');
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const checked = checkValue(posted);
    const target = { year: '', target: '' };
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: EnteredValueDto,
      input: checked.input,
      fields: VALUE_FIELDS,
      firstField: 'period',
      errors: checked.errors,
      save: async (dto) => {
        const saved = await this.report.putValue(actor, code, dto);
        return {
          redirectTo: `/admin/plan/indicators/${code}#values`,
          flash: {
            text: `${saved.version === 1 ? 'Value entered' : 'Value replaced'} for ${saved.period}: ${saved.value}`,
          },
        };
      },
      showAgain: (errors) =>
        this.renderIndicator(actor, response, code, {
          target,
          value: checked.answers,
          valueErrors: errors,
        }),
      // A value is there already (entered since the form was opened, or a new one for a period
      // that has one): the form again, with that value named and its version, to replace it.
      showStale: async () => {
        const current = await this.report.enteredValue(
          actor,
          code,
          parsePeriod(checked.answers.period).id,
          checked.answers.localityId || null,
        );
        await this.renderIndicator(actor, response, code, {
          target,
          value: { ...checked.answers, version: current ? String(current.version) : '' },
          ...(current
            ? {
                valueReplaces: {
                  value: current.value,
                  version: current.version,
                  updatedAt: current.updatedAt,
                },
              }
            : {}),
        });
      },
    });
  }

  private async indicator(
    code: string,
  ): Promise<{ active: Awaited<ReturnType<PlansService['get']>>; indicator: PlanIndicator }> {
    const active = await this.plans.get();
    const indicator = indicatorsOf(active.plan).find((i) => i.code === code);
    if (!indicator) throw notFound('Indicator');
    return { active, indicator };
  }

  /** The plan's financial years, first to last. */
  private financialYears(plan: Parameters<typeof planYears>[0]): string[] {
    const { from, to } = planYears(plan, this.clock.today());
    const first = Number(from.slice(2, 6));
    const last = Number(to.slice(2, 6));
    return Array.from({ length: last - first + 1 }, (_, i) => financialYearId(first + i));
  }

  private blankValue(): ValueAnswers {
    return { period: '', localityId: '', numerator: '', denominator: '', value: '', version: '' };
  }

  private async renderIndicator(
    actor: Actor,
    response: Response,
    code: string,
    forms: IndicatorForms,
  ): Promise<void> {
    const { active, indicator } = await this.indicator(code);
    const years = this.financialYears(active.plan);
    const thisYear = financialYearOf(this.clock.today()).financialYear;
    const chosenYear = forms.target.year || (years.includes(thisYear) ? thisYear : years[0]);
    const entered = indicator.metric === 'entered';
    const localities = (await this.localities.list({ limit: 200 })).items;
    const names = new Map(localities.map((l) => [l.id, l.name]));
    const values = entered ? await this.report.enteredValues(actor, code) : [];
    const targetErrors = forms.targetErrors ?? new FormErrors();
    const valueErrors = forms.valueErrors ?? new FormErrors();
    response.render('admin-plan-indicator', {
      pageTitle: indicator.title,
      currentSection: '/admin/plan',
      plan: { version: active.version },
      indicator: {
        code: indicator.code,
        title: indicator.title,
        frequency: indicator.frequency,
        unit: unitOfIndicator(indicator),
        entered,
        source: indicator.source,
      },
      targets: Object.entries(indicator.targets)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([year, target]) => ({ year, target })),
      years: years.map((y) => ({ value: y, text: y, selected: y === chosenYear })),
      target: forms.target,
      targetErrors,
      targetStale: forms.targetStale,
      values: values.map((v) => ({
        period: v.period,
        localityId: v.localityId ?? '',
        where: v.localityId === null ? 'The whole authority' : (names.get(v.localityId) ?? ''),
        numerator: v.numerator,
        denominator: v.denominator,
        value: v.value,
        version: v.version,
        updatedAt: v.updatedAt,
        updatedBy: v.updatedByName ?? '',
      })),
      periodHint: FREQUENCY_PERIOD_HINTS[indicator.frequency],
      places: [
        { value: '', text: 'The whole authority', selected: forms.value.localityId === '' },
        ...localities.map((l) => ({
          value: l.id,
          text: l.name,
          selected: forms.value.localityId === l.id,
        })),
      ],
      value: forms.value,
      valueErrors,
      valueReplaces: forms.valueReplaces,
      errors: targetErrors.any ? targetErrors : valueErrors,
      targetKey: newIdempotencyKey(),
      valueKey: newIdempotencyKey(),
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
