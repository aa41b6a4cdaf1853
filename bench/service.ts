/** The service in this process, on a benchmark's database, as kpis, reads and plans drive it. */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../src/bootstrap';
import { loadEnv } from '../src/config/env';
import { Settings } from '../src/config/settings';
import { prepareRuntime } from '../src/runtime/local-services';
import { migrate } from '../src/database/migrate';
import { withDatabase } from './cli';
import { BENCH_PASSWORD } from './generate';

export interface BenchService {
  app: NestExpressApplication;
  /** The database's URL on the configured (or embedded) server. */
  url: string;
  /** `http://127.0.0.1:<port>/api/v1`. */
  base: string;
  /** A bench user's bearer token (password BENCH_PASSWORD). */
  login: (email: string) => Promise<string>;
}

/**
 * Runs `work` against the service listening on a free port over `database`, with its own Redis
 * key prefix and no queue worker, then stops it and the local services it started.
 */
export async function withBenchService<T>(
  database: string,
  redisPrefix: string,
  work: (service: BenchService) => Promise<T>,
): Promise<T> {
  const env = loadEnv({
    // Templates compiled once, as deployed (development reads them again on every render).
    NODE_ENV: 'test',
    ...process.env,
    RUN_WORKER: 'false',
    LOG_LEVEL: 'warn',
    REDIS_PREFIX: redisPrefix,
  });
  const runtime = await prepareRuntime(env, (line) => process.stdout.write(`${line}\n`));
  try {
    const url = withDatabase(runtime.databaseUrl, database);
    // As the service does at start: a dataset generated before a migration gets it (an index).
    await migrate(url);
    const app = await createHttpApp(new Settings(env, url, runtime.redisUrl, runtime.jwtSecret));
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
    const login = async (email: string): Promise<string> => {
      const response = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: BENCH_PASSWORD }),
      });
      if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    };
    try {
      return await work({ app, url, base, login });
    } finally {
      await app.close();
    }
  } finally {
    await runtime.stop();
  }
}
