import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Any fixed 64-bit key; every instance of the service uses the same one.
const MIGRATION_LOCK_KEY = 4_127_730_101;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so that two instances
 * starting together apply each migration once; the second waits, then finds nothing to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** Applies pending migrations on a short-lived connection, under the migration lock. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource(
    dataSourceOptions(databaseUrl, { poolSize: 2, applicationName: 'continuum-migrate' }),
  );
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
