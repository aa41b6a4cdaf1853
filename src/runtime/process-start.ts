import { checkAuthorityFiles } from '../config/authority-files';
import { ConfigError, Env, loadEnv } from '../config/env';
import { Settings } from '../config/settings';
import { migrate } from '../database/migrate';
import type { RuntimeConnections } from './local-services';

/**
 * The opening both processes (`main.ts`, `worker.ts`) share: the environment and the
 * authority's rule files checked, a mistake being one line on stderr and exit 1.
 */
export function environmentOrExit(): Env {
  try {
    const env = loadEnv(process.env);
    checkAuthorityFiles(env.authorityConfigDir);
    return env;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Once PostgreSQL and Redis are resolved: the migrations run, and the settings Nest starts with. */
export async function migrateAndSettle(
  env: Env,
  runtime: RuntimeConnections,
): Promise<{ settings: Settings; applied: string[] }> {
  const applied = await migrate(runtime.databaseUrl);
  const settings = new Settings(env, runtime.databaseUrl, runtime.redisUrl, runtime.jwtSecret);
  return { settings, applied };
}
