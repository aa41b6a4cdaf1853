// The DataSource the TypeORM CLI uses (`npm run migration:run|revert`).
import { DataSource } from 'typeorm';
import { loadEnv } from '../config/env';
import { dataPath } from '../runtime/data-dir';
import { readFileSync } from 'node:fs';
import { dataSourceOptions } from './data-source-options';

function cliDatabaseUrl(): string {
  const env = loadEnv(process.env);
  if (env.databaseUrl) return env.databaseUrl;
  // The embedded PostgreSQL must be running (npm start) for the CLI to reach it.
  const password = readFileSync(dataPath(env.dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.embeddedPostgresPort}/continuum`;
}

export default new DataSource(
  dataSourceOptions(cliDatabaseUrl(), { poolSize: 2, applicationName: 'continuum-cli' }),
);
