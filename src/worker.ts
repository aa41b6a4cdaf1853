import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { checkAuthorityFiles } from './config/authority-files';
import { ConfigError, loadEnv } from './config/env';
import { Settings } from './config/settings';
import { WorkerModule } from './worker.module';
import { prepareRuntime } from './runtime/local-services';
import { migrate } from './database/migrate';

/** The queue worker process: the same modules as the service, no HTTP. */
async function main(): Promise<void> {
  let env;
  try {
    env = loadEnv(process.env);
    checkAuthorityFiles(env.authorityConfigDir);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const runtime = await prepareRuntime(env, () => undefined);
  await migrate(runtime.databaseUrl);
  const settings = new Settings(env, runtime.databaseUrl, runtime.redisUrl, runtime.jwtSecret);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(settings), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.get(Logger).log('Continuum worker started');

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Closing the module closes the BullMQ worker, which lets the running job finish.
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Worker start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
