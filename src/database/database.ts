import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { PoolClient, QueryResult } from 'pg';
import {
  DataSource,
  QueryFailedError,
  QueryRunner,
  QueryRunnerAlreadyReleasedError,
} from 'typeorm';

/** What a repository needs to run SQL: inside a transaction or on its own. */
export interface Sql {
  rows<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  one<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement and answers how many rows it touched. */
  exec(text: string, params?: readonly unknown[]): Promise<number>;
  /** Work for after the commit (e.g. enqueueing jobs for rows this transaction wrote). */
  afterCommit(callback: () => Promise<void>): void;
  /** Writes for the end of the transaction, inside it (e.g. one audit row per child). */
  beforeCommit(callback: () => Promise<void>): void;
}

/**
 * Remembers why the runner's connection died. When PostgreSQL ends a session (a restart sends
 * 57P01) between two statements of a transaction, TypeORM releases the runner, and the next
 * statement fails with QueryRunnerAlreadyReleasedError: `explain` answers the connection's own
 * error instead, so that the caller sees the database was unavailable (503), not a bug (500).
 */
class ConnectionWatch {
  private lost: Error | undefined;
  private readonly connection: EventEmitter | undefined;
  private readonly onError = (error: Error): void => {
    this.lost ??= error;
  };

  constructor(runner: QueryRunner) {
    this.connection = (runner as { databaseConnection?: EventEmitter }).databaseConnection;
    this.connection?.on('error', this.onError);
  }

  explain(error: unknown): unknown {
    return error instanceof QueryRunnerAlreadyReleasedError && this.lost ? this.lost : error;
  }

  stop(): void {
    this.connection?.removeListener('error', this.onError);
  }
}

class RunnerSql implements Sql {
  readonly committed: (() => Promise<void>)[] = [];
  readonly committing: (() => Promise<void>)[] = [];

  constructor(private readonly runner: QueryRunner) {}

  afterCommit(callback: () => Promise<void>): void {
    this.committed.push(callback);
  }

  beforeCommit(callback: () => Promise<void>): void {
    this.committing.push(callback);
  }

  async finish(): Promise<void> {
    for (const callback of this.committing.splice(0)) await callback();
  }

  async rows<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query(text, params)).rows as T[];
  }

  async one<T>(text: string, params: readonly unknown[] = []): Promise<T | undefined> {
    const [first] = await this.rows<T>(text, params);
    return first;
  }

  async exec(text: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.query(text, params);
    return result.rowCount ?? result.rows.length;
  }

  /** As the runner's own query (refused once released, errors as QueryFailedError), prepared. */
  private async query(text: string, params: readonly unknown[]): Promise<QueryResult> {
    if (this.runner.isReleased) throw new QueryRunnerAlreadyReleasedError();
    const client = (await this.runner.connect()) as PoolClient;
    const values = params as unknown[];
    let result: QueryResult | QueryResult[];
    try {
      result = await client.query({ text, values, name: preparedName(client, text, values) });
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
    // Several commands in one text answer one result each: no rows, as TypeORM answered.
    if (Array.isArray(result)) return { command: '', rowCount: null, oid: 0, fields: [], rows: [] };
    return result;
  }
}

/** Distinct statements a connection keeps prepared; beyond that, statements run unnamed. */
const MAX_PREPARED_PER_CONNECTION = 500;
const preparedBy = new WeakMap<PoolClient, Set<string>>();
const nameOfText = new Map<string, string>();

/**
 * Statements with parameters run as named prepared statements, one per distinct text and
 * connection, so that PostgreSQL parses and plans them once per connection rather than on
 * every call: for a referral that was half of the database's work (bench:writes, pgbench
 * -M extended against -M prepared). Statements without parameters keep the simple protocol
 * (a text may hold several commands). Answers undefined for an unnamed statement.
 */
function preparedName(client: PoolClient, text: string, values: unknown[]): string | undefined {
  if (values.length === 0) return undefined;
  let name = nameOfText.get(text);
  if (name === undefined) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (nameOfText.size < 10 * MAX_PREPARED_PER_CONNECTION) nameOfText.set(text, name);
  }
  let names = preparedBy.get(client);
  if (names === undefined) preparedBy.set(client, (names = new Set()));
  if (names.has(name)) return name;
  if (names.size >= MAX_PREPARED_PER_CONNECTION) return undefined;
  names.add(name);
  return name;
}

/** After-commit work must not undo an acknowledged write: its failures are left to the sweeps. */
async function runAfterCommit(callbacks: readonly (() => Promise<void>)[]): Promise<void> {
  for (const callback of callbacks) await callback().catch(() => undefined);
}

/** The one way services reach PostgreSQL: a transaction, or a single read. */
@Injectable()
export class Database {
  constructor(private readonly dataSource: DataSource) {}

  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const watch = new ConnectionWatch(runner);
    let released = false;
    try {
      await runner.startTransaction();
      const sql = new RunnerSql(runner);
      let result: T;
      try {
        result = await work(sql);
        await sql.finish();
        await runner.commitTransaction();
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw watch.explain(error);
      }
      watch.stop();
      await runner.release();
      released = true;
      await runAfterCommit(sql.committed);
      return result;
    } finally {
      if (!released) {
        watch.stop();
        await runner.release();
      }
    }
  }

  async read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const watch = new ConnectionWatch(runner);
    const sql = new RunnerSql(runner);
    let result: T;
    try {
      result = await work(sql);
      await sql.finish();
    } catch (error) {
      throw watch.explain(error);
    } finally {
      watch.stop();
      await runner.release();
    }
    await runAfterCommit(sql.committed);
    return result;
  }
}
