import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type DestinationStream, type Level } from 'pino';
import request from 'supertest';
import { createHttpApp } from '../../src/bootstrap';
import { loadEnv } from '../../src/config/env';
import { Settings } from '../../src/config/settings';
import { childData, findLeaks } from './log-leaks';
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

/**
 * Every log line of every app this test file starts (Jest gives each file its own copy of this
 * module). One buffer for all of them: Nest's static logger and nestjs-pino's logger outside a
 * request are process-wide, so a line of one app may be written through another's logger.
 */
const capturedLogs: string[] = [];

/** Debug and above to the buffer; standard output only at TEST_LOG_LEVEL (default: nothing). */
function logDestination(captureLevel: Level): DestinationStream {
  const capture = { write: (line: string) => void capturedLogs.push(line) };
  const consoleLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  if (consoleLevel === 'silent') return capture;
  if (!(consoleLevel in pino.levels.values)) {
    throw new Error(
      `TEST_LOG_LEVEL must be silent or one of ${Object.keys(pino.levels.values).join(', ')}`,
    );
  }
  return pino.multistream([
    { level: captureLevel, stream: capture },
    { level: consoleLevel as Level, stream: process.stdout },
  ]);
}

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
  /** The log lines captured so far from this test file's apps. */
  logs(): readonly string[];
  /** Stops the app; fails if its logs hold a child's data, a token or a password. */
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
    // Everything down to debug is captured and checked at close() (printed: TEST_LOG_LEVEL).
    LOG_LEVEL: process.env.TEST_LOG_LEVEL === 'trace' ? 'trace' : 'debug',
    ...extraEnv,
  });
  const jwtSecret = shareDatabaseOf?.settings.jwtSecret ?? randomBytes(32).toString('hex');
  const captureLevel = env.logLevel === 'silent' ? 'fatal' : env.logLevel;
  const settings = new Settings(
    env,
    databaseUrl,
    env.redisUrl,
    jwtSecret,
    logDestination(captureLevel),
  );
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
    logs: () => capturedLogs,
    async close() {
      let leaks: string[] = [];
      try {
        await app.close();
        // Before the database goes: its children are what the logs must not mention.
        leaks = findLeaks(capturedLogs, [
          ...(await childData(sql)),
          { kind: 'the JWT secret', value: jwtSecret },
          { kind: 'a test password', value: ADMIN_PASSWORD },
          { kind: 'a test password', value: TEST_PASSWORD },
        ]);
      } finally {
        await sql.end();
        rmSync(dataDir, { recursive: true, force: true });
        if (!shareDatabaseOf) {
          const cleanup = new Client({ connectionString: serverUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
          await cleanup.end();
        }
      }
      if (leaks.length > 0) {
        throw new Error(`The application's logs hold what they must not:\n${leaks.join('\n')}`);
      }
    },
  };
}
