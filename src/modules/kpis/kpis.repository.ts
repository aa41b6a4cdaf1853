import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { IsoDate } from '../../common/domain/iso-date';
import type { MetricName } from './domain/catalogue';
import type { MetricCounts } from './domain/indicators';

/** One metric's counts for a locality, or for the whole authority (localityId null). */
export interface CountsRow extends MetricCounts {
  localityId: string | null;
}

export interface PopulationRow {
  localityId: string | null;
  aged0to4: number;
  aged0to17: number;
}

/** Each metric query's parameters: $1 first day, $2 last day of the period (inclusive). */
type MetricQuery = 'direct' | 'with_holidays';

/**
 * The metric queries, one per catalogue entry that counts (SPEC §4.10). Each is one set-based
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

const QUERIES: Record<Exclude<MetricName, 'localities_0_4_referrals_below_10_per_1000'>, string> = {
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
};

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
      numerator: number | null;
      denominator: number | null;
      median?: number | null;
    }>(TYPED_QUERIES[metric], params);
    return rows.map((row) => ({
      localityId: row.locality_id,
      numerator: row.numerator,
      denominator: row.denominator,
      ...(row.median !== undefined
        ? { median: row.median === null ? null : Number(row.median) }
        : {}),
    }));
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

  async localities(sql: Sql): Promise<{ id: string; code: string; name: string }[]> {
    return sql.rows('SELECT id, code, name FROM localities ORDER BY name, id');
  }

  async localityExists(sql: Sql, id: string): Promise<boolean> {
    return (await sql.one('SELECT 1 FROM localities WHERE id = $1', [id])) !== undefined;
  }
}

export const COUNTED_METRICS = Object.keys(QUERIES) as (keyof typeof QUERIES)[];
