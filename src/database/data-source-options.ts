import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import './pg-types';

/** Connection options shared by the service, the worker, the migration CLI and the tests. */
export function dataSourceOptions(
  url: string,
  extra: Partial<{ poolSize: number; applicationName: string }> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'typeorm_migrations',
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    entities: [],
    poolSize: extra.poolSize ?? 20,
    applicationName: extra.applicationName ?? 'continuum',
    // JIT compilation costs tens of milliseconds a statement and pays back only on long
    // analytical scans; none of ours is one (bench:plans), so the service's sessions skip it.
    extra: { connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, options: '-c jit=off' },
  };
}
