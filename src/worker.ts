import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';
import { prepareRuntime } from './runtime/local-services';
import { environmentOrExit, migrateAndSettle } from './runtime/process-start';

/** The queue worker process: the same modules as the service, no HTTP. */
async function main(): Promise<void> {
  const env = environmentOrExit();
  const runtime = await prepareRuntime(env, () => undefined);
  const { settings } = await migrateAndSettle(env, runtime);
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
