import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { load, dump } from 'js-yaml';
import { mkdtempSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  TEST_REDIS_URL,
  TEST_SERVER_URL,
  TEST_TEMPLATE_DB,
  required,
  withDatabase,
} from './support/test-env';
import { freePort } from './support/processes';

const ROOT = join(__dirname, '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** The environment of a fresh shell: none of our variables unless given. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  return { ...env, ...extra };
}

async function waitForHealthy(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('service did not become healthy');
}

describe('starting the service as a newcomer would (npm start)', () => {
  it('starts an embedded PostgreSQL with no DATABASE_URL, creates a first admin, reaches healthy, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'continuum-start-'));
    chmodSync(dataDir, 0o711);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: cleanEnv({
        PORT: String(port),
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(await freePort()),
        REDIS_URL: required(TEST_REDIS_URL),
        REDIS_PREFIX: `startup-${port}`,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const elapsed = await waitForHealthy(port, child, 90_000);
      process.stderr.write(
        `startup: embedded PostgreSQL initialised and service healthy in ${elapsed} ms\n`,
      );

      const adminFile = join(dataDir, 'initial-admin.txt');
      expect(statSync(adminFile).mode & 0o777).toBe(0o600);
      const password = /password: (\S+)/.exec(readFileSync(adminFile, 'utf8'))![1];
      expect(output).toContain(adminFile);
      expect(output).not.toContain(password);

      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@localhost', password }),
      });
      expect(login.status).toBe(200);

      const exitCode = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill('SIGTERM');
      expect(await exitCode).toBe(0);
      // The embedded PostgreSQL was stopped with the service.
      expect(spawnSync('pgrep', ['-f', join(dataDir, 'postgres')]).status).not.toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('runs the queue worker, which starts and stops cleanly on SIGTERM', async () => {
    const database = `continuum_worker_${process.pid}`;
    const admin = new Client({ connectionString: required(TEST_SERVER_URL) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${required(TEST_TEMPLATE_DB)}`);
    const worker = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'worker.js')], {
      cwd: ROOT,
      env: cleanEnv({
        DATABASE_URL: withDatabase(required(TEST_SERVER_URL), database),
        REDIS_URL: required(TEST_REDIS_URL),
        REDIS_PREFIX: `worker-${process.pid}`,
        DATA_DIR: tmpdir(),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let output = '';
        worker.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Continuum worker started')) resolve();
        });
        worker.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
      });
      let errors = '';
      worker.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      const exitCode = new Promise<number | null>((resolve) =>
        worker.once('exit', (code) => resolve(code)),
      );
      worker.kill('SIGTERM');
      // The worker's own words come with a failure, so that one under load can be told apart.
      expect({ code: await exitCode, errors }).toEqual({ code: 0, errors: '' });
    } finally {
      if (worker.exitCode === null) worker.kill('SIGKILL');
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid configuration: PORT must be a whole number from 1 to 65535'],
    [
      { NODE_ENV: 'production' },
      'Invalid configuration: JWT_SECRET is required when NODE_ENV=production',
    ],
    [{ JWT_SECRET: 'short' }, 'Invalid configuration: JWT_SECRET must be at least 32 bytes long'],
    [
      { DATABASE_URL: 'mysql://x' },
      'Invalid configuration: DATABASE_URL must be a URL starting with postgres:// or postgresql://',
    ],
  ])('refuses to start with %j, in one line naming the variable', (env, line) => {
    const result = spawnSync(process.execPath, [MAIN], {
      cwd: ROOT,
      env: cleanEnv(env),
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(line);
  });

  it.each([
    ['the service', MAIN],
    ['the queue worker', join(ROOT, 'dist', 'src', 'worker.js')],
  ])(
    'refuses to start %s with a broken rule file, in one line naming the file and the path',
    (_what, script) => {
      const dir = mkdtempSync(join(tmpdir(), 'continuum-rules-'));
      try {
        const rules = load(readFileSync(join(ROOT, 'config', 'thresholds.yaml'), 'utf8')) as {
          rules: Record<string, unknown>[];
        };
        rules.rules[2]['tier'] = 7;
        writeFileSync(join(dir, 'thresholds.yaml'), dump(rules));
        const result = spawnSync(process.execPath, [script], {
          cwd: ROOT,
          env: cleanEnv({ AUTHORITY_CONFIG_DIR: dir }),
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(
          `${dir}/thresholds.yaml: rules[2].tier must be 1, 2, 3 or 4`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.each([
    [
      'assessment-framework.yaml',
      'frameworks:\n  - from: 2000-01-01\n    initialAssessment: 7\n    coreAssessment: 35\n    decision: 1\n  - from: 2013-04-15\n    singleAssessment: forty-five\n    decision: 1\n',
      'frameworks[1].singleAssessment must be a whole number of working days from 1 to 120',
    ],
    [
      'authority.yaml',
      "lea: '12'\nname: Somewhere\n",
      "lea must be the authority's 3-digit LEA code, quoted (e.g. '201')",
    ],
  ])(
    'refuses to start with a mistake in %s, naming the file and the key',
    (file, text, message) => {
      const dir = mkdtempSync(join(tmpdir(), 'continuum-rules-'));
      try {
        writeFileSync(join(dir, file), text);
        const result = spawnSync(process.execPath, [MAIN], {
          cwd: ROOT,
          env: cleanEnv({ AUTHORITY_CONFIG_DIR: dir }),
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(`${dir}/${file}: ${message}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
  it('refuses to start when the plan names a panel that panels.yaml does not hold', () => {
    const dir = mkdtempSync(join(tmpdir(), 'continuum-rules-'));
    try {
      writeFileSync(
        join(dir, 'panels.yaml'),
        'panels:\n  - code: step_up_step_down\n    name: Step-up/step-down panel\n',
      );
      const result = spawnSync(process.execPath, [MAIN], {
        cwd: ROOT,
        env: cleanEnv({ AUTHORITY_CONFIG_DIR: dir }),
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(
        /^config\/plans\/default\.yaml: themes\[\d+\]\.priorities\[\d+\]\.indicators\[\d+\]\.panel complex_care is not a panel of panels\.yaml \(step_up_step_down\)$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
