import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../src/common/domain/roles';
import {
  ACCESS_TABLE,
  CALLER_ORDER,
  CHILD_AUDIT,
  Caller,
  Expected,
  HIDDEN,
  NA,
  OUTSIDE_THE_MATRIX,
  renderAccessDoc,
  RouteKey,
  SHOWN,
} from './support/access-table';
import {
  buildWorld,
  Cast,
  createCast,
  idsOf,
  MATRIX_AUTHORITY_CONFIG_DIR,
  Recipe,
  RECIPES,
  send,
  World,
} from './support/access-world';
import { startTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');
const DOC = join(ROOT, 'docs', 'access.md');
const REGENERATE =
  'UPDATE_ACCESS_DOC=1 npx jest --selectProjects integration --testPathPatterns access-matrix';

/** The role each signed-in caller has (the others never reach the role check). */
const ROLE_OF: Partial<Record<Caller, Role>> = {
  admin: 'admin',
  performance: 'performance_manager',
  managerHere: 'locality_manager',
  managerElsewhere: 'locality_manager',
  lead: 'practitioner',
  member: 'practitioner',
  unlinked: 'practitioner',
  socialCare: 'social_care',
  socialCareNotReferred: 'social_care',
};

type Operation = { 'x-roles'?: string[] };
type RouterLayer = { route?: { path: string; methods: Record<string, boolean> } };

/** Whether the caller may read the child of the world it acts on, by the table itself. */
function seesChild(caller: Caller): boolean {
  return ACCESS_TABLE['GET /api/v1/children/{id}'][caller] === 200;
}

function statusOf(expected: Expected): number | null {
  if (expected === NA) return null;
  return expected === SHOWN || expected === HIDDEN ? 200 : expected;
}

function succeeds(expected: Expected): boolean {
  const status = statusOf(expected);
  return status !== null && status < 300;
}

/**
 * The routes Nest has bound in Express, as `METHOD /path` with OpenAPI's `{param}`: what the
 * application really serves, whether or not the OpenAPI document describes it.
 */
function servedRoutes(t: TestApp): Set<string> {
  const express = t.app.getHttpAdapter().getInstance() as {
    router?: { stack: RouterLayer[] };
    _router?: { stack: RouterLayer[] };
  };
  const stack = (express.router ?? express._router)!.stack;
  const routes = new Set<string>();
  for (const { route } of stack) {
    if (!route) continue;
    const methods = Object.keys(route.methods).filter((m) => route.methods[m]);
    // The request logger (nestjs-pino's middleware) is bound to every method of every path.
    if (methods.length >= 20 && !methods.includes('_all')) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    for (const method of methods) {
      routes.add(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${path}`);
    }
  }
  return routes;
}

const aliases = new Map<string, string>();
/** Ids in a failure message as short aliases (the same id, the same alias). */
function alias(message: string): string {
  return message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
    if (!aliases.has(id)) aliases.set(id, `id${aliases.size + 1}`);
    return aliases.get(id)!;
  });
}

function formatMarkdown(markdown: string): string {
  return execFileSync(
    process.execPath,
    [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', DOC],
    { input: markdown, encoding: 'utf8', cwd: ROOT },
  );
}

describe('the access matrix: every route × every kind of caller (docs/domain.md#access)', () => {
  it('keeps docs/access.md in step with the table', () => {
    const rendered = formatMarkdown(renderAccessDoc());
    if (process.env.UPDATE_ACCESS_DOC === '1') writeFileSync(DOC, rendered);
    const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    if (current !== rendered) {
      throw new Error(
        `docs/access.md differs from test/support/access-table.ts: run ${REGENERATE}`,
      );
    }
  });

  describe('on the running application', () => {
    let t: TestApp;
    let cast: Cast;
    /** The child every read is about: referred, with an earlier case only its manager sees. */
    let readWorld: World;
    /** A child never referred, for the social care worker who must not see it. */
    let unreferredWorld: World;

    beforeAll(async () => {
      t = await startTestApp({ AUTHORITY_CONFIG_DIR: MATRIX_AUTHORITY_CONFIG_DIR });
      cast = await createCast(t);
      readWorld = await buildWorld(t, cast, 'planned', { full: true });
      unreferredWorld = await buildWorld(t, cast, 'planned');
    }, 120_000);
    afterAll(() => t?.close());

    it('has a row for every route the application serves, and none for a route it does not', async () => {
      const served = servedRoutes(t);
      const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, Operation>>;
      };
      const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const table = Object.keys(ACCESS_TABLE);
      const outside = Object.keys(OUTSIDE_THE_MATRIX);

      expect({
        servedWithoutARow: [...served].filter((r) => !table.includes(r) && !outside.includes(r)),
        rowsForNoRoute: table.filter((r) => !served.has(r)),
        staleExclusions: outside.filter((r) => !served.has(r)),
        documentedButNotServed: documented.filter((r) => !served.has(r)),
        bothInTableAndExcluded: outside.filter((r) => table.includes(r)),
      }).toEqual({
        servedWithoutARow: [],
        rowsForNoRoute: [],
        staleExclusions: [],
        documentedButNotServed: [],
        bothInTableAndExcluded: [],
      });
      expect(table.length).toBeGreaterThan(60);

      // What is outside the matrix is public by design: it never asks for a token.
      for (const route of outside) {
        // The web app's forms (POST) are CSRF-checked and need a session: test/web-*.e2e-spec.ts.
        if (!route.startsWith('GET ')) continue;
        const { status } = await t.http().get(route.slice('GET '.length));
        expect({
          route,
          asksForToken: status === 401 || status === 403,
          fails: status >= 500,
        }).toEqual({ route, asksForToken: false, fails: false });
      }
    });

    it('agrees with the roles each operation lists in the OpenAPI document', async () => {
      const document = (await t.http().get('/api/v1/openapi.json').expect(200)).body as {
        paths: Record<string, Record<string, Operation>>;
      };
      const disagreements: string[] = [];
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const route = `${method.toUpperCase()} ${path}` as RouteKey;
          const row = ACCESS_TABLE[route];
          const roles = operation['x-roles'];
          for (const caller of CALLER_ORDER) {
            const role = ROLE_OF[caller];
            const expected = row[caller];
            if (!roles) {
              if (statusOf(expected) !== 200) disagreements.push(`${route}: public, not ${caller}`);
            } else if (!role) {
              if (expected !== 401) disagreements.push(`${route} × ${caller}: not 401`);
            } else if (!roles.includes(role) && expected !== 403) {
              disagreements.push(`${route} × ${caller}: role not listed, yet not 403`);
            }
          }
        }
      }
      for (const [route, row] of Object.entries(ACCESS_TABLE)) {
        for (const caller of CALLER_ORDER) {
          if (row[caller] === NA && caller !== 'socialCareNotReferred') {
            disagreements.push(`${route} × ${caller}: n/a is only for a child never referred`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    });

    it(
      'answers every caller as the table says, hides unlinked children, and audits each successful call once per record',
      async () => {
        const failures: string[] = [];
        const refusalWorlds = new Map<string, Promise<World>>();
        let calls = 0;
        let audited = 0;
        let notApplicable = 0;

        const worldFor = (route: RouteKey, recipe: Recipe, caller: Caller): Promise<World> => {
          const expected = ACCESS_TABLE[route][caller];
          const own = caller === 'socialCareNotReferred' ? unreferredWorld : readWorld;
          if (!recipe.stage) return Promise.resolve(own);
          // A change that should succeed gets records of its own, so that no call depends on
          // what an earlier one did; refusals share one world per route (they change nothing).
          if (succeeds(expected)) return buildWorld(t, cast, recipe.stage);
          if (caller === 'socialCareNotReferred') return Promise.resolve(unreferredWorld);
          if (!refusalWorlds.has(route)) {
            refusalWorlds.set(route, buildWorld(t, cast, recipe.stage, { referred: true }));
          }
          return refusalWorlds.get(route)!;
        };

        const routes = Object.keys(ACCESS_TABLE) as RouteKey[];
        // Reads first, on records nothing has changed yet; then the changes, each on its own.
        const ordered = [
          ...routes.filter((r) => RECIPES[r].method === 'get'),
          ...routes.filter((r) => RECIPES[r].method !== 'get'),
        ];
        for (const route of ordered) {
          const recipe = RECIPES[route];
          for (const caller of CALLER_ORDER) {
            const expected = ACCESS_TABLE[route][caller];
            if (expected === NA) {
              notApplicable++;
              continue;
            }
            const world = await worldFor(route, recipe, caller);
            const context = { t, cast, world, caller };
            const requestId = `am-${++calls}`;
            const response = await send(
              t,
              cast.tokens[caller],
              recipe.method,
              recipe.url(context),
              recipe.body ? await recipe.body(context) : undefined,
              requestId,
            );
            const where = `${route} × ${caller}`;
            const status = statusOf(expected)!;
            if (response.status !== status) {
              failures.push(
                `${where}: expected ${status}, got ${response.status} (${String(
                  (response.body as { message?: unknown }).message,
                )})`,
              );
              continue;
            }
            // JSON as parsed; anything else (the census's XML, CSV) as the text it is.
            const payload: unknown = /json/.test(response.type) ? response.body : response.text;
            const text = JSON.stringify(payload ?? response.text);
            const ids = idsOf(world);
            if (recipe.namesChildToViewers && seesChild(caller) && !text.includes(world.child)) {
              failures.push(`${where}: does not name the child to a caller who may see it`);
            }
            if (expected === SHOWN && !text.includes(world.child)) {
              failures.push(`${where}: the list does not show the child`);
            }
            if (expected === HIDDEN && ids.some((id) => text.includes(id))) {
              failures.push(`${where}: the list shows the child’s records`);
            }
            if (status >= 400 && ids.some((id) => text.includes(id))) {
              failures.push(`${where}: the refusal names the child’s records`);
            }
            // Whoever may not see the child gets no id of its records in any answer (an admin's
            // audit trail aside); whoever sees it through one case sees nothing of its others.
            if (
              status < 300 &&
              !seesChild(caller) &&
              !recipe.linksCaller &&
              !recipe.returnsChildren &&
              !(route === 'GET /api/v1/audit' && caller === 'admin') &&
              ids.some((id) => text.includes(id))
            ) {
              failures.push(`${where}: names the child’s records to a caller who may not see them`);
            }
            if (
              status < 300 &&
              world.earlierCase &&
              caller !== 'managerHere' &&
              route !== 'GET /api/v1/audit' &&
              text.includes(world.earlierCase)
            ) {
              failures.push(`${where}: shows a case of the child the caller is not linked to`);
            }
            if (status < 300) {
              failures.push(
                ...(await auditFailures(where, route, recipe, caller, world, requestId, payload)),
              );
              audited++;
            }
          }
        }

        process.stderr.write(
          `access matrix: ${routes.length} routes × ${CALLER_ORDER.length} callers = ` +
            `${routes.length * CALLER_ORDER.length} cells (${calls} calls, ${notApplicable} n/a); ` +
            `audit rows checked on ${audited} successful calls\n`,
        );
        expect(failures).toEqual([]);
      },
      /* some 800 requests and a hundred fresh worlds, one after another */ 300_000,
    );

    /** The audit rows about children written by one request, against CHILD_AUDIT. */
    async function auditFailures(
      where: string,
      route: RouteKey,
      recipe: Recipe,
      caller: Caller,
      world: World,
      requestId: string,
      responseBody: unknown,
    ): Promise<string[]> {
      const rows = (
        await t.sql.query<{ action: string; childId: string; entityId: string; actorId: string }>(
          `SELECT action, child_id AS "childId", entity_id AS "entityId", actor_user_id AS "actorId"
           FROM audit_log WHERE request_id = $1 AND child_id IS NOT NULL`,
          [requestId],
        )
      ).rows;
      const spec = CHILD_AUDIT[route];
      const body = responseBody as Record<string, unknown>;
      const failures0: string[] = [];
      let expected: string[];
      let written: string[];
      if (!spec) {
        expected = [];
        written = rows.map((r) => r.action);
      } else if ('eachChildReturned' in spec) {
        // The children the return names: its XML's LAchildID, or the errors list's childId.
        const text = typeof responseBody === 'string' ? responseBody : JSON.stringify(body);
        const named = new Set(
          [...text.matchAll(/<LAchildID>([^<]+)<\/LAchildID>|"childId":"([^"]+)"/g)].map(
            (m) => m[1] ?? m[2],
          ),
        );
        expected = [...named].map((child) => `${spec.eachChildReturned} ${child}`);
        written = rows.map((r) => `${r.action} ${r.childId}`);
        if (!named.has(world.child)) failures0.push(`${where}: the return leaves out the child`);
      } else if ('eachItem' in spec) {
        const items = body.items as { id: string; childId?: string }[];
        expected = items.map((item) => `${spec.eachItem} ${item.childId ?? item.id} ${item.id}`);
        written = rows.map((r) => `${r.action} ${r.childId} ${r.entityId}`);
      } else {
        const child = recipe.touched ? recipe.touched(body) : world.child;
        expected = spec.map((action) => `${action} ${child}`);
        written = rows.map((r) => `${r.action} ${r.childId}`);
      }
      const failures: string[] = [...failures0];
      if (JSON.stringify([...written].sort()) !== JSON.stringify([...expected].sort())) {
        failures.push(
          alias(
            `${where}: audit rows about children ${JSON.stringify(written.sort())}, expected ${JSON.stringify(expected.sort())}`,
          ),
        );
      }
      if (rows.some((r) => r.actorId !== cast.userIds[caller])) {
        failures.push(`${where}: an audit row does not name the caller`);
      }
      return failures;
    }
  });
});
