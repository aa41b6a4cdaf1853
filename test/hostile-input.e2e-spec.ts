import fc from 'fast-check';
import { TestApp, startTestApp } from './support/test-app';
import { createTeam } from './support/fixtures';

type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } } | undefined> };
};
type Schemas = Record<string, { properties?: Record<string, unknown> }>;

const RUNS_PER_ROUTE = 40;

/** Strings that have broken services before: SQL, unicode, control characters. */
const shortNastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "'; DROP TABLE users; --",
    '%',
    '_',
    '\\',
    '\u0000',
    'a\u0000b',
    '𝕮𝖔𝖓𝖙𝖎𝖓𝖚𝖚𝖒',
    '\u202e\u0301',
    '2011-02-30',
    '0000-00-00',
    '-1',
    '1e309',
    'NaN',
    '00000000-0000-0000-0000-000000000000',
    'true',
    '[]',
    '{}',
  ),
);

/** … and huge ones, for bodies (a huge query string is refused by Node itself with 431). */
const nastyString = fc.oneof(shortNastyString, fc.string({ minLength: 5_000, maxLength: 20_000 }));

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, -1, 0, 1.5, 2 ** 53, -(2 ** 31), [], {}),
);

/** A body built as text, so that keys like __proto__ reach the server as written. */
function bodyText(fields: string[]): fc.Arbitrary<string> {
  const known = fc.dictionary(fc.constantFrom(...(fields.length ? fields : ['x'])), hostileValue, {
    maxKeys: 8,
  });
  const pollution = fc.constantFrom(
    '{"__proto__": {"role": "admin", "isAdmin": true}}',
    '{"constructor": {"prototype": {"role": "admin"}}}',
    '{"name": "x", "__proto__": {"type": "school"}}',
    '[]',
    '"a string"',
    '123',
    'null',
  );
  return fc.oneof(
    known.map((value) => JSON.stringify(value)),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
    pollution,
  );
}

/** Tables that a refused request may legitimately write: none today. */
const WRITTEN_ON_REFUSAL = new Set<string>(['migrations']);

/**
 * A reader of every table's row count and content hash, in one statement, so that a refused
 * request can be shown to have changed nothing anywhere (an UPDATE changes the hash).
 */
async function tableFingerprint(t: TestApp): Promise<() => Promise<Record<string, string>>> {
  const tables = (
    await t.sql.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows
    .map((row) => row.name)
    .filter((name) => !WRITTEN_ON_REFUSAL.has(name));
  expect(tables).toEqual(expect.arrayContaining(['audit_log', 'cases', 'children', 'referrals']));
  const statement = `SELECT ${tables
    .map(
      (name) =>
        `(SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) FROM "${name}" x) AS "${name}"`,
    )
    .join(', ')}`;
  // Prepared once (named), as it runs after every input.
  return async () =>
    (await t.sql.query<Record<string, string>>({ name: 'fingerprint', text: statement })).rows[0];
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((name) => before[name] !== after[name]);
}

describe('hostile input on every route (property-based)', () => {
  let t: TestApp;
  let admin: string;
  let inputsTried = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(async () => {
    process.stderr.write(`hostile-input: ${inputsTried} inputs tried\n`);
    await t.close();
  });

  it(
    'answers every hostile input with a 2xx or a 4xx, never a 5xx, and a 4xx stores nothing in any table',
    async () => {
      const team = await createTeam(t);
      const locality = { id: team.localityId };
      const practitioner = team.practitioner;
      const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, Operation>>;
        components: { schemas: Schemas };
      };
      const fingerprint = await tableFingerprint(t);
      // The tables as the last request left them: taken again only after a request that may
      // write (a 2xx), so each input costs one fingerprint.
      let last = await fingerprint();
      const accepted: string[] = [];

      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (path === '/api/v1/auth/login') continue; // throttled and audited by design; see auth tests
          const route = `${method} ${path}`;
          const ref = operation.requestBody?.content['application/json']?.schema.$ref
            ?.split('/')
            .pop();
          const fields = Object.keys((ref && document.components.schemas[ref]?.properties) || {});
          const queryNames = (operation.parameters ?? [])
            .filter((p) => p.in === 'query')
            .map((p) => p.name);

          await fc.assert(
            fc.asyncProperty(
              fc.constantFrom(
                locality.id,
                'not-a-uuid',
                '00000000-0000-4000-8000-000000000000',
                '%00',
                '..',
              ),
              fc.dictionary(
                fc.constantFrom(...queryNames, 'extra', '__proto__'),
                shortNastyString,
                {
                  maxKeys: 4,
                },
              ),
              bodyText(fields),
              fc.constantFrom(admin, practitioner.token),
              async (id, query, body, token) => {
                inputsTried++;
                const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
                const call = t
                  .http()
                  [method as 'get' | 'post' | 'put' | 'patch'](url)
                  .auth(token, { type: 'bearer' })
                  .query(query);
                const response =
                  method === 'get'
                    ? await call
                    : await call.set('Content-Type', 'application/json').send(body);
                const statusClass = `${Math.floor(response.status / 100)}xx`;
                expect({ route, statusClass }).toEqual({
                  route,
                  statusClass: expect.stringMatching(/^[24]xx$/),
                });
                if (statusClass === '4xx') {
                  expect(response.body).toMatchObject({
                    statusCode: response.status,
                    message: expect.any(String),
                  });
                  // Every table, not only audit_log: no row added, removed or changed.
                  expect({ route, changed: changedTables(last, await fingerprint()) }).toEqual({
                    route,
                    changed: [],
                  });
                } else {
                  last = await fingerprint();
                  if (method !== 'get') accepted.push(route);
                }
              },
            ),
            { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
          );
        }
      }
      process.stderr.write(`hostile-input: writes accepted: ${JSON.stringify(accepted)}\n`);
    },
    /* some 3,000 inputs, each checked against every table: a minute or more on 2 shared cores */ 300_000,
  );

  it('never answers 500 to a hostile CSV of entered figures, and stores nothing from a refused one', async () => {
    const cell = fc.oneof(
      shortNastyString,
      fc.constantFrom(
        'ALL',
        '2011-05',
        'FY2011-12',
        'children_missing_from_home',
        '-3',
        '1e9',
        '"',
        '""',
      ),
    );
    const header = fc.constantFrom(
      'period,indicator_code,locality_code,value',
      'period,indicator_code,locality_code,numerator,denominator,value',
      'period,indicator_code,value',
      '"period",indicator_code,locality_code,value,"value"',
      '',
    );
    const csvText = fc
      .tuple(header, fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }))
      .chain(([head, rows]) =>
        fc
          .constantFrom('\r\n', '\n')
          .map((end) => [head, ...rows.map((row) => row.join(','))].join(end)),
      );
    const stored = async (): Promise<number> =>
      Number((await t.sql.query('SELECT count(*) AS n FROM kpi_entered_values')).rows[0].n);
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => {
        inputsTried++;
        const before = await stored();
        const response = await t
          .http()
          .post('/api/v1/plans/current/values')
          .auth(admin, { type: 'bearer' })
          .set('Content-Type', 'text/csv')
          .send(text);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.body).toMatchObject({
            statusCode: response.status,
            message: expect.any(String),
          });
          expect(await stored()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});
