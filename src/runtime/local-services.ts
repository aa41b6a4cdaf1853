import type { Env } from '../config/env';
import { ensureDataDir, persistentSecret } from './data-dir';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureLocalRedis } from './local-redis';

export interface RuntimeConnections {
  databaseUrl: string;
  redisUrl: string;
  jwtSecret: string;
  stop(): Promise<void>;
}

/**
 * Resolves what the service connects to before Nest starts: the configured PostgreSQL and
 * Redis, or local ones we start (docs/domain.md#qualities Set-up), and the JWT secret (outside production a
 * random one kept in the data directory, so tokens survive a restart).
 */
export async function prepareRuntime(
  env: Env,
  log: (line: string) => void,
): Promise<RuntimeConnections> {
  ensureDataDir(env.dataDir);
  const postgres = env.databaseUrl
    ? { url: env.databaseUrl, stop: async () => undefined }
    : await startEmbeddedPostgres(env.dataDir, env.embeddedPostgresPort, log);
  let redis;
  try {
    redis = await ensureLocalRedis(env.redisUrl, env.redisUrlIsDefault, env.dataDir, log);
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    databaseUrl: postgres.url,
    redisUrl: redis.url,
    jwtSecret: env.jwtSecret ?? persistentSecret(env.dataDir, 'jwt-secret'),
    async stop() {
      await redis.stop();
      await postgres.stop();
    },
  };
}
