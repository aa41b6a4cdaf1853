import { Database } from '../../src/database/database';
import { TestApp, startTestApp } from '../support/test-app';

/**
 * A PostgreSQL session ended under a running transaction (as a restart or an administrator's
 * pg_terminate_backend does): the caller sees the database's own error (a 503), not a bug, and
 * the pool drops the dead connection.
 */
describe('a database session ended in the middle of a transaction', () => {
  let t: TestApp;
  let db: Database;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  /** Ends this connection's session from another one, and waits until the client has heard. */
  async function terminate(pid: number): Promise<void> {
    await t.sql.query('SELECT pg_terminate_backend($1)', [pid]);
    for (let i = 0; i < 100; i += 1) {
      const { rowCount } = await t.sql.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
        pid,
      ]);
      if (rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  it.each(['transaction', 'read'] as const)(
    'in a %s: the next statement fails with 57P01 (mapped to 503), and the next unit of work runs on a live connection',
    async (kind) => {
      const failure = await db[kind](async (sql) => {
        const [{ pid }] = await sql.rows<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(pid);
        await sql.rows('SELECT 1');
      }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: '57P01' });

      const [{ n }] = await db.transaction((sql) => sql.rows<{ n: number }>('SELECT 1 AS n'));
      expect(n).toBe(1);
      const health = await t.http().get('/api/v1/health');
      expect(health.status).toBe(200);
    },
  );
});
