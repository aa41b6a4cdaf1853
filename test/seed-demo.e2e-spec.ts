import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  TEST_REDIS_URL,
  TEST_SERVER_URL,
  TEST_TEMPLATE_DB,
  required,
  withDatabase,
} from './support/test-env';

const SEED = join(__dirname, '..', 'dist', 'src', 'seed', 'demo.js');

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SEED], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** npm run seed:demo, at its small size, on a database of its own. */
describe('the demo seed', () => {
  const database = `continuum_seed_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-seed-'));
  const admin = new Client({ connectionString: required(TEST_SERVER_URL) });
  let sql: Client;
  const env = () => ({
    DATABASE_URL: withDatabase(required(TEST_SERVER_URL), database),
    REDIS_URL: required(TEST_REDIS_URL),
    REDIS_PREFIX: `seed-${process.pid}`,
    DATA_DIR: dataDir,
    DEMO_SIZE: 'small',
    LOG_LEVEL: 'error',
  });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${required(TEST_TEMPLATE_DB)}`);
    sql = new Client({ connectionString: withDatabase(required(TEST_SERVER_URL), database) });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a living authority through the API, then finds it there on a second run', async () => {
    const first = await run(env());
    expect(first.output).toContain('The demo authority is ready');
    expect(first.code).toBe(0);
    expect(first.output).toContain('performance@demo.continuum');

    const { rows } = await sql.query<Record<string, number>>(`
      SELECT (SELECT count(*) FROM localities)::int AS localities,
             (SELECT count(DISTINCT role) FROM users)::int AS roles,
             (SELECT count(*) FROM cases)::int AS cases,
             (SELECT count(DISTINCT status) FROM cases)::int AS states,
             (SELECT count(*) FROM tac_meetings WHERE status = 'held')::int AS meetings,
             (SELECT count(*) FROM referrals)::int AS referrals,
             (SELECT count(*) FROM initial_assessments WHERE completed_at IS NOT NULL)::int AS initial,
             (SELECT count(*) FROM audit_log)::int AS audit,
             (SELECT count(*) FROM reminders)::int AS reminders`);
    expect(rows[0]).toMatchObject({ localities: 3, roles: 5, states: 3 });
    for (const key of ['cases', 'meetings', 'referrals', 'initial', 'audit', 'reminders']) {
      expect(rows[0][key]).toBeGreaterThan(0);
    }

    const ethnicities = await sql.query<{ n: number }>(
      `SELECT count(DISTINCT ethnicity)::int AS n FROM children`,
    );
    expect(ethnicities.rows[0].n).toBeGreaterThan(3);

    const second = await run(env());
    expect(second.code).toBe(0);
    expect(second.output).toContain('already seeded');
    const again = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(again.rows[0].n).toBe(rows[0].cases);
  }, 120_000);

  it('refuses at once, writing nothing, on a database that already has a locality it creates; and again on the next run', async () => {
    const other = `${database}_east`;
    await admin.query(`CREATE DATABASE ${other} TEMPLATE ${required(TEST_TEMPLATE_DB)}`);
    const db = new Client({ connectionString: withDatabase(required(TEST_SERVER_URL), other) });
    await db.connect();
    try {
      await db.query(`INSERT INTO localities (name, code) VALUES ('East', 'E1')`);
      // The demo's own records (the service's start-up may make its first admin, as npm start does).
      const counts = () =>
        db.query<{ demoUsers: number; localities: number; agencies: number }>(
          `SELECT (SELECT count(*) FROM users WHERE email LIKE '%@demo.continuum')::int AS "demoUsers",
                  (SELECT count(*) FROM localities)::int AS localities,
                  (SELECT count(*) FROM agencies WHERE name <> 'Local authority')::int AS agencies`,
        );
      const before = { demoUsers: 0, localities: 1, agencies: (await counts()).rows[0].agencies };
      for (const attempt of [1, 2]) {
        const result = await run({
          ...env(),
          DATABASE_URL: withDatabase(required(TEST_SERVER_URL), other),
        });
        expect({ attempt, code: result.code }).toEqual({ attempt, code: 1 });
        expect(result.output).toContain('seed:demo wrote nothing');
        expect(result.output).toContain('locality "East" (code E1)');
        expect(result.output).not.toContain('already seeded');
        expect((await counts()).rows[0]).toEqual(before);
      }
    } finally {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${other} WITH (FORCE)`);
    }
  }, 60_000);

  it('refuses to run in production', async () => {
    const result = await run({ ...env(), NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) });
    expect(result.code).toBe(1);
    expect(result.output).toContain('refuses to run with NODE_ENV=production');
  });
});
