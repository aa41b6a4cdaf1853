import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import pino from 'pino';
import { createHttpApp } from './bootstrap';
import { prepareRuntime } from './runtime/local-services';
import { environmentOrExit, migrateAndSettle } from './runtime/process-start';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const env = environmentOrExit();
  const started = Date.now();
  // Start-up messages before Nest's logger exists, in the same structured form.
  const startupLogger = pino({ base: { context: 'Startup' }, level: env.logLevel });
  const log = (msg: string): void => startupLogger.info(msg);

  let runtime;
  try {
    runtime = await prepareRuntime(env, log);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }

  const { settings, applied } = await migrateAndSettle(env, runtime);
  if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);

  const app = await createHttpApp(settings);
  const server: Server = app.getHttpServer();
  let stopping = false;
  // Responses not yet sent, so that a shutdown can tell their keep-alive connections to close.
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (stopping) closeAfter(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });
  await app.listen(env.port);
  log(`Continuum listening on port ${env.port} (started in ${Date.now() - started} ms)`);

  // Graceful shutdown: stop accepting, let in-flight requests finish, close pools, exit 0.
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // The listening socket is closed (synchronously) before the message that says so, so that
    // whoever waits for the message finds new connections refused.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    log(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      startupLogger.error('Shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // A kept-alive connection would otherwise take further requests after its current one,
    // and hold the close open: each in-flight response says `Connection: close`, and each
    // connection is closed as soon as it is idle.
    inFlight.forEach(closeAfter);
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    await closed;
    clearInterval(idleSweep);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** Ends the response's connection once it is sent (when its headers are not sent yet). */
function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
