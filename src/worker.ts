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
  const logger = app.get(Logger);
  logger.log('Continuum worker started');

  let stopping = false;
  // Background work still running when the connections close (a sweep started at start-up)
  // fails with them: expected while stopping, and no reason to exit non-zero.
  process.on('unhandledRejection', (reason: unknown) => {
    if (!stopping) throw reason;
    logger.warn(
      `Background work ended by the shutdown: ${reason instanceof Error ? reason.message : 'error'}`,
    );
  });
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Closing the module closes the BullMQ worker, which lets the running job finish.
    try {
      await app.close();
      await runtime.stop();
    } catch (error) {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.message : 'error'}`);
      process.exit(1);
    }
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
