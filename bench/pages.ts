/**
 * npm run bench:pages [-- --database continuum_scale --clients 8 --seconds 20 --only /locality]
 *
 * The web app's pages against the JSON API for the same data, on the scale dataset (npm run
 * generate): `clients` signed-in users at once (each its own session, through the sign-in
 * form; the locality managers of the dataset, so that each sees a case of their own locality),
 * for `seconds` per page: "My work" (`/`), a child's page (`/children/:id`), a case page
 * (`/cases/:id`) and the CAF form (`/cases/:id/assessment`), and the API read each page is
 * built from (`GET /api/v1/cases?limit=20`, `GET /api/v1/children/:id`, `GET /api/v1/cases/:id`
 * twice over). Then the team around the child (`/cases/:id/team`) and the action plan
 * (`/cases/:id/action-plan`) of an active case with 30 action items, the locality manager's
 * page (`/locality`), the referrals awaiting a decision (`/referrals`) and a social worker's
 * assessments (`/assessments`, a worker with 40 open), each against the API read it is built
 * from. A case or a worker with fewer is topped up through the API first (once: the rows stay
 * in the bench database). Prints p50/p95/p99, the page-to-API ratio at p95, and each page's
 * compressed transfer size (gzip, as a browser asks). Every read writes its audit rows, as in
 * use.
 */
import 'reflect-metadata';
import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { BENCH_PASSWORD } from './generate';
import { numberOption, option } from './cli';
import { percentile, table } from './kpis';
import { withBenchService } from './service';

const DATABASE = option('database', 'continuum_scale');
const CLIENTS = numberOption('clients', 8);
const SECONDS = numberOption('seconds', 20);
/** `--only /locality,/assessments`: the pages whose names start so (all when absent). */
const ONLY = option('only', '')
  .split(',')
  .filter((name) => name !== '');
const MANAGERS = 6;
const ACTION_ITEMS = 30;
const OPEN_ASSESSMENTS = 40;

interface Got {
  status: number;
  /** Bytes on the wire (compressed when the server compressed). */
  bytes: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One request with node:http, so that the compressed size is the one counted. */
function get(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
  form?: string,
): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          bytes: raw.length,
          body: res.headers['content-encoding'] ? '' : raw.toString('utf8'),
          headers: res.headers,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (form) req.end(form);
    else req.end();
  });
}

/** A signed-in session's cookie, through the sign-in form as a browser does it. */
async function signIn(origin: string, email: string): Promise<string> {
  const form = await get(`${origin}/sign-in`, {});
  const cookie = cookieOf(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token on /sign-in (${form.status})`);
  const body = new URLSearchParams({ email, password: BENCH_PASSWORD, _csrf: csrf }).toString();
  const signedIn = await get(
    `${origin}/sign-in`,
    { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    'POST',
    body,
  );
  if (signedIn.status !== 303) throw new Error(`sign-in as ${email}: ${signedIn.status}`);
  return cookieOf(signedIn) || cookie;
}

function cookieOf(got: Got): string {
  const set = got.headers['set-cookie'];
  return (Array.isArray(set) ? set : set ? [set] : []).map((c) => c.split(';')[0]).join('; ');
}

/** A case of each locality (the one with most events), and its child. */
async function casesByLocality(url: string): Promise<{ caseId: string; childId: string }[]> {
  return query<{ caseId: string; childId: string }>(
    url,
    `SELECT DISTINCT ON (l.code) c.id AS "caseId", c.child_id AS "childId"
     FROM localities l JOIN LATERAL (
       SELECT c.id, c.child_id FROM cases c WHERE c.locality_id = l.id
       ORDER BY (SELECT count(*) FROM case_events e WHERE e.case_id = c.id) DESC, c.id LIMIT 1
     ) c ON true
     ORDER BY l.code LIMIT ${MANAGERS}`,
  );
}

/** An active case of each locality with the most action items (topped up to 30 below). */
async function activeCasesByLocality(url: string): Promise<string[]> {
  return query<{ id: string }>(
    url,
    `SELECT DISTINCT ON (l.code) c.id FROM localities l JOIN LATERAL (
       SELECT c.id FROM cases c WHERE c.locality_id = l.id AND c.status = 'active'
       ORDER BY (SELECT count(*) FROM action_items a WHERE a.case_id = c.id) DESC, c.id LIMIT 1
     ) c ON true
     ORDER BY l.code LIMIT ${MANAGERS}`,
  ).then((rows) => rows.map((r) => r.id));
}

async function query<T extends object>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    return (await sql.query<T>(text, values)).rows;
  } finally {
    await sql.end();
  }
}

/** Adds action items through the API (as the locality's manager) until the case has 30. */
async function topUpActionItems(url: string, base: string, token: string, caseId: string) {
  const [{ n, owner }] = await query<{ n: number; owner: string }>(
    url,
    `SELECT (SELECT count(*)::int FROM action_items WHERE case_id = c.id) AS n,
            coalesce(c.lead_professional_id, c.created_by) AS owner
     FROM cases c WHERE c.id = $1`,
    [caseId],
  );
  const needs = [
    'general_health',
    'participation_in_learning_education_employment',
    'housing_employment_financial',
  ];
  for (let i = n; i < ACTION_ITEMS; i += 1) {
    await apiPost(base, token, `/cases/${caseId}/action-items`, {
      need: needs[i % needs.length],
      action: `Bench action ${i + 1}: a visit to agree the next step with the family`,
      ownerUserId: owner,
      dueDate: new Date(Date.now() + (i - 10) * 86_400_000).toISOString().slice(0, 10),
    });
  }
}

/**
 * The social worker with the most open initial and core assessments, topped up to 40 with
 * referrals of children never referred: referred, decided and assigned through the API.
 */
async function busiestWorker(url: string, base: string, login: (email: string) => Promise<string>) {
  const [worker] = await query<{ email: string; id: string; open: number }>(
    url,
    `SELECT u.email, u.id, (
       (SELECT count(*) FROM initial_assessments a WHERE a.assigned_to = u.id AND a.completed_at IS NULL)
       + (SELECT count(*) FROM core_assessments a WHERE a.assigned_to = u.id AND a.completed_at IS NULL)
     )::int AS open
     FROM users u WHERE u.role = 'social_care' AND u.email LIKE '%@scale.continuum'
     ORDER BY open DESC, u.email LIMIT 1`,
  );
  const token = await login(worker.email);
  const missing = OPEN_ASSESSMENTS - worker.open;
  if (missing > 0) {
    const children = await query<{ id: string }>(
      url,
      `SELECT c.id FROM children c WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.child_id = c.id)
       ORDER BY c.id LIMIT $1`,
      [missing],
    );
    const today = new Date().toISOString().slice(0, 10);
    for (const child of children) {
      const referral = await apiPost(base, token, '/referrals', {
        childId: child.id,
        referredAt: today,
        source: 'police',
        reason: 'Bench: a concern raised by the police',
        safeguarding: true,
        safeguardingReason: 'Bench: risk of significant harm',
      });
      await apiPost(base, token, `/referrals/${referral.id}/decision`, {
        outcome: 'initial_assessment',
        decidedAt: today,
      });
      await apiPost(base, token, `/referrals/${referral.id}/initial-assessment`, {
        assignedToUserId: worker.id,
      });
    }
  }
  return { email: worker.email, id: worker.id, token };
}

async function apiPost(
  base: string,
  token: string,
  path: string,
  body: object,
): Promise<{ id: string }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function load(
  name: string,
  request: (client: number) => Promise<Got>,
): Promise<{ rows: [string, string][]; p95: number; bytes: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let bytes = 0;
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < until) {
        const t0 = performance.now();
        const got = await request(client);
        latencies.push(performance.now() - t0);
        if (got.status !== 200) failures += 1;
        bytes = Math.max(bytes, got.bytes);
      }
    }),
  );
  const p95 = percentile(latencies, 95);
  return {
    p95,
    bytes,
    rows: [
      [`${name} p50`, `${percentile(latencies, 50).toFixed(1)} ms`],
      [`${name} p95`, `${p95.toFixed(1)} ms`],
      [`${name} p99`, `${percentile(latencies, 99).toFixed(1)} ms`],
      [`${name} failures`, `${failures} of ${latencies.length}`],
    ],
  };
}

async function main(): Promise<void> {
  await withBenchService(DATABASE, 'bench-pages', async ({ base, login, url }) => {
    const origin = base.replace(/\/api\/v1$/, '');
    const emails = Array.from(
      { length: CLIENTS },
      (_, n) => `manager.${(n % MANAGERS) + 1}@scale.continuum`,
    );
    const cookies = await Promise.all(emails.map((email) => signIn(origin, email)));
    const tokens = await Promise.all(emails.map((email) => login(email)));
    const cases = await casesByLocality(url);
    const mine = (client: number) => cases[client % MANAGERS];
    const page = (path: (client: number) => string) => (client: number) =>
      get(`${origin}${path(client)}`, { cookie: cookies[client], 'accept-encoding': 'gzip' });
    const api = (path: (client: number) => string) => (client: number) =>
      get(`${base}${path(client)}`, {
        authorization: `Bearer ${tokens[client]}`,
        'accept-encoding': 'gzip',
      });
    const pairs: [string, (client: number) => Promise<Got>, string, (c: number) => Promise<Got>][] =
      [
        ['/', page(() => '/'), 'GET /api/v1/cases?limit=20', api(() => '/cases?limit=20')],
        [
          '/children/:id',
          page((c) => `/children/${mine(c).childId}`),
          'GET /api/v1/children/:id',
          api((c) => `/children/${mine(c).childId}`),
        ],
        [
          '/cases/:id',
          page((c) => `/cases/${mine(c).caseId}`),
          'GET /api/v1/cases/:id',
          api((c) => `/cases/${mine(c).caseId}`),
        ],
        [
          '/cases/:id/assessment',
          page((c) => `/cases/${mine(c).caseId}/assessment`),
          'GET /api/v1/cases/:id',
          api((c) => `/cases/${mine(c).caseId}`),
        ],
      ];

    // The lead professional's, the locality manager's and social care's pages.
    const active = await activeCasesByLocality(url);
    for (let n = 0; n < MANAGERS; n += 1) await topUpActionItems(url, base, tokens[n], active[n]);
    const activeOf = (client: number) => active[client % MANAGERS];
    const worker = await busiestWorker(url, base, login);
    const workerCookie = await signIn(origin, worker.email);
    const asWorker = (path: string) => () =>
      get(`${origin}${path}`, { cookie: workerCookie, 'accept-encoding': 'gzip' });
    const asWorkerApi = (path: string) => () =>
      get(`${base}${path}`, {
        authorization: `Bearer ${worker.token}`,
        'accept-encoding': 'gzip',
      });
    pairs.push(
      [
        '/cases/:id/team',
        page((c) => `/cases/${activeOf(c)}/team`),
        'GET /api/v1/cases/:id',
        api((c) => `/cases/${activeOf(c)}`),
      ],
      [
        `/cases/:id/action-plan (${ACTION_ITEMS} items)`,
        page((c) => `/cases/${activeOf(c)}/action-plan`),
        'GET /api/v1/cases/:id',
        api((c) => `/cases/${activeOf(c)}`),
      ],
      [
        '/locality',
        page(() => '/locality'),
        'GET /api/v1/cases?limit=20',
        api(() => '/cases?limit=20'),
      ],
      [
        '/referrals',
        page(() => '/referrals'),
        'GET /api/v1/referrals/queue',
        api(() => '/referrals/queue'),
      ],
      [
        `/assessments (a worker with ${OPEN_ASSESSMENTS} open)`,
        asWorker('/assessments'),
        'GET /api/v1/initial-assessments?limit=50',
        asWorkerApi(`/initial-assessments?limit=50&assignedToUserId=${worker.id}`),
      ],
    );
    const rows: [string, string][] = [];
    const chosen = pairs.filter(
      ([name]) => ONLY.length === 0 || ONLY.some((o) => name.startsWith(o)),
    );
    for (const [pageName, pageRequest, apiName, apiRequest] of chosen) {
      const p = await load(`page ${pageName}`, pageRequest);
      const a = await load(`api ${apiName}`, apiRequest);
      rows.push(
        ...p.rows,
        [`page ${pageName} compressed size`, `${(p.bytes / 1024).toFixed(1)} kB`],
        ...a.rows,
        [`page ${pageName} / API at p95`, `${(p.p95 / a.p95).toFixed(2)}×`],
      );
    }
    table(`bench:pages — ${CLIENTS} signed-in users, ${SECONDS} s a page, HTTP`, rows);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:pages failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
