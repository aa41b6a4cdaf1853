import { Client } from 'pg';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnv } from '../../src/config/env';
import { migrate } from '../../src/database/migrate';
import { stopChildProcess } from '../../src/runtime/child-process';
import { ensureDataDir } from '../../src/runtime/data-dir';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ensureLocalRedis } from '../../src/runtime/local-redis';
import { TEST_REDIS_URL, TEST_SERVER_URL, TEST_TEMPLATE_DB, withDatabase } from './test-env';

const ROOT = join(__dirname, '..', '..');
const TEST_DATA_DIR = join(ROOT, '.data', 'test');

/** A name that changes whenever a migration does, so a stale template is never reused. */
function templateName(): string {
  const hash = createHash('sha256');
  const dir = join(ROOT, 'migrations');
  for (const file of readdirSync(dir).sort())
    hash.update(file).update(readFileSync(join(dir, file)));
  return `continuum_template_${hash.digest('hex').slice(0, 12)}`;
}

/** The embedded PostgreSQL in a child process (built by `pretest`), as `npm start` would run it. */
async function serveEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'dist', 'src', 'runtime', 'serve-embedded-postgres.js'), dataDir, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await Promise.race([
    createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((next) => [next.value as string | undefined]),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`))),
    ),
  ])) as [string | undefined];
  const { url } = JSON.parse(line ?? '{}') as { url: string };
  return {
    url,
    stop: () => stopChildProcess(child),
  };
}

/**
 * Real PostgreSQL and Redis for the integration tests: those configured by DATABASE_URL and
 * REDIS_URL, or started locally as `npm start` would. A template database is migrated once;
 * each test file then gets its own copy of it.
 */
export default async function globalSetup(): Promise<void> {
  const env = loadEnv({
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: TEST_DATA_DIR,
    EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT ?? '54339',
  });
  ensureDataDir(TEST_DATA_DIR);
  const log = (line: string): void => void process.stderr.write(`[test set-up] ${line}\n`);

  const postgres = env.databaseUrl
    ? { url: env.databaseUrl, stop: () => Promise.resolve() }
    : await serveEmbeddedPostgres(TEST_DATA_DIR, env.embeddedPostgresPort);
  const redis = await ensureLocalRedis(env.redisUrl, env.redisUrlIsDefault, TEST_DATA_DIR, log);
  (globalThis as { __continuumStop?: () => Promise<void> }).__continuumStop = async () => {
    await redis.stop();
    await postgres.stop();
  };

  const serverUrl = withDatabase(postgres.url, 'postgres');
  const template = templateName();
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // One template per migration set; concurrent runs take turns building it.
    await admin.query('SELECT pg_advisory_lock(4127730199)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${template}_building`).catch(async () => {
        await admin.query(`DROP DATABASE ${template}_building WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${template}_building`);
      });
      await migrate(withDatabase(serverUrl, `${template}_building`));
      await admin.query(`ALTER DATABASE ${template}_building RENAME TO ${template}`);
    }
    await admin.query('SELECT pg_advisory_unlock(4127730199)');
  } finally {
    await admin.end();
  }

  process.env[TEST_SERVER_URL] = serverUrl;
  process.env[TEST_TEMPLATE_DB] = template;
  process.env[TEST_REDIS_URL] = redis.url;
}
