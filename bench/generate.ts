/**
 * npm run generate -- --children 300000 --years 10 [--database continuum_scale]
 *
 * The one-authority scale dataset: children, CAF cases with their histories (states, tiers,
 * TAC, lead professionals, meetings, action plans), referrals with re-referrals, decisions,
 * initial and core assessments — written by set-based SQL inside PostgreSQL (INSERT … SELECT
 * over generate_series, seeded with setseed so every run is the same), into a database of its
 * own, created afresh and migrated. Distributions follow the demo. Working days come from a
 * calendar table built from config/bank-holidays.json.
 *
 * Bench users (password `continuum-bench-2026`): admin@scale.continuum,
 * performance@scale.continuum, manager.<n>@scale.continuum (locality n = 1…6),
 * practitioner<n>@scale.continuum (n = 1…120), social<n>@scale.continuum (n = 1…40).
 */
import 'reflect-metadata';
import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { loadEnv } from '../src/config/env';
import { migrate } from '../src/database/migrate';
import { readAuthorityFile } from '../src/config/authority-files';
import { BANK_HOLIDAYS_FILE } from '../src/modules/calendar/bank-holidays.file';
import { bankHolidayDates } from '../src/modules/calendar/domain/bank-holidays';
import { prepareRuntime } from '../src/runtime/local-services';
import { option, withDatabase } from './cli';

export const BENCH_PASSWORD = 'continuum-bench-2026';

const CHILDREN = Number(option('children', '300000'));
const YEARS = Number(option('years', '10'));
const DATABASE = option('database', 'continuum_scale');
/** The data ends with the financial year 2025-26. */
const END = '2026-03-31';
const START = `${2026 - YEARS}-04-01`;

interface Stage {
  name: string;
  sql: string;
}

/** The statements, in order; $1 = start, $2 = end, $3 = children. */
function stages(): Stage[] {
  return [
    {
      name: 'calendar of working days',
      sql: `
        CREATE TEMP TABLE gen_days AS
        SELECT d::date AS day,
               (extract(isodow FROM d) < 6 AND NOT d::date = ANY ($4::date[])) AS working
        FROM generate_series($1::date - 400, $2::date + 400, interval '1 day') d;
        CREATE TEMP TABLE gen_ord AS
        SELECT day, working, sum(working::int) OVER (ORDER BY day)::int AS ord FROM gen_days;
        CREATE UNIQUE INDEX ON gen_ord (day);
        CREATE TEMP TABLE gen_wd AS SELECT ord, day FROM gen_ord WHERE working;
        CREATE UNIQUE INDEX ON gen_wd (ord);
        SELECT setseed(0.20110421);`,
    },
    {
      name: 'localities, populations, agencies, users',
      sql: `
        INSERT INTO localities (name, code)
        SELECT name, upper(name) FROM unnest(ARRAY['North', 'South', 'East', 'West', 'Central', 'Rural']) name;
        CREATE TEMP TABLE gen_localities AS
        SELECT id, row_number() OVER (ORDER BY code)::int AS n FROM localities;
        INSERT INTO locality_populations (locality_id, year, age_band, population)
        SELECT l.id, y, b.band, round($3::int / 6.0 * b.share * (1 + (y - 2016) * 0.005))::int
        FROM gen_localities l
        CROSS JOIN generate_series(extract(year FROM $1::date)::int, extract(year FROM $2::date)::int) y
        CROSS JOIN (VALUES ('0-4', 0.28), ('5-9', 0.28), ('10-15', 0.33), ('16-17', 0.11)) b(band, share);
        INSERT INTO agencies (name, type) VALUES ('Scale schools', 'school'), ('Scale social care', 'social_care');
        INSERT INTO users (email, display_name, role, agency_id, password_hash)
        SELECT 'practitioner' || g || '@scale.continuum', 'Practitioner ' || g, 'practitioner',
               (SELECT id FROM agencies WHERE type = 'school'), $5
        FROM generate_series(1, 120) g;
        INSERT INTO users (email, display_name, role, agency_id, password_hash)
        SELECT 'social' || g || '@scale.continuum', 'Social worker ' || g, 'social_care',
               (SELECT id FROM agencies WHERE type = 'social_care'), $5
        FROM generate_series(1, 40) g;
        INSERT INTO users (email, display_name, role, agency_id, password_hash)
        SELECT 'manager.' || n || '@scale.continuum', 'Locality manager ' || n, 'locality_manager',
               (SELECT id FROM agencies WHERE type = 'school'), $5
        FROM gen_localities;
        INSERT INTO users (email, display_name, role, agency_id, password_hash) VALUES
          ('performance@scale.continuum', 'Performance manager', 'performance_manager', (SELECT id FROM agencies WHERE type = 'school'), $5),
          ('admin@scale.continuum', 'Scale admin', 'admin', (SELECT id FROM agencies WHERE type = 'school'), $5);
        CREATE TEMP TABLE gen_practitioners AS
        SELECT id, row_number() OVER (ORDER BY email)::int - 1 AS n FROM users WHERE role = 'practitioner';
        CREATE TEMP TABLE gen_social AS
        SELECT id, row_number() OVER (ORDER BY email)::int - 1 AS n FROM users WHERE role = 'social_care';
        INSERT INTO user_localities (user_id, locality_id)
        SELECT p.id, l.id FROM gen_practitioners p JOIN gen_localities l ON l.n = p.n % 6 + 1;
        INSERT INTO user_localities (user_id, locality_id)
        SELECT u.id, l.id FROM users u JOIN gen_localities l ON u.email = 'manager.' || l.n || '@scale.continuum';
        INSERT INTO user_localities (user_id, locality_id)
        SELECT u.id, l.id FROM users u CROSS JOIN gen_localities l WHERE u.role IN ('social_care', 'performance_manager');`,
    },
    {
      name: 'children',
      sql: `
        CREATE TEMP TABLE gen_children AS
        SELECT g AS n, gen_random_uuid() AS id, (floor(random() * 6) + 1)::int AS locality,
               ($1::date - 17 * 365 + floor(random() * ($2::date - $1::date + 17 * 365))::int) AS dob
        FROM generate_series(1, $3::int) g;
        CREATE UNIQUE INDEX ON gen_children (n);
        INSERT INTO children (id, given_name, family_name, name_key, date_of_birth, gender, locality_id, created_by,
                              ethnicity)
        SELECT c.id, 'Child', 'Scale' || c.n, 'child|scale' || c.n, c.dob,
               (ARRAY['female', 'male', 'unknown'])[1 + floor(random() * 3)::int], l.id,
               (SELECT id FROM gen_practitioners WHERE n = c.n % 120),
               -- DfE codes, roughly an English authority's mix (12 in 20 White British).
               (ARRAY['WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI', 'WBRI',
                      'WBRI', 'WBRI', 'WOTH', 'MWBC', 'MWAS', 'AIND', 'APKN', 'BAFR', 'OOTH', 'NOBT'])
                 [1 + floor(random() * 20)::int]
        FROM gen_children c JOIN gen_localities l ON l.n = c.locality;`,
    },
    {
      name: 'CAF cases and their histories',
      sql: `
        -- Five cases for every three children: a child's first case closes before the middle
        -- of the span, when a second one (for two children in three) may start.
        CREATE TEMP TABLE gen_cases AS
        WITH k AS (
          SELECT g, (g - 1) % $3::int + 1 AS child, (g - 1) / $3::int AS second
          FROM generate_series(1, ($3::int * 5) / 3) g
        ), span AS (SELECT $1::date AS s, $2::date AS e, $1::date + ($2::date - $1::date) / 2 AS m)
        SELECT k.g, gen_random_uuid() AS id, c.id AS child_id, l.id AS locality_id,
               (SELECT id FROM gen_practitioners WHERE n = k.g % 120) AS created_by,
               CASE WHEN k.second = 0 THEN span.s + floor(random() * (span.m - span.s - 280))::int
                    ELSE span.m + floor(random() * (span.e - span.m - 15))::int END AS started_on,
               k.second = 1 AS second,
               random() AS r_complete, random() AS r_tier, random() AS r_close, random() AS r_lp,
               floor(random() * 240)::int + 30 AS duration
        FROM k CROSS JOIN span
        JOIN gen_children c ON c.n = k.child
        JOIN gen_localities l ON l.n = c.locality;
        ALTER TABLE gen_cases ADD COLUMN completed_on date, ADD COLUMN closed_on date, ADD COLUMN tier int;
        UPDATE gen_cases SET
          completed_on = CASE WHEN r_complete < 0.95 THEN started_on + 2 + floor(r_complete * 100)::int % 11 END,
          tier = CASE WHEN r_complete >= 0.95 THEN NULL WHEN r_tier < 0.03 THEN 1 WHEN r_tier < 0.6 THEN 2 ELSE 3 END;
        -- First cases all close (before the second may start); a second one closes seven times in ten.
        UPDATE gen_cases SET closed_on = started_on + duration
        WHERE NOT second OR (completed_on IS NOT NULL AND r_close < 0.7 AND started_on + duration <= $2::date);

        INSERT INTO cases (id, child_id, locality_id, status, started_on, created_by, suggested_tier, tier,
                           closure_reason, closed_on)
        SELECT id, child_id, locality_id,
               CASE WHEN closed_on IS NOT NULL THEN 'closed' WHEN completed_on IS NULL THEN 'assessment' ELSE 'active' END,
               started_on, created_by, tier, tier,
               CASE WHEN closed_on IS NULL THEN NULL WHEN completed_on IS NULL THEN 'consent_withdrawn'
                    WHEN tier = 1 THEN 'no_longer_eligible'
                    WHEN r_close < 0.75 THEN 'needs_met' ELSE 'moved_out_of_area' END,
               closed_on
        FROM gen_cases;
        INSERT INTO case_status_history (case_id, status, from_date, to_date)
        SELECT id, 'assessment', started_on, coalesce(completed_on, closed_on) FROM gen_cases
        UNION ALL SELECT id, 'active', completed_on, closed_on FROM gen_cases WHERE completed_on IS NOT NULL
        UNION ALL SELECT id, 'closed', closed_on, NULL FROM gen_cases WHERE closed_on IS NOT NULL;
        INSERT INTO assessments (case_id, version_no, status, elements, suggested_tier, completed_at, completed_on, completed_by)
        SELECT id, 1, CASE WHEN completed_on IS NULL THEN 'draft' ELSE 'completed' END, '[]'::jsonb, tier,
               completed_on::timestamptz + interval '10 hours', completed_on,
               CASE WHEN completed_on IS NULL THEN NULL ELSE created_by END
        FROM gen_cases;
        INSERT INTO tier_decisions (case_id, tier, suggested_tier, decided_by, decided_at, status, from_date, to_date)
        SELECT id, tier, tier, created_by, completed_on::timestamptz + interval '11 hours', 'confirmed', completed_on,
               CASE WHEN tier = 2 AND r_lp < 0.1 AND completed_on + 40 < coalesce(closed_on, $2::date) THEN completed_on + 40 END
        FROM gen_cases WHERE completed_on IS NOT NULL;
        -- A tier 2 case in ten worsens to tier 3 after 40 days.
        INSERT INTO tier_decisions (case_id, tier, suggested_tier, reason, decided_by, decided_at, status, from_date)
        SELECT id, 3, 2, 'Needs have become complex', created_by, (completed_on + 40)::timestamptz, 'confirmed', completed_on + 40
        FROM gen_cases WHERE tier = 2 AND r_lp < 0.1 AND completed_on + 40 < coalesce(closed_on, $2::date);
        UPDATE cases c SET tier = 3 FROM gen_cases g
        WHERE c.id = g.id AND g.tier = 2 AND g.r_lp < 0.1 AND g.completed_on + 40 < coalesce(g.closed_on, $2::date);`,
    },
    {
      name: 'TAC members, lead professionals, meetings, action plans',
      sql: `
        -- The practitioner who starts a case is on its TAC from the start (the assessing practitioner).
        INSERT INTO tac_members (case_id, user_id, role, from_date, to_date, added_by)
        SELECT id, created_by, 'Assessing practitioner', started_on, closed_on, created_by FROM gen_cases;
        CREATE TEMP TABLE gen_members AS
        SELECT g.id AS case_id, gen_random_uuid() AS member_id,
               (SELECT id FROM gen_practitioners WHERE n = (g.g + 7) % 120) AS user_id,
               g.completed_on + 1 AS from_date, g.created_by,
               g.tier = 3 AND g.r_lp < 0.88 OR g.tier = 2 AND g.r_lp < 0.5 AS leads,
               CASE WHEN g.r_lp < 0.04 AND g.completed_on + 60 < coalesce(g.closed_on, $2::date) THEN g.completed_on + 60 END AS left_on,
               g.completed_on, g.closed_on, g.r_close
        FROM gen_cases g WHERE g.completed_on IS NOT NULL AND g.tier > 1;
        INSERT INTO tac_members (id, case_id, user_id, role, from_date, to_date, added_by)
        SELECT member_id, case_id, user_id, 'Family support worker', from_date, coalesce(left_on, closed_on), created_by
        FROM gen_members;
        INSERT INTO lead_professionals (case_id, user_id, member_id, reason, from_date, to_date, assigned_by)
        SELECT case_id, user_id, member_id, 'Knows the family', from_date, coalesce(left_on, closed_on), created_by
        FROM gen_members WHERE leads;
        UPDATE cases c SET lead_professional_id = m.user_id FROM gen_members m
        WHERE c.id = m.case_id AND m.leads AND m.left_on IS NULL AND c.status <> 'closed';
        INSERT INTO tac_meetings (case_id, scheduled_at, location, status, held_at, held_on, family_attended, created_by)
        SELECT case_id, (completed_on + d)::timestamptz + interval '10 hours', 'Children''s centre', 'held',
               (completed_on + d)::timestamptz + interval '10 hours', completed_on + d, true, created_by
        FROM (
          SELECT m.*, 7 + floor(random() * 35)::int AS d FROM gen_members m WHERE random() < 0.8
          UNION ALL
          SELECT m.*, 60 + floor(random() * 30)::int AS d FROM gen_members m WHERE random() < 0.5
        ) x
        WHERE completed_on + d <= least(coalesce(closed_on, $2::date), $2::date);
        INSERT INTO action_items (case_id, need, action, owner_user_id, due_date, status, reason, created_by)
        SELECT case_id, 'general_health', 'See the GP', user_id, completed_on + 60,
               CASE WHEN closed_on IS NULL THEN 'in_progress' WHEN r_close < 0.75 THEN 'implemented'
                    WHEN r_close < 0.85 THEN 'cancelled' ELSE 'not_implemented' END,
               CASE WHEN closed_on IS NOT NULL AND r_close >= 0.75 AND r_close < 0.85 THEN 'No longer needed' END,
               created_by
        FROM gen_members;`,
    },
    {
      name: 'referrals, re-referrals and decisions',
      sql: `
        CREATE TEMP TABLE gen_referrals AS
        SELECT gen_random_uuid() AS id, c.id AS child_id, l.id AS locality_id,
               ($1::date + floor(random() * ($2::date - $1::date + 1))::int) AS referred_at,
               random() AS r_outcome, random() AS r_ia, random() AS r_core, random() AS r_case,
               (SELECT id FROM gen_social WHERE n = k.g % 40) AS worker
        FROM (SELECT g, 1 + floor(random() * $3::int)::int AS child FROM generate_series(1, $3::int * 5) g) k
        JOIN gen_children c ON c.n = k.child
        JOIN gen_localities l ON l.n = c.locality;
        -- A re-referral: the child's previous referral on or after the same date a year before.
        CREATE TEMP TABLE gen_previous AS
        SELECT id, lag(id) OVER w AS previous_id, lag(referred_at) OVER w AS previous_at
        FROM gen_referrals WINDOW w AS (PARTITION BY child_id ORDER BY referred_at, id);
        INSERT INTO referrals (id, child_id, locality_id, referred_at, source, reason, referrer_user_id,
                               is_re_referral, previous_referral_id, outcome, decided_at, decided_by)
        SELECT r.id, r.child_id, r.locality_id, r.referred_at,
               (ARRAY['school', 'health', 'police', 'family', 'other_la', 'anonymous'])[1 + floor(r.r_case * 6)::int],
               'Concern', r.worker,
               p.previous_at IS NOT NULL AND p.previous_at >= (r.referred_at - interval '1 year')::date,
               CASE WHEN p.previous_at >= (r.referred_at - interval '1 year')::date THEN p.previous_id END,
               CASE WHEN r.referred_at > $2::date - 3 THEN NULL
                    WHEN r.r_outcome < 0.62 THEN 'initial_assessment' WHEN r.r_outcome < 0.82 THEN 'no_further_action'
                    WHEN r.r_outcome < 0.92 THEN 'step_down_early_help' ELSE 'signposted_universal' END,
               CASE WHEN r.referred_at > $2::date - 3 THEN NULL ELSE r.referred_at + floor(r.r_ia * 3)::int END,
               CASE WHEN r.referred_at > $2::date - 3 THEN NULL ELSE r.worker END
        FROM gen_referrals r JOIN gen_previous p USING (id);
        INSERT INTO referral_decisions (referral_id, outcome, decided_at, decided_by)
        SELECT id, outcome, decided_at, decided_by FROM referrals WHERE outcome IS NOT NULL;
        -- Step-ups: a referral made while the child had an open CAF case, three in ten of them.
        UPDATE referrals r SET case_id = c.id
        FROM gen_referrals g, cases c
        WHERE g.id = r.id AND g.r_case < 0.3 AND c.child_id = r.child_id
          AND r.referred_at BETWEEN c.started_on AND coalesce(c.closed_on, $2::date);`,
    },
    {
      name: 'initial and core assessments',
      sql: `
        CREATE TEMP TABLE gen_ia AS
        SELECT gen_random_uuid() AS id, r.id AS referral_id, r.child_id, r.locality_id, g.worker,
               due.day AS due_date,
               CASE WHEN done.day <= $2::date THEN done.day END AS completed_at,
               g.r_core, g.r_ia, d0.ord AS ord
        FROM referrals r
        JOIN gen_referrals g ON g.id = r.id
        JOIN gen_ord d0 ON d0.day = r.referred_at
        JOIN gen_wd due ON due.ord = d0.ord + 7
        JOIN gen_wd done ON done.ord = d0.ord + CASE WHEN g.r_ia < 0.78 THEN 2 + floor(g.r_ia * 6.4)::int ELSE 8 + floor(g.r_ia * 7)::int END
        WHERE r.outcome = 'initial_assessment';
        INSERT INTO initial_assessments (id, referral_id, child_id, locality_id, assigned_to, due_date, completed_at,
                                         outcome, in_time, created_by)
        SELECT id, referral_id, child_id, locality_id, worker, due_date, completed_at,
               CASE WHEN completed_at IS NULL THEN NULL WHEN r_core < 0.4 THEN 'core_assessment'
                    WHEN r_core < 0.72 THEN 'services_provided' WHEN r_core < 0.9 THEN 'no_further_action'
                    ELSE 'step_down_early_help' END,
               CASE WHEN completed_at IS NULL THEN NULL ELSE completed_at <= due_date END, worker
        FROM gen_ia;
        INSERT INTO core_assessments (initial_assessment_id, child_id, locality_id, assigned_to, commenced_at,
                                      due_date, completed_at, in_time, created_by)
        SELECT i.id, i.child_id, i.locality_id, i.worker, i.completed_at, due.day,
               CASE WHEN done.day <= $2::date THEN done.day END,
               CASE WHEN done.day <= $2::date THEN done.day <= due.day END, i.worker
        FROM gen_ia i
        JOIN gen_ord c0 ON c0.day = i.completed_at
        JOIN gen_wd due ON due.ord = c0.ord + 35
        JOIN gen_wd done ON done.ord = c0.ord + CASE WHEN i.r_ia < 0.5 THEN 15 + floor(i.r_core * 50)::int ELSE 20 + floor(i.r_ia * 30)::int END
        WHERE i.completed_at IS NOT NULL AND i.r_core < 0.4;
        -- Each referral's episode in social care ended (as refreshEpisodeEnd in referrals/referrals.repository.ts keeps it).
        UPDATE referrals r SET episode_ended_on = CASE
            WHEN r.outcome <> 'initial_assessment' THEN r.decided_at
            WHEN ia.completed_at IS NULL THEN NULL
            WHEN ia.outcome <> 'core_assessment' THEN ia.completed_at
            ELSE ca.completed_at END
        FROM initial_assessments ia
        LEFT JOIN core_assessments ca ON ca.initial_assessment_id = ia.id
        WHERE ia.referral_id = r.id;
        UPDATE referrals SET episode_ended_on = decided_at
        WHERE outcome IS NOT NULL AND outcome <> 'initial_assessment';`,
    },
    {
      // What the triggers on the three histories keep (migrations/1765000000000-CaseStates.ts),
      // built once for every case instead of once per history row.
      name: 'case states by day',
      sql: 'SELECT rebuild_case_states(array_agg(id)) FROM cases',
    },
    { name: 'statistics and visibility map (VACUUM ANALYZE)', sql: 'VACUUM ANALYZE' },
  ];
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export async function generate(serverUrl: string, database: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = withDatabase(serverUrl, database);
  await migrate(url);
  // The calendar the service will count with: config/, or the authority's own folder.
  const holidays = [
    ...bankHolidayDates(
      readAuthorityFile(BANK_HOLIDAYS_FILE, loadEnv(process.env).authorityConfigDir),
    ),
  ];
  const passwordHash = await hash(BENCH_PASSWORD, {
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  const sql = new Client({ connectionString: url });
  await sql.connect();
  const all = stages();
  const started = Date.now();
  try {
    // Replica mode skips the row triggers (the foreign-key checks, and case_states' upkeep,
    // built at the end instead): the rows are consistent by construction.
    await sql.query('SET synchronous_commit = off; SET session_replication_role = replica');
    for (const [index, stage] of all.entries()) {
      const stageStarted = Date.now();
      process.stdout.write(`${bar(index, all.length)} ${stage.name} …`);
      // One multi-statement text per stage; its parameters go in through a session setting.
      await sql.query(
        `SELECT set_config('gen.start', $1, false), set_config('gen.end', $2, false),
                set_config('gen.children', $3, false), set_config('gen.holidays', $4, false),
                set_config('gen.hash', $5, false)`,
        [START, END, String(CHILDREN), `{${holidays.join(',')}}`, passwordHash],
      );
      await sql.query(
        stage.sql
          .replace(/\$1/g, "current_setting('gen.start')")
          .replace(/\$2/g, "current_setting('gen.end')")
          .replace(/\$3/g, "current_setting('gen.children')")
          .replace(/\$4/g, "current_setting('gen.holidays')")
          .replace(/\$5/g, "current_setting('gen.hash')"),
      );
      process.stdout.write(` ${((Date.now() - stageStarted) / 1000).toFixed(1)} s\n`);
    }
    const counts = await sql.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM children)::int AS children, (SELECT count(*) FROM cases)::int AS cases,
             (SELECT count(*) FROM referrals)::int AS referrals,
             (SELECT count(*) FILTER (WHERE is_re_referral) FROM referrals)::int AS re_referrals,
             (SELECT count(*) FROM initial_assessments)::int AS initial_assessments,
             (SELECT count(*) FROM core_assessments)::int AS core_assessments,
             (SELECT count(*) FROM tac_meetings)::int AS meetings`);
    process.stdout.write(
      `${bar(all.length, all.length)} done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts.rows[0])}\n`,
    );
  } finally {
    await sql.end();
  }
  return url;
}

if (require.main === module) {
  void (async () => {
    const env = loadEnv({ ...process.env, LOG_LEVEL: 'warn' });
    const runtime = await prepareRuntime(env, (line) => process.stdout.write(`${line}\n`));
    try {
      process.stdout.write(
        `generate: ${CHILDREN} children, ${YEARS} years (${START} – ${END}) into ${DATABASE}\n`,
      );
      await generate(runtime.databaseUrl, DATABASE);
    } finally {
      await runtime.stop();
    }
  })().catch((error: unknown) => {
    process.stderr.write(
      `generate failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
