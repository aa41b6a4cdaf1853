import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';

/** What a repository needs to run SQL: inside a transaction or on its own. */
export interface Sql {
  rows<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  one<T>(text: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement and answers how many rows it touched. */
  exec(text: string, params?: readonly unknown[]): Promise<number>;
}

class RunnerSql implements Sql {
  constructor(private readonly runner: QueryRunner) {}

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

/** The one way services reach PostgreSQL: a transaction, or a single read. */
@Injectable()
export class Database {
  constructor(private readonly dataSource: DataSource) {}

  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      try {
        const result = await work(new RunnerSql(runner));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  async read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await work(new RunnerSql(runner));
    } finally {
      await runner.release();
    }
  }
}
