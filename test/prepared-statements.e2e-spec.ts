import { QueryFailedError } from 'typeorm';
import { Database } from '../src/database/database';
import { TestApp, startTestApp } from './support/test-app';

interface Prepared {
  statement: string;
}

/**
 * Database runs each statement with parameters as a named prepared statement, once per
 * connection (bench:writes: PostgreSQL's parsing and planning were half of a referral's database
 * time), and the rest as before: statements without parameters by the simple protocol, errors
 * as TypeORM's QueryFailedError with PostgreSQL's code.
 */
describe('prepared statements', () => {
  let t: TestApp;
  let db: Database;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(Database);
  });
  afterAll(() => t.close());

  /** This session's prepared statements whose text contains `marker`. */
  const preparedWith = (
    sql: Parameters<Parameters<Database['read']>[0]>[0],
    marker: string,
  ): Promise<Prepared[]> =>
    sql.rows<Prepared>(
      `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%${marker}%' AND statement NOT LIKE '%pg_prepared_statements%'`,
    );

  it('prepares a statement with parameters once on a connection, and answers each run', async () => {
    const text = 'SELECT $1::int + 1 AS n /* prepared-once */';
    const [answers, prepared] = await db.transaction(async (sql) => {
      const runs = [];
      for (const value of [1, 2, 3]) runs.push((await sql.one<{ n: number }>(text, [value]))!.n);
      return [runs, await preparedWith(sql, 'prepared-once')];
    });
    expect(answers).toEqual([2, 3, 4]);
    expect(prepared).toEqual([{ statement: text }]);
  });

  it('leaves a statement without parameters unprepared, so that it may hold several commands', async () => {
    const [touched, prepared] = await db.read(async (sql) => [
      await sql.exec('SELECT 1 /* unprepared */; SELECT 2 /* unprepared */'),
      await preparedWith(sql, 'unprepared'),
    ]);
    expect(touched).toBe(0);
    expect(prepared).toEqual([]);
  });

  it('reports a failed run as a QueryFailedError with its code, and runs the statement again after', async () => {
    const text = 'SELECT $1::int AS n /* failing-run */';
    const failure = await db
      .transaction((sql) => sql.one(text, ['not a number']))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(failure).toMatchObject({ driverError: { code: '22P02' } });
    const again = await db.transaction((sql) => sql.one<{ n: number }>(text, ['7']));
    expect(again).toEqual({ n: 7 });
  });

  it('reports a statement that does not parse each time it is run', async () => {
    const text = 'SELEC $1::int /* not-parsed */';
    for (let run = 0; run < 2; run += 1) {
      const failure = await db.read((sql) => sql.one(text, [1])).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(QueryFailedError);
      expect(failure).toMatchObject({ driverError: { code: '42601' } });
    }
  });

  it('counts the rows a prepared write touched', async () => {
    const touched = await db.transaction(async (sql) => {
      await sql.exec('CREATE TEMP TABLE prepared_rows (n int) ON COMMIT DROP');
      await sql.exec('INSERT INTO prepared_rows SELECT generate_series(1, $1::int)', [5]);
      return sql.exec('UPDATE prepared_rows SET n = n + 1 WHERE n > $1', [2]);
    });
    expect(touched).toBe(3);
  });
});
