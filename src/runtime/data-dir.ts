import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The local state directory (`.data/` by default): embedded database, local Redis, dev secrets. */
export function dataPath(dataDir: string, ...parts: string[]): string {
  return resolve(join(dataDir, ...parts));
}

/**
 * The data directory is traversable but not listable by others: as root, the embedded
 * PostgreSQL runs as the `postgres` user and must reach its own folder inside it.
 */
export function ensureDataDir(dataDir: string): void {
  mkdirSync(resolve(dataDir), { recursive: true, mode: 0o711 });
}

export function writeSecretFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o711 });
  writeFileSync(path, content, { mode: 0o600 });
}

/** Reads a random secret kept in the data directory, creating it on first use. */
export function persistentSecret(dataDir: string, name: string, bytes = 48): string {
  const path = dataPath(dataDir, name);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64url');
  writeSecretFile(path, `${secret}\n`);
  return secret;
}
