import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createHttpApp } from '../../src/bootstrap';
import { loadEnv } from '../../src/config/env';
import { Settings } from '../../src/config/settings';
import {
  TEST_REDIS_URL,
  TEST_SERVER_URL,
  TEST_TEMPLATE_DB,
  required,
  withDatabase,
} from './test-env';

export const ADMIN_EMAIL = 'admin@test.continuum';
export const ADMIN_PASSWORD = 'correct horse battery staple';
export const TEST_PASSWORD = 'a long enough test password';

export interface TestApp {
  app: NestExpressApplication;
  settings: Settings;
  http: () => ReturnType<typeof request>;
  /** Direct SQL on this test file's own database (for set-up and proofs, never for the code under test). */
  sql: Client;
  databaseUrl: string;
  database: string;
  login(email: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on a fresh copy of the migrated template database and its own Redis
 * key prefix, so that test files run in parallel without seeing each other.
 */
export async function startTestApp(
  extraEnv: Record<string, string> = {},
  /** Another app's database to share (its owner drops it). */
  shareDatabaseOf?: TestApp,
): Promise<TestApp> {
  const serverUrl = required(TEST_SERVER_URL);
  const database = shareDatabaseOf?.database ?? `continuum_t_${randomBytes(6).toString('hex')}`;
  if (!shareDatabaseOf) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${required(TEST_TEMPLATE_DB)}`);
    await admin.end();
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-test-'));
  const databaseUrl = withDatabase(serverUrl, database);
  const env = loadEnv({
    NODE_ENV: 'test',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    DATA_DIR: dataDir,
    REDIS_URL: required(TEST_REDIS_URL),
    REDIS_PREFIX: `test-${database}`,
    // The queue worker runs only in the test files about reminders.
    RUN_WORKER: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...extraEnv,
  });
  const jwtSecret = shareDatabaseOf?.settings.jwtSecret ?? randomBytes(32).toString('hex');
  const settings = new Settings(env, databaseUrl, env.redisUrl, jwtSecret);
  const app = await createHttpApp(settings);
  await app.init();
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();

  const http = () => request(app.getHttpServer());
  let cachedAdminToken: string | undefined;
  const login = async (email: string, password: string): Promise<string> => {
    const response = await http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  };

  return {
    app,
    settings,
    http,
    sql,
    databaseUrl,
    database,
    login,
    adminToken: async () => (cachedAdminToken ??= await login(ADMIN_EMAIL, ADMIN_PASSWORD)),
    async close() {
      await sql.end();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (shareDatabaseOf) return;
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
