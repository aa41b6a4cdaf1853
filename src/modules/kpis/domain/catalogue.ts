/**
 * The metric catalogue (docs/domain.md#indicators): what each metric counts and how its value is formed
 * from a numerator and a denominator. The SQL for each lives in kpis.repository.ts under the
 * same name; the arithmetic is here (indicators.ts).
 */
export type Unit = 'count' | 'percent' | 'rate' | 'median';

export interface MetricDefinition {
  name: MetricName;
  unit: Unit;
  /** For rates: per how many children (1,000 or 10,000). */
  per?: number;
  /** Whether small-number suppression (docs/domain.md#suppression) applies: not to a count of localities. */
  suppressible: boolean;
  /** Whether the metric counts children, so that it breaks down by gender, ethnic group, … */
  breakdowns: boolean;
  definition: string;
}

export const METRIC_NAMES = [
  'caf_initiated',
  'caf_completed',
  'caf_action_plans_implemented_pct',
  'tier3_with_lead_professional_pct',
  'tier_3_4_children',
  'step_ups',
  'step_downs',
  'referrals',
  'referrals_per_10000',
  'referrals_0_4_per_1000',
  'localities_0_4_referrals_below_10_per_1000',
  're_referral_pct',
  'nfa_pct',
  'referrals_to_initial_assessment_pct',
  'initial_assessments_in_7_days_pct',
  'core_assessments_in_35_days_pct',
  'assessments_in_45_days_pct',
  'caf_to_first_tac_median_working_days',
  'areas_0_4_referrals_below_10_per_1000',
  'needs_reduced_pct',
  'service_starts',
  'panel_children_with_lead_professional_pct',
  'entered',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

const define = (
  name: MetricName,
  unit: Unit,
  definition: string,
  extra: Partial<MetricDefinition> = {},
): MetricDefinition => ({
  name,
  unit,
  definition,
  suppressible: true,
  breakdowns: unit === 'count' || unit === 'percent',
  ...extra,
});

export const CATALOGUE: Readonly<Record<MetricName, MetricDefinition>> = {
  caf_initiated: define('caf_initiated', 'count', 'CAF cases started in the period.'),
  caf_completed: define(
    'caf_completed',
    'count',
    'CAF assessments completed in the period (each completed version counts).',
  ),
  caf_action_plans_implemented_pct: define(
    'caf_action_plans_implemented_pct',
    'percent',
    'Of cases closed in the period that had at least one action-plan item, the % whose every item not cancelled is implemented.',
  ),
  tier3_with_lead_professional_pct: define(
    'tier3_with_lead_professional_pct',
    'percent',
    'Of cases open at tier 3 on the last day of the period, the % with an active lead professional that day.',
  ),
  tier_3_4_children: define(
    'tier_3_4_children',
    'count',
    'Children with an open case at tier 3, or an open referral or assessment in social care, on the last day of the period.',
  ),
  step_ups: define(
    'step_ups',
    'count',
    'Referrals to social care made from early help cases, referred in the period.',
  ),
  step_downs: define(
    'step_downs',
    'count',
    'Referrals decided step_down_early_help in the period.',
  ),
  referrals: define(
    'referrals',
    'count',
    "Referrals to children's social care referred in the period.",
  ),
  referrals_per_10000: define(
    'referrals_per_10000',
    'rate',
    'Referrals per 10,000 children aged 0–17 (population of the year the period starts in).',
    { per: 10_000 },
  ),
  referrals_0_4_per_1000: define(
    'referrals_0_4_per_1000',
    'rate',
    'Referrals of children aged 0–4 on the referral date, per 1,000 children aged 0–4.',
    { per: 1_000 },
  ),
  localities_0_4_referrals_below_10_per_1000: define(
    'localities_0_4_referrals_below_10_per_1000',
    'count',
    'Localities whose referrals of 0–4 year olds per 1,000, annualised, are below 10 (of the localities with a population for the year).',
    { suppressible: false, breakdowns: false },
  ),
  re_referral_pct: define(
    're_referral_pct',
    'percent',
    'Of referrals in the period, the % that are re-referrals.',
  ),
  nfa_pct: define(
    'nfa_pct',
    'percent',
    'Of referrals decided in the period, the % decided no_further_action.',
  ),
  referrals_to_initial_assessment_pct: define(
    'referrals_to_initial_assessment_pct',
    'percent',
    'NI68: of referrals decided in the period, the % decided initial_assessment.',
  ),
  initial_assessments_in_7_days_pct: define(
    'initial_assessments_in_7_days_pct',
    'percent',
    'NI59: of initial assessments completed in the period, the % completed within 7 working days of referral.',
  ),
  core_assessments_in_35_days_pct: define(
    'core_assessments_in_35_days_pct',
    'percent',
    'NI60: of core assessments completed in the period, the % completed within 35 working days of commencement.',
  ),
  assessments_in_45_days_pct: define(
    'assessments_in_45_days_pct',
    'percent',
    'Of single assessments completed in the period, the % completed within 45 working days of referral (the framework of Working Together 2013).',
  ),
  caf_to_first_tac_median_working_days: define(
    'caf_to_first_tac_median_working_days',
    'median',
    'Median working days from CAF completion to the first TAC meeting held, for first meetings held in the period.',
  ),
  areas_0_4_referrals_below_10_per_1000: define(
    'areas_0_4_referrals_below_10_per_1000',
    'count',
    "Children's centre areas whose referrals of 0–4 year olds per 1,000, annualised, are below 10, of the areas with a population for the year (the denominator).",
    { suppressible: false, breakdowns: false },
  ),
  needs_reduced_pct: define(
    'needs_reduced_pct',
    'percent',
    'Of cases closed in the period whose CAF was completed at least twice, the % whose sum of element levels at the last completed version is lower than at the first (distance travelled).',
  ),
  service_starts: define(
    'service_starts',
    'count',
    "Action items naming a service of the authority's directory whose status became in_progress in the period (one service when the indicator names serviceCode).",
  ),
  panel_children_with_lead_professional_pct: define(
    'panel_children_with_lead_professional_pct',
    'percent',
    "Of children whose case was heard by the indicator's panel in the period, the % whose case had an active lead professional on the (latest) hearing day.",
  ),
  entered: define(
    'entered',
    'count',
    'A figure from another system, entered or loaded by a performance manager or an admin.',
    { breakdowns: false },
  ),
};

export function isMetricName(value: unknown): value is MetricName {
  return typeof value === 'string' && (METRIC_NAMES as readonly string[]).includes(value);
}
