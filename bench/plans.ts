/**
 * npm run bench:plans [-- --database continuum_scale --period FY2025-26-Q2]
 *
 * The query-plan review at scale: calls every list route and the indicators through HTTP as the
 * users who use them, records each SELECT the service sends to PostgreSQL (with its
 * parameters), then runs `EXPLAIN (ANALYZE, BUFFERS)` on each one and prints, per statement,
 * its time, buffers, the indexes it read and any sequential scan of a large table. The full
 * plans go to bench/results/plans-<date>.md.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { withBenchService } from './service';
import { option } from './cli';
import { table } from './kpis';

const DATABASE = option('database', 'continuum_scale');
// Not the quarter bench:kpis snapshots: that one's GET /kpis reads the snapshot, not the metric SQL.
const PERIOD = option('period', 'FY2025-26-Q2');
/** A sequential scan of a table this large in a hot query is a finding. */
const LARGE_TABLE_ROWS = 10_000;

interface Statement {
  route: string;
  text: string;
  values: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** Every SELECT sent through any pg client while `route` is being called. */
function recordStatements(): { statements: Statement[]; route: { current: string } } {
  const statements: Statement[] = [];
  const route = { current: '' };
  // Kept to be called with each client as `this` below.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
    if (route.current && text && /^\s*(WITH|SELECT)\b/i.test(text)) {
      const values = Array.isArray(second)
        ? second
        : ((first as { values?: unknown[] }).values ?? []);
      statements.push({ route: route.current, text, values });
    }
    return query.apply(this, args);
  } as typeof Client.prototype.query;
  return { statements, route };
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

async function main(): Promise<void> {
  const recorder = recordStatements();
  await withBenchService(DATABASE, 'bench-plans', async ({ url, base, login }) => {
    await recordAndExplain(recorder, url, base, login);
  });
}

async function recordAndExplain(
  recorder: ReturnType<typeof recordStatements>,
  url: string,
  base: string,
  login: (email: string) => Promise<string>,
): Promise<void> {
  // As the service's own sessions run (src/database/data-source-options.ts).
  const db = new Client({ connectionString: url, options: '-c jit=off' });
  await db.connect();
  try {
    {
      const as = {
        manager: await login('manager.1@scale.continuum'),
        social: await login('social1@scale.continuum'),
        practitioner: await login('practitioner1@scale.continuum'),
        performance: await login('performance@scale.continuum'),
        admin: await login('admin@scale.continuum'),
      };
      const call = async (
        who: keyof typeof as,
        path: string,
        name = path.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, ''),
      ): Promise<unknown> => {
        recorder.route.current = `GET ${name}${path.includes('?') ? ` ?${path.split('?')[1].replace(/[0-9a-f-]{36}/g, ':id')}` : ''} (${who})`;
        const response = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${as[who]}` },
        });
        recorder.route.current = '';
        if (!response.ok) throw new Error(`GET ${path} as ${who}: ${response.status}`);
        return response.json();
      };

      const { items: cases } = (await call('manager', '/cases?limit=50')) as {
        items: { id: string; childId: string }[];
        nextCursor: string | null;
      };
      const page1 = (await call('manager', '/cases?limit=50')) as { nextCursor: string };
      await call('manager', `/cases?limit=50&cursor=${encodeURIComponent(page1.nextCursor)}`);
      await call('manager', '/cases?limit=50&status=active');
      await call('manager', '/cases?limit=50&tier=3');
      await call('manager', `/cases/${cases[0].id}`);
      await call('manager', `/cases/${cases[0].id}/assessment/versions`);
      await call('manager', `/children/${cases[0].childId}`);
      await call('manager', `/children/${cases[0].childId}/history`);
      await call('manager', '/children?limit=20&q=scale12345');
      await call('manager', '/children?limit=20&q=2014-05-06');
      await call('manager', '/children?limit=20');
      await call('manager', '/referrals?limit=50');
      await call('social', '/referrals/queue?limit=50');
      const referrals = (await call('social', '/referrals?limit=50')) as {
        items: { id: string }[];
      };
      await call('social', '/referrals?limit=50&isReReferral=true&from=2025-04-01&to=2025-06-30');
      await call('social', `/referrals/${referrals.items[0].id}`);
      await call('social', '/initial-assessments?limit=50');
      await call('social', '/core-assessments?limit=50');
      await call('practitioner', '/cases/mine?limit=50');
      await call('practitioner', '/cases/mine?limit=50&leading=false');
      await call('practitioner', '/notifications?limit=50');
      await call('admin', '/users?limit=50');
      await call('admin', `/audit?childId=${cases[0].childId}&limit=50`);
      await call('performance', `/kpis?period=${PERIOD}`);
      await call('performance', `/kpis/feed?period=${PERIOD}`);
    }

    // Each distinct statement once (the same text with the first parameters seen).
    const distinct = new Map<string, Statement>();
    for (const statement of recorder.statements)
      if (!distinct.has(statement.text)) distinct.set(statement.text, statement);

    const sizes = new Map<string, number>(
      (
        await db.query<{ relname: string; rows: string }>(
          `SELECT relname, reltuples::bigint AS rows FROM pg_class WHERE relkind IN ('r', 'p')`,
        )
      ).rows.map((row) => [row.relname, Number(row.rows)]),
    );
    const rows: [string, string][] = [];
    const details: string[] = [];
    let findings = 0;
    for (const statement of distinct.values()) {
      await db.query('BEGIN');
      let plan: { Plan: PlanNode; 'Execution Time': number };
      let text: string;
      try {
        const explained = await db.query<{ 'QUERY PLAN': [typeof plan] }>(
          `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`,
          statement.values,
        );
        plan = explained.rows[0]['QUERY PLAN'][0];
        const textual = await db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
          statement.values,
        );
        text = textual.rows.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await db.query('ROLLBACK');
      }
      const indexes = new Set<string>();
      const seqScans: string[] = [];
      walk(plan.Plan, (node) => {
        if (node['Index Name']) indexes.add(node['Index Name']);
        const relation = node['Relation Name'];
        if (
          node['Node Type'] === 'Seq Scan' &&
          relation &&
          (sizes.get(relation) ?? 0) >= LARGE_TABLE_ROWS
        )
          seqScans.push(`${relation} (${sizes.get(relation)} rows)`);
      });
      if (seqScans.length) findings += 1;
      const firstLine = statement.text.trim().split('\n')[0].slice(0, 60);
      rows.push([
        `${statement.route} — ${firstLine}`,
        `${plan['Execution Time'].toFixed(1)} ms; ${indexes.size ? [...indexes].join(', ') : 'no index'}${seqScans.length ? `; SEQ SCAN ${seqScans.join(', ')}` : ''}`,
      ]);
      details.push(
        `### ${statement.route}\n\n\`\`\`sql\n${statement.text.trim()}\n\`\`\`\n\n\`\`\`\n${text}\n\`\`\``,
      );
    }
    table(
      `bench:plans — ${distinct.size} distinct statements, ${findings} with a sequential scan of a table over ${LARGE_TABLE_ROWS} rows`,
      rows,
    );
    const day = new Date().toISOString().slice(0, 10);
    const dir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `plans-${day}.md`);
    writeFileSync(
      file,
      `# Query plans at scale, ${day}\n\nEvery SELECT the list routes and the indicators (${PERIOD}) send, with \`EXPLAIN (ANALYZE, BUFFERS)\` on database \`${DATABASE}\`. Written by \`npm run bench:plans\`.\n\n${details.join('\n\n')}\n`,
    );
    process.stdout.write(`written ${file}\n`);
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:plans failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
