import { CATALOGUE } from './domain/catalogue';
import { DEFAULT_SNAPSHOT_AFTER_WORKING_DAYS, planYears, unitOfIndicator } from './domain/plan';
import type { PlanDto } from './dto/kpi.dto';
import type { ActivePlan } from './plans.service';

/** The plan as GET /plans shows it: each indicator with its metric's unit and definition. */
export function planView({ plan, version, source, updatedAt }: ActivePlan, today: string): PlanDto {
  return {
    id: plan.id,
    name: plan.name,
    version,
    source,
    updatedAt,
    alsoVisibleTo: plan.alsoVisibleTo,
    years: planYears(plan, today),
    snapshotAfterWorkingDays: plan.snapshotAfterWorkingDays ?? DEFAULT_SNAPSHOT_AFTER_WORKING_DAYS,
    themes: plan.themes.map((theme) => ({
      code: theme.code,
      title: theme.title,
      priorities: theme.priorities.map((priority) => ({
        code: priority.code,
        title: priority.title,
        indicators: priority.indicators.map((indicator) => ({
          ...indicator,
          unit: unitOfIndicator(indicator),
          definition: CATALOGUE[indicator.metric].definition,
        })),
      })),
    })),
  };
}
