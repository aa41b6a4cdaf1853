import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { IsoDate } from '../../common/domain/iso-date';
import { groupExpression, type Breakdown } from './domain/breakdowns';
import type { MetricName } from './domain/catalogue';
import type { MetricCounts } from './domain/indicators';

/** One metric's counts for a locality, or for the whole authority (localityId null). */
export interface CountsRow extends MetricCounts {
  localityId: string | null;
  /** service_starts only: the service counted (null: every service). */
  serviceCode?: string | null;
}

export interface PopulationRow {
  localityId: string | null;
  aged0to4: number;
  aged0to17: number;
}

/** Each metric query's parameters: $1 first day, $2 last day of the period (inclusive). */
type MetricQuery = 'direct' | 'with_holidays';

/**
 * The metric queries, one per catalogue entry that counts (docs/domain.md#indicators). Each is one set-based
 * statement that answers every locality and the whole authority at once
 * (GROUP BY GROUPING SETS ((locality_id), ())), on the history tables (and case_states, their
 * combination by day) so that a case counts at the state, tier and lead professional it had on
 * the day measured. Validity ranges are
 * [from_date, to_date). Cases count in the case's locality, referrals and assessments in the
 * referral's.
 */
// Cases open at tier 3 on D, from case_states (migrations/1765000000000-CaseStates.ts): the
// case's status, confirmed tier and lead professional combined into spans [from_date, to_date)
// by triggers on their three histories, so that this is one range of a partial index.
// "$1 <= $2" just gives $1 its type.
const OPEN_TIER_3_CASES_ON_LAST_DAY = `
  SELECT s.case_id, s.child_id, s.locality_id, s.has_lead_professional
  FROM case_states s
  WHERE $1 <= $2 AND s.status <> 'closed' AND s.tier = 3
    AND coalesce(s.to_date, 'infinity'::date) > $2 AND s.from_date <= $2`;

const BY_LOCALITY = 'GROUP BY GROUPING SETS ((locality_id), ())';

/** Each child's latest hearing by each panel in [$1, $2], with whether the case had an LP that day. */
const LATEST_HEARINGS = `
  SELECT DISTINCT ON (h.panel, h.child_id) h.panel, h.child_id, h.case_id, h.heard_on,
         EXISTS (SELECT 1 FROM lead_professionals lp
                 WHERE lp.case_id = h.case_id AND lp.from_date <= h.heard_on
                   AND (lp.to_date IS NULL OR lp.to_date > h.heard_on)) AS has_lead_professional
  FROM panel_hearings h WHERE h.heard_on BETWEEN $1 AND $2
  ORDER BY h.panel, h.child_id, h.heard_on DESC, h.id DESC`;

/** A postcode's sector ("TW3 1" of "tw3 1ab"), as postcode-sector.ts has it. */
const POSTCODE_SECTOR = (postcode: string): string =>
  `regexp_replace(upper(${postcode}), '^\\s*([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*([0-9])[A-Z]{2}\\s*$', '\\1 \\2')`;

/** The sum of the element levels of a CAF version's elements (jsonb [{code, level}]). */
const LEVEL_SUM = (elements: string): string =>
  `(SELECT coalesce(sum((e ->> 'level')::int), 0) FROM jsonb_array_elements(${elements}) e)`;

/** The metrics answered by one statement of their own here (the rest are formed by the service). */
export type CountedMetric = Exclude<
  MetricName,
  'localities_0_4_referrals_below_10_per_1000' | 'areas_0_4_referrals_below_10_per_1000' | 'entered'
>;

const QUERIES: Record<CountedMetric, string> = {
  caf_initiated: `
    SELECT locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM cases WHERE started_on BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  caf_completed: `
    SELECT c.locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM assessments a JOIN cases c ON c.id = a.case_id
    WHERE a.status = 'completed' AND a.completed_on BETWEEN $1 AND $2
    GROUP BY GROUPING SETS ((c.locality_id), ())`,

  caf_action_plans_implemented_pct: `
    WITH closed AS (
      SELECT DISTINCT case_id FROM case_status_history
      WHERE status = 'closed' AND from_date BETWEEN $1 AND $2
    ), plans AS (
      SELECT c.locality_id, bool_and(ai.status IN ('implemented', 'cancelled')) AS implemented
      FROM closed JOIN cases c ON c.id = closed.case_id JOIN action_items ai ON ai.case_id = c.id
      GROUP BY c.id, c.locality_id
    )
    SELECT locality_id, count(*) FILTER (WHERE implemented)::int AS numerator, count(*)::int AS denominator
    FROM plans ${BY_LOCALITY}`,

  tier3_with_lead_professional_pct: `
    WITH open_t3 AS (${OPEN_TIER_3_CASES_ON_LAST_DAY})
    SELECT locality_id, count(*) FILTER (WHERE has_lead_professional)::int AS numerator,
           count(*)::int AS denominator
    FROM open_t3 ${BY_LOCALITY}`,

  // Open in social care on D: referred by D, and its episode (refreshEpisodeEnd in referrals/referrals.repository.ts) not ended
  // by D; each half reads its own partial index.
  tier_3_4_children: `
    WITH social_care AS (
      SELECT child_id, locality_id FROM referrals
      WHERE episode_ended_on IS NULL AND referred_at <= $2
      UNION ALL
      SELECT child_id, locality_id FROM referrals
      WHERE episode_ended_on > $2 AND referred_at <= $2
    ), children AS (
      SELECT child_id, locality_id FROM (${OPEN_TIER_3_CASES_ON_LAST_DAY}) t3
      UNION
      SELECT child_id, locality_id FROM social_care
    )
    SELECT locality_id, count(DISTINCT child_id)::int AS numerator, NULL::int AS denominator
    FROM children ${BY_LOCALITY}`,

  step_ups: `
    SELECT locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM referrals WHERE referred_at BETWEEN $1 AND $2 AND case_id IS NOT NULL
    ${BY_LOCALITY}`,

  step_downs: `
    SELECT locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM referrals WHERE decided_at BETWEEN $1 AND $2 AND outcome = 'step_down_early_help'
    ${BY_LOCALITY}`,

  referrals: `
    SELECT locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM referrals WHERE referred_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  // The denominators of the two rates are populations, joined in by the service.
  referrals_per_10000: `
    SELECT locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM referrals WHERE referred_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  // Aged 0–4 on the referral date: born after the same day five years before (a child born
  // on 29 February is 5 on 1 March in a year without one).
  referrals_0_4_per_1000: `
    SELECT r.locality_id, count(*)::int AS numerator, NULL::int AS denominator
    FROM referrals r JOIN children ch ON ch.id = r.child_id
    WHERE r.referred_at BETWEEN $1 AND $2 AND ch.date_of_birth > (r.referred_at - interval '5 years')::date
    GROUP BY GROUPING SETS ((r.locality_id), ())`,

  re_referral_pct: `
    SELECT locality_id, count(*) FILTER (WHERE is_re_referral)::int AS numerator, count(*)::int AS denominator
    FROM referrals WHERE referred_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  nfa_pct: `
    SELECT locality_id, count(*) FILTER (WHERE outcome = 'no_further_action')::int AS numerator,
           count(*)::int AS denominator
    FROM referrals WHERE decided_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  referrals_to_initial_assessment_pct: `
    SELECT locality_id, count(*) FILTER (WHERE outcome = 'initial_assessment')::int AS numerator,
           count(*)::int AS denominator
    FROM referrals WHERE decided_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  initial_assessments_in_7_days_pct: `
    SELECT locality_id, count(*) FILTER (WHERE completed_at <= due_date)::int AS numerator,
           count(*)::int AS denominator
    FROM initial_assessments WHERE completed_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  core_assessments_in_35_days_pct: `
    SELECT locality_id, count(*) FILTER (WHERE completed_at <= due_date)::int AS numerator,
           count(*)::int AS denominator
    FROM core_assessments WHERE completed_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,
  assessments_in_45_days_pct: `
    SELECT locality_id, count(*) FILTER (WHERE completed_at <= due_date)::int AS numerator,
           count(*)::int AS denominator
    FROM single_assessments WHERE completed_at BETWEEN $1 AND $2
    ${BY_LOCALITY}`,

  // Working days after the CAF's first completion up to and including the meeting day,
  // less bank holidays ($3) and the closures of the case's locality or the whole authority.
  caf_to_first_tac_median_working_days: `
    WITH first_held AS (
      SELECT m.case_id, m.held_on
      FROM tac_meetings m
      WHERE m.status = 'held' AND m.held_on BETWEEN $1 AND $2
        AND NOT EXISTS (
          SELECT 1 FROM tac_meetings e
          WHERE e.case_id = m.case_id AND e.status = 'held'
            AND (e.held_on, e.held_at, e.id) < (m.held_on, m.held_at, m.id))
    ), spans AS (
      SELECT c.locality_id, f.held_on,
             (SELECT min(a.completed_on) FROM assessments a
              WHERE a.case_id = c.id AND a.status = 'completed') AS caf_on
      FROM first_held f JOIN cases c ON c.id = f.case_id
    ), days AS (
      SELECT s.locality_id,
             (SELECT count(*) FROM generate_series(s.caf_on + 1, s.held_on, interval '1 day') g(day)
              WHERE extract(isodow FROM g.day) < 6
                AND g.day::date <> ALL ($3::date[])
                AND NOT EXISTS (
                  SELECT 1 FROM calendar_closures cc
                  WHERE cc.date = g.day::date AND (cc.locality_id IS NULL OR cc.locality_id = s.locality_id))
             ) AS working_days
      FROM spans s WHERE s.caf_on IS NOT NULL AND s.caf_on <= s.held_on
    )
    SELECT locality_id, NULL::int AS numerator, count(*)::int AS denominator,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY working_days) AS median
    FROM days ${BY_LOCALITY}`,

  // Distance travelled: the first and the last completed CAF versions of each case closed in P
  // that has at least two, each summed over its element levels.
  needs_reduced_pct: `
    WITH closed AS (
      SELECT DISTINCT case_id FROM case_status_history
      WHERE status = 'closed' AND from_date BETWEEN $1 AND $2
    ), totals AS (
      SELECT c.locality_id, c.id,
             (array_agg(${LEVEL_SUM('a.elements')} ORDER BY a.version_no))[1] AS first_total,
             (array_agg(${LEVEL_SUM('a.elements')} ORDER BY a.version_no DESC))[1] AS latest_total
      FROM closed JOIN cases c ON c.id = closed.case_id
      JOIN assessments a ON a.case_id = c.id AND a.status = 'completed'
      GROUP BY c.id, c.locality_id HAVING count(*) >= 2
    )
    SELECT locality_id, count(*) FILTER (WHERE latest_total < first_total)::int AS numerator,
           count(*)::int AS denominator
    FROM totals ${BY_LOCALITY}`,

  // Items naming a service that became in_progress in P (started_on: the first day they did),
  // per service and in all; an indicator naming serviceCode takes its service's rows.
  service_starts: `
    SELECT c.locality_id, ai.service_code, count(*)::int AS numerator, NULL::int AS denominator
    FROM action_items ai JOIN cases c ON c.id = ai.case_id
    WHERE ai.service_code IS NOT NULL AND ai.started_on BETWEEN $1 AND $2
    GROUP BY GROUPING SETS ((c.locality_id), (), (c.locality_id, ai.service_code), (ai.service_code))`,

  // Children heard by each panel in P (their latest hearing there), and whether their case had
  // an active lead professional that day; per panel (as service_code) and in all.
  panel_children_with_lead_professional_pct: `
    WITH heard AS (${LATEST_HEARINGS})
    SELECT c.locality_id, heard.panel AS service_code,
           count(*) FILTER (WHERE heard.has_lead_professional)::int AS numerator,
           count(*)::int AS denominator
    FROM heard JOIN cases c ON c.id = heard.case_id
    GROUP BY GROUPING SETS ((c.locality_id), (), (c.locality_id, heard.panel), (heard.panel))`,
};

/**
 * Breakdowns (docs/domain.md#breakdowns-and-suppression): beside each child-level metric's
 * query, the rows it counts with the child and the day each is counted on
 * (`locality_id, child_id, on_date, hit`, and `variant` for service_starts); hit is the
 * numerator's test for a percentage. One statement then counts every locality, the authority
 * and each group of both (grouping sets), so a breakdown is one query per metric.
 */
type BreakdownCount = 'rows' | 'children' | 'percent';
const BREAKDOWN_BASES: Partial<
  Record<CountedMetric, { base: string; count: BreakdownCount; variant?: true }>
> = {
  caf_initiated: {
    count: 'rows',
    base: `SELECT locality_id, child_id, started_on AS on_date, NULL::boolean AS hit
           FROM cases WHERE started_on BETWEEN $1 AND $2`,
  },
  caf_completed: {
    count: 'rows',
    base: `SELECT c.locality_id, c.child_id, a.completed_on AS on_date, NULL::boolean AS hit
           FROM assessments a JOIN cases c ON c.id = a.case_id
           WHERE a.status = 'completed' AND a.completed_on BETWEEN $1 AND $2`,
  },
  caf_action_plans_implemented_pct: {
    count: 'percent',
    base: `WITH closed AS (
             SELECT case_id, max(from_date) AS closed_on FROM case_status_history
             WHERE status = 'closed' AND from_date BETWEEN $1 AND $2 GROUP BY case_id
           )
           SELECT c.locality_id, c.child_id, closed.closed_on AS on_date,
                  bool_and(ai.status IN ('implemented', 'cancelled')) AS hit
           FROM closed JOIN cases c ON c.id = closed.case_id JOIN action_items ai ON ai.case_id = c.id
           GROUP BY c.id, c.locality_id, c.child_id, closed.closed_on`,
  },
  tier3_with_lead_professional_pct: {
    count: 'percent',
    base: `SELECT locality_id, child_id, $2 AS on_date, has_lead_professional AS hit
           FROM (${OPEN_TIER_3_CASES_ON_LAST_DAY}) t3`,
  },
  tier_3_4_children: {
    count: 'children',
    base: `SELECT child_id, locality_id, $2 AS on_date, NULL::boolean AS hit
           FROM (${OPEN_TIER_3_CASES_ON_LAST_DAY}) t3
           UNION
           SELECT child_id, locality_id, $2, NULL FROM referrals
           WHERE episode_ended_on IS NULL AND referred_at <= $2
           UNION
           SELECT child_id, locality_id, $2, NULL FROM referrals
           WHERE episode_ended_on > $2 AND referred_at <= $2`,
  },
  step_ups: {
    count: 'rows',
    base: `SELECT locality_id, child_id, referred_at AS on_date, NULL::boolean AS hit
           FROM referrals WHERE referred_at BETWEEN $1 AND $2 AND case_id IS NOT NULL`,
  },
  step_downs: {
    count: 'rows',
    base: `SELECT locality_id, child_id, decided_at AS on_date, NULL::boolean AS hit
           FROM referrals WHERE decided_at BETWEEN $1 AND $2 AND outcome = 'step_down_early_help'`,
  },
  referrals: {
    count: 'rows',
    base: `SELECT locality_id, child_id, referred_at AS on_date, NULL::boolean AS hit
           FROM referrals WHERE referred_at BETWEEN $1 AND $2`,
  },
  re_referral_pct: {
    count: 'percent',
    base: `SELECT locality_id, child_id, referred_at AS on_date, is_re_referral AS hit
           FROM referrals WHERE referred_at BETWEEN $1 AND $2`,
  },
  nfa_pct: {
    count: 'percent',
    base: `SELECT locality_id, child_id, decided_at AS on_date, outcome = 'no_further_action' AS hit
           FROM referrals WHERE decided_at BETWEEN $1 AND $2`,
  },
  referrals_to_initial_assessment_pct: {
    count: 'percent',
    base: `SELECT locality_id, child_id, decided_at AS on_date, outcome = 'initial_assessment' AS hit
           FROM referrals WHERE decided_at BETWEEN $1 AND $2`,
  },
  initial_assessments_in_7_days_pct: {
    count: 'percent',
    base: `SELECT locality_id, child_id, completed_at AS on_date, completed_at <= due_date AS hit
           FROM initial_assessments WHERE completed_at BETWEEN $1 AND $2`,
  },
  core_assessments_in_35_days_pct: {
    count: 'percent',
    base: `SELECT locality_id, child_id, completed_at AS on_date, completed_at <= due_date AS hit
           FROM core_assessments WHERE completed_at BETWEEN $1 AND $2`,
  },
  needs_reduced_pct: {
    count: 'percent',
    base: `WITH closed AS (
             SELECT case_id, max(from_date) AS closed_on FROM case_status_history
             WHERE status = 'closed' AND from_date BETWEEN $1 AND $2 GROUP BY case_id
           ), totals AS (
             SELECT c.locality_id, c.child_id, closed.closed_on,
                    (array_agg(${LEVEL_SUM('a.elements')} ORDER BY a.version_no))[1] AS first_total,
                    (array_agg(${LEVEL_SUM('a.elements')} ORDER BY a.version_no DESC))[1] AS latest_total
             FROM closed JOIN cases c ON c.id = closed.case_id
             JOIN assessments a ON a.case_id = c.id AND a.status = 'completed'
             GROUP BY c.id, c.locality_id, c.child_id, closed.closed_on HAVING count(*) >= 2
           )
           SELECT locality_id, child_id, closed_on AS on_date, latest_total < first_total AS hit
           FROM totals`,
  },
  panel_children_with_lead_professional_pct: {
    count: 'percent',
    variant: true,
    base: `SELECT c.locality_id, heard.child_id, heard.heard_on AS on_date,
                  heard.has_lead_professional AS hit, heard.panel AS variant
           FROM (${LATEST_HEARINGS}) heard JOIN cases c ON c.id = heard.case_id`,
  },
  service_starts: {
    count: 'rows',
    variant: true,
    base: `SELECT c.locality_id, c.child_id, ai.started_on AS on_date, NULL::boolean AS hit,
                  ai.service_code AS variant
           FROM action_items ai JOIN cases c ON c.id = ai.case_id
           WHERE ai.service_code IS NOT NULL AND ai.started_on BETWEEN $1 AND $2`,
  },
};

const COUNT_COLUMNS: Record<BreakdownCount, string> = {
  rows: 'count(*)::int AS numerator, NULL::int AS denominator',
  children: 'count(DISTINCT child_id)::int AS numerator, NULL::int AS denominator',
  percent: 'count(*) FILTER (WHERE hit)::int AS numerator, count(*)::int AS denominator',
};

/** The metrics that break down, each with its one statement per breakdown dimension. */
export const BREAKDOWN_METRICS = Object.keys(BREAKDOWN_BASES) as CountedMetric[];

function breakdownQuery(metric: CountedMetric, breakdown: Breakdown): string {
  const spec = BREAKDOWN_BASES[metric];
  if (!spec) throw new Error(`${metric} has no breakdown`);
  const sets = spec.variant
    ? '(locality_id, variant, grp), (variant, grp), (locality_id, grp), (grp), (locality_id, variant), (variant), (locality_id), ()'
    : '(locality_id, grp), (grp), (locality_id), ()';
  const text = `
    WITH b AS (${spec.base}), grouped AS (
      SELECT b.locality_id, b.child_id, b.hit, ${spec.variant ? 'b.variant' : 'NULL::text AS variant'},
             ${groupExpression(breakdown)} AS grp
      FROM b JOIN children ch ON ch.id = b.child_id
    )
    SELECT locality_id, ${spec.variant ? 'variant' : 'NULL::text'} AS service_code,
           CASE WHEN GROUPING(grp) = 0 THEN grp END AS grp, ${COUNT_COLUMNS[spec.count]}
    FROM grouped GROUP BY GROUPING SETS (${sets})`;
  return text.replace(/\$([12])\b(?!::)/g, '$$$1::date');
}

/** $1 and $2 are dates wherever they appear (a query may use only $2, the last day). */
export const TYPED_QUERIES = Object.fromEntries(
  Object.entries(QUERIES).map(([name, text]) => [
    name,
    text.replace(/\$([12])\b(?!::)/g, '$$$1::date'),
  ]),
) as typeof QUERIES;

const PARAMETERS: Partial<Record<MetricName, MetricQuery>> = {
  caf_to_first_tac_median_working_days: 'with_holidays',
};

@Injectable()
export class KpisRepository {
  /** The counts of one metric for period [from, to], every locality and the authority. */
  async counts(
    sql: Sql,
    metric: keyof typeof QUERIES,
    from: IsoDate,
    to: IsoDate,
    bankHolidays: readonly IsoDate[],
  ): Promise<CountsRow[]> {
    const params: unknown[] = [from, to];
    if (PARAMETERS[metric] === 'with_holidays') params.push(bankHolidays);
    const rows = await sql.rows<{
      locality_id: string | null;
      service_code?: string | null;
      numerator: number | null;
      denominator: number | null;
      median?: number | null;
    }>(TYPED_QUERIES[metric], params);
    return rows.map((row) => ({
      localityId: row.locality_id,
      ...(row.service_code !== undefined ? { serviceCode: row.service_code } : {}),
      numerator: row.numerator,
      denominator: row.denominator,
      ...(row.median !== undefined
        ? { median: row.median === null ? null : Number(row.median) }
        : {}),
    }));
  }

  /**
   * One metric with a breakdown: the totals of every locality and the authority (grp null) and
   * of each group within them, from one statement.
   */
  async breakdownCounts(
    sql: Sql,
    metric: CountedMetric,
    breakdown: Breakdown,
    from: IsoDate,
    to: IsoDate,
  ): Promise<(CountsRow & { group: string | null })[]> {
    const rows = await sql.rows<{
      locality_id: string | null;
      service_code: string | null;
      grp: string | null;
      numerator: number | null;
      denominator: number | null;
    }>(breakdownQuery(metric, breakdown), [from, to]);
    const variant = BREAKDOWN_BASES[metric]?.variant === true;
    return rows.map((row) => ({
      localityId: row.locality_id,
      ...(variant ? { serviceCode: row.service_code } : {}),
      group: row.grp,
      numerator: row.numerator,
      denominator: row.denominator,
    }));
  }

  /** The statement of a metric's breakdown, as sent (for bench:kpis). */
  breakdownSql(metric: CountedMetric, breakdown: Breakdown): string {
    return breakdownQuery(metric, breakdown);
  }

  /**
   * Children aged 0–4 and 0–17 per locality and in all, from each locality's estimate for
   * `year`, or the nearest earlier year it has, or failing that the nearest later one.
   */
  async populations(sql: Sql, year: number): Promise<PopulationRow[]> {
    return sql.rows<PopulationRow>(
      `WITH chosen AS (
         SELECT DISTINCT ON (locality_id) locality_id, year FROM locality_populations
         ORDER BY locality_id, (year > $1), abs(year - $1)
       )
       SELECT p.locality_id AS "localityId",
              (sum(p.population) FILTER (WHERE p.age_band = '0-4'))::int AS "aged0to4",
              sum(p.population)::int AS "aged0to17"
       FROM locality_populations p JOIN chosen USING (locality_id, year)
       GROUP BY GROUPING SETS ((p.locality_id), ())`,
      [year],
    );
  }

  /**
   * Per children's centre area with a population of 0–4 year olds for `year` (or the nearest
   * earlier, else later, estimate): its referrals in [from, to] of children aged 0–4 on the
   * referral date whose postcode lies in one of the area's sectors.
   */
  async areaReferrals0to4(
    sql: Sql,
    from: IsoDate,
    to: IsoDate,
    year: number,
  ): Promise<{ areaId: string; localityId: string; referrals: number; aged0to4: number }[]> {
    return sql.rows(
      `WITH chosen AS (
         SELECT DISTINCT ON (area_id) area_id, year FROM area_populations
         ORDER BY area_id, (year > $3), abs(year - $3)
       ), populations AS (
         SELECT p.area_id, (sum(p.population) FILTER (WHERE p.age_band = '0-4'))::int AS aged0to4
         FROM area_populations p JOIN chosen USING (area_id, year) GROUP BY p.area_id
       ), referred AS (
         SELECT s.area_id, count(*)::int AS referrals
         FROM referrals r JOIN children ch ON ch.id = r.child_id
         JOIN area_postcode_sectors s ON s.sector = ${POSTCODE_SECTOR('ch.postcode')}
         WHERE r.referred_at BETWEEN $1::date AND $2::date
           AND ch.postcode IS NOT NULL
           AND ch.date_of_birth > (r.referred_at - interval '5 years')::date
         GROUP BY s.area_id
       )
       SELECT a.id AS "areaId", a.locality_id AS "localityId",
              coalesce(referred.referrals, 0) AS referrals, populations.aged0to4 AS "aged0to4"
       FROM areas a JOIN populations ON populations.area_id = a.id
       LEFT JOIN referred ON referred.area_id = a.id
       WHERE populations.aged0to4 > 0`,
      [from, to, year],
    );
  }

  async localities(sql: Sql): Promise<{ id: string; code: string; name: string }[]> {
    return sql.rows('SELECT id, code, name FROM localities ORDER BY name, id');
  }

  async localityExists(sql: Sql, id: string): Promise<boolean> {
    return (await sql.one('SELECT 1 FROM localities WHERE id = $1', [id])) !== undefined;
  }
}

export const COUNTED_METRICS = Object.keys(QUERIES) as (keyof typeof QUERIES)[];
