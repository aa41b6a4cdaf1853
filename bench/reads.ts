/**
 * npm run bench:reads [-- --database continuum_scale --clients 8 --seconds 20]
 *
 * On the scale dataset (npm run generate), through HTTP with `clients` concurrent clients for
 * `seconds` each: a locality manager's case list (GET /cases, keyset pages followed through the
 * cursor, 50 a page), the child search (GET /children?q= with names that exist), the chronology
 * of one child with at least 300 entries (GET /children/:id/chronology, pages of 50 followed
 * through the cursor; target p95 < 50 ms) and that child's household (GET /children/:id/household,
 * three siblings). The child's extra entries are case notes and its siblings are registered
 * through the API before the first run measures (idempotent: later runs find them). Prints
 * requests per second and p50/p95/p99 latency. Every read writes its audit rows, as in use.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { withBenchService } from './service';
import { option } from './cli';
import { percentile, table } from './kpis';

const DATABASE = option('database', 'continuum_scale');
const CLIENTS = Number(option('clients', '8'));
const SECONDS = Number(option('seconds', '20'));

async function load(
  name: string,
  request: (client: number, n: number) => Promise<Response>,
): Promise<[string, string][]> {
  const latencies: number[] = [];
  let failures = 0;
  const until = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let n = 0; Date.now() < until; n++) {
        const t0 = performance.now();
        const response = await request(client, n);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!response.ok) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return [
    [`${name} requests/s`, (latencies.length / seconds).toFixed(0)],
    [`${name} p50`, `${percentile(latencies, 50).toFixed(1)} ms`],
    [`${name} p95`, `${percentile(latencies, 95).toFixed(1)} ms`],
    [`${name} p99`, `${percentile(latencies, 99).toFixed(1)} ms`],
    [`${name} failures`, String(failures)],
  ];
}

const CHRONOLOGY_ENTRIES = 300;

/** The busiest child of locality 1 (most cases and referrals), and a case of theirs. */
async function busiestChild(url: string): Promise<{ childId: string; caseId: string }> {
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    const row = await sql.query<{ childId: string; caseId: string }>(
      `SELECT ch.id AS "childId", (SELECT c.id FROM cases c WHERE c.child_id = ch.id ORDER BY c.started_on DESC LIMIT 1) AS "caseId"
       FROM children ch JOIN localities l ON l.id = ch.locality_id
       WHERE l.code = (SELECT code FROM localities ORDER BY code LIMIT 1)
         AND EXISTS (SELECT 1 FROM cases c WHERE c.child_id = ch.id)
       ORDER BY (SELECT count(*) FROM referrals r WHERE r.child_id = ch.id) DESC, ch.id LIMIT 1`,
    );
    return row.rows[0];
  } finally {
    await sql.end();
  }
}

async function api(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Case notes until the child's chronology has the entries wanted, and three siblings. */
async function prepareChild(
  base: string,
  token: string,
  child: { childId: string; caseId: string },
): Promise<number> {
  let entries = 0;
  let cursor: string | null = null;
  do {
    const page = await api(
      base,
      token,
      'GET',
      `/children/${child.childId}/chronology?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    entries += (page.items as unknown[]).length;
    cursor = page.nextCursor as string | null;
  } while (cursor);
  for (let n = entries; n < CHRONOLOGY_ENTRIES + 20; n++) {
    await api(base, token, 'POST', `/cases/${child.caseId}/notes`, {
      kind: n % 5 === 0 ? 'home_visit' : n % 7 === 0 ? 'significant_event' : 'contact_with_family',
      occurredAt: new Date(Date.UTC(2016, 3, 1) + n * 86_400_000 * 3).toISOString(),
      text: `Benchmark contact ${n}: spoke with the family about school attendance and sleep.`,
    });
    entries++;
  }
  const household = await api(base, token, 'GET', `/children/${child.childId}/household`);
  const child0 = await api(base, token, 'GET', `/children/${child.childId}`);
  for (let n = (household.members as unknown[]).length; n < 3; n++) {
    await api(base, token, 'POST', '/children', {
      givenName: `Sibling${n + 1}`,
      familyName: 'Benchmark',
      dateOfBirth: `201${n}-06-01`,
      gender: 'female',
      localityId: child0.localityId,
      siblingOfChildId: child.childId,
    });
  }
  return entries;
}

async function main(): Promise<void> {
  await withBenchService(DATABASE, 'bench-reads', async ({ base, login, url }) => {
    const managers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => login(`manager.${n}@scale.continuum`)),
    );
    // Each client walks its manager's case list page by page, back to the start at the end.
    const cursors: (string | null)[] = Array.from({ length: CLIENTS }, () => null);
    const cases = await load('GET /cases', async (client) => {
      const cursor = cursors[client];
      const response = await fetch(
        `${base}/cases?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { authorization: `Bearer ${managers[client % managers.length]}` } },
      );
      const clone = response.clone();
      if (response.ok) {
        cursors[client] = ((await clone.json()) as { nextCursor: string | null }).nextCursor;
      }
      return response;
    });
    const search = await load('GET /children?q=', (client, n) =>
      fetch(
        `${base}/children?limit=20&q=${encodeURIComponent(`scale${(client * 7919 + n * 104729) % 300000}`)}`,
        {
          headers: { authorization: `Bearer ${managers[client % managers.length]}` },
        },
      ),
    );
    // The locality of manager.1 has the first code (bench/generate.ts gives localities in order).
    const manager1 = managers[0];
    const busy = await busiestChild(url);
    const entries = await prepareChild(base, manager1, busy);
    const chronologyCursors: (string | null)[] = Array.from({ length: CLIENTS }, () => null);
    const chronology = await load('GET /children/:id/chronology', async (client) => {
      const cursor = chronologyCursors[client];
      const response = await fetch(
        `${base}/children/${busy.childId}/chronology?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { authorization: `Bearer ${manager1}` } },
      );
      if (response.ok) {
        chronologyCursors[client] = (
          (await response.clone().json()) as { nextCursor: string | null }
        ).nextCursor;
      }
      return response;
    });
    const household = await load('GET /children/:id/household', () =>
      fetch(`${base}/children/${busy.childId}/household`, {
        headers: { authorization: `Bearer ${manager1}` },
      }),
    );
    table(`bench:reads — ${CLIENTS} clients, ${SECONDS} s each, HTTP`, [
      ...cases,
      ...search,
      [`chronology entries of the child`, String(entries)],
      ...chronology,
      ...household,
    ]);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:reads failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
