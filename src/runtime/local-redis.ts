import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { stopChildProcess } from './child-process';
import { dataPath } from './data-dir';
import type { LocalService } from './embedded-postgres';
import { isListening, waitUntilListening } from './tcp-probe';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

function redisServerOnPath(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Uses the Redis at `url` when something answers there. When the URL is the default
 * (REDIS_URL unset) and nothing answers, starts `redis-server` from the PATH with
 * append-only persistence under `<dataDir>/redis`, stopped again when we stop.
 */
export async function ensureLocalRedis(
  url: string,
  mayStartLocal: boolean,
  dataDir: string,
  log: (line: string) => void,
): Promise<LocalService> {
  const { hostname, port: rawPort } = new URL(url);
  const port = Number(rawPort || 6379);
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);
  if (!mayStartLocal || !local || (await isListening(hostname, port))) {
    return { url, stop: async () => undefined };
  }
  if (!redisServerOnPath()) {
    throw new RedisUnavailableError(
      `No Redis answers at ${url} and redis-server is not on the PATH: install it (apt-get install redis-server), or set REDIS_URL`,
    );
  }
  const dir = dataPath(dataDir, 'redis');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--save',
      '',
    ],
    { stdio: 'ignore' },
  );
  if (!(await waitUntilListening('127.0.0.1', port, 10_000))) {
    child.kill('SIGKILL');
    throw new RedisUnavailableError(`redis-server did not start on port ${port}`);
  }
  log(`Started redis-server on 127.0.0.1:${port} with append-only data in ${dir}`);
  return {
    url,
    stop: () => stopChildProcess(child),
  };
}
