import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';

/** What a repository needs to run SQL: inside a transaction or on its own. */
export interface Sql {
  rows<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  one<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement and answers how many rows it touched. */
  exec(text: string, params?: readonly unknown[]): Promise<number>;
  /** Work for after the commit (e.g. enqueueing jobs for rows this transaction wrote). */
  afterCommit(callback: () => Promise<void>): void;
}

class RunnerSql implements Sql {
  readonly committed: (() => Promise<void>)[] = [];

  constructor(private readonly runner: QueryRunner) {}

  afterCommit(callback: () => Promise<void>): void {
    this.committed.push(callback);
  }

  async rows<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.runner.query(text, params as unknown[], true);
    return result.records as T[];
  }

  async one<T>(text: string, params: readonly unknown[] = []): Promise<T | undefined> {
    const [first] = await this.rows<T>(text, params);
    return first;
  }

  async exec(text: string, params: readonly unknown[] = []): Promise<number> {
    const result = await this.runner.query(text, params as unknown[], true);
    return result.affected ?? result.records.length;
  }
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
    let released = false;
    try {
      await runner.startTransaction();
      const sql = new RunnerSql(runner);
      let result: T;
      try {
        result = await work(sql);
        await runner.commitTransaction();
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      await runner.release();
      released = true;
      await runAfterCommit(sql.committed);
      return result;
    } finally {
      if (!released) await runner.release();
    }
  }

  async read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const sql = new RunnerSql(runner);
    let result: T;
    try {
      result = await work(sql);
    } finally {
      await runner.release();
    }
    await runAfterCommit(sql.committed);
    return result;
  }
}
