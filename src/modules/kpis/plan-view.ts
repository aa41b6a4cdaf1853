import { CATALOGUE } from './domain/catalogue';
import type { PlanDto } from './dto/kpi.dto';
import type { ActivePlan } from './plans.service';

/** The plan as GET /plans shows it: each indicator with its metric's unit and definition. */
export function planView({ plan, version, source, updatedAt }: ActivePlan): PlanDto {
  return {
    id: plan.id,
    name: plan.name,
    version,
    source,
    updatedAt,
    alsoVisibleTo: plan.alsoVisibleTo,
    themes: plan.themes.map((theme) => ({
      code: theme.code,
      title: theme.title,
      priorities: theme.priorities.map((priority) => ({
        code: priority.code,
        title: priority.title,
        indicators: priority.indicators.map((indicator) => ({
          ...indicator,
          unit: CATALOGUE[indicator.metric].unit,
          definition: CATALOGUE[indicator.metric].definition,
        })),
      })),
    })),
  };
}
