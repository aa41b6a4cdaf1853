import { statSync } from 'node:fs';

/**
 * The service's configuration, read from the environment and validated once at start.
 * Every rule failure is reported as one line naming the variable and the rule.
 */
export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Env {
  nodeEnv: NodeEnv;
  port: number;
  /** Unset: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl: string | undefined;
  redisUrl: string;
  /** True when REDIS_URL was not given, so a local redis-server may be started. */
  redisUrlIsDefault: boolean;
  redisPrefix: string;
  /** Unset outside production: a random secret kept in `dataDir`. */
  jwtSecret: string | undefined;
  jwtExpiresInSeconds: number;
  smtpUrl: string | undefined;
  /** Sender of outgoing email. */
  smtpFrom: string;
  /** Where links in outgoing messages point. */
  publicUrl: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: LogLevel;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Run the queue worker inside the HTTP process too (default); false when it runs on its own. */
  runWorker: boolean;
  /**
   * The folder the authority's rule files are read from instead of `config/` (same names; a
   * file missing there is taken from `config/`). Unset: `config/` only.
   */
  authorityConfigDir: string | undefined;
  /** A web session ends after this many minutes without a page request. */
  sessionIdleMinutes: number;
}

function folder(raw: RawEnv, name: string): string | undefined {
  const value = optional(raw, name);
  if (value === undefined) return undefined;
  let isFolder = false;
  try {
    isFolder = statSync(value).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) fail(name, 'must name an existing folder');
  return value;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const MIN_PASSWORD_LENGTH = 12;
const NODE_ENVS: readonly NodeEnv[] = ['development', 'test', 'production'];
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DURATION = /^(\d+)\s*(s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

type RawEnv = Record<string, string | undefined>;

function fail(name: string, rule: string): never {
  throw new ConfigError(`Invalid configuration: ${name} ${rule}`);
}

function optional(raw: RawEnv, name: string): string | undefined {
  const value = raw[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function port(raw: RawEnv, name: string, fallback: number): number {
  const value = optional(raw, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
    fail(name, 'must be a whole number from 1 to 65535');
  }
  return Number(value);
}

function url(raw: RawEnv, name: string, protocols: readonly string[]): string | undefined {
  const value = optional(raw, name);
  if (value === undefined) return undefined;
  if (!URL.canParse(value)) fail(name, `must be a URL (${protocols.join(' or ')})`);
  if (!protocols.some((protocol) => value.startsWith(`${protocol}://`))) {
    fail(name, `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`);
  }
  return value;
}

function wholeNumber(
  raw: RawEnv,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = optional(raw, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    fail(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function oneOf<T extends string>(raw: RawEnv, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(raw, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    fail(name, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

function durationSeconds(raw: RawEnv, name: string, fallback: number): number {
  const value = optional(raw, name);
  if (value === undefined) return fallback;
  const match = DURATION.exec(value);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] ?? 's'] : 0;
  if (!match || seconds < 60 || seconds > 7 * 86400) {
    fail(name, 'must be a duration from 60s to 7d, e.g. 900, 15m, 8h');
  }
  return seconds;
}

export function loadEnv(raw: RawEnv): Env {
  const nodeEnv = oneOf(raw, 'NODE_ENV', NODE_ENVS, 'development');
  const production = nodeEnv === 'production';

  const jwtSecret = optional(raw, 'JWT_SECRET');
  if (jwtSecret === undefined && production)
    fail('JWT_SECRET', 'is required when NODE_ENV=production');
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret, 'utf8') < 32) {
    fail('JWT_SECRET', 'must be at least 32 bytes long');
  }

  const adminEmail = optional(raw, 'ADMIN_EMAIL');
  const adminPassword = raw['ADMIN_PASSWORD'] === '' ? undefined : raw['ADMIN_PASSWORD'];
  if (adminEmail !== undefined && !EMAIL.test(adminEmail))
    fail('ADMIN_EMAIL', 'must be an email address');
  // Counted in characters (code points), as the users API counts them.
  if (adminPassword !== undefined && [...adminPassword].length < MIN_PASSWORD_LENGTH) {
    fail('ADMIN_PASSWORD', `must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    fail(
      adminEmail === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD',
      'must be set together with the other admin variable',
    );
  }

  const redisUrl = url(raw, 'REDIS_URL', ['redis', 'rediss']);
  const redisPrefix = optional(raw, 'REDIS_PREFIX') ?? 'continuum';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(redisPrefix)) {
    fail('REDIS_PREFIX', 'must be 1 to 64 letters, digits, "_" or "-"');
  }

  return {
    nodeEnv,
    port: port(raw, 'PORT', 3000),
    databaseUrl: url(raw, 'DATABASE_URL', ['postgres', 'postgresql']),
    redisUrl: redisUrl ?? 'redis://127.0.0.1:6379',
    redisUrlIsDefault: redisUrl === undefined,
    redisPrefix,
    jwtSecret,
    jwtExpiresInSeconds: durationSeconds(raw, 'JWT_EXPIRES_IN', 3600),
    smtpUrl: url(raw, 'SMTP_URL', ['smtp', 'smtps']),
    smtpFrom: optional(raw, 'SMTP_FROM') ?? 'Continuum <no-reply@continuum.invalid>',
    publicUrl: (
      url(raw, 'PUBLIC_URL', ['http', 'https']) ?? `http://localhost:${port(raw, 'PORT', 3000)}`
    ).replace(/\/+$/, ''),
    adminEmail: adminEmail?.toLowerCase(),
    adminPassword,
    logLevel: oneOf(raw, 'LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    dataDir: optional(raw, 'DATA_DIR') ?? '.data',
    embeddedPostgresPort: port(raw, 'EMBEDDED_PG_PORT', 54329),
    runWorker: oneOf(raw, 'RUN_WORKER', ['true', 'false'], 'true') === 'true',
    authorityConfigDir: folder(raw, 'AUTHORITY_CONFIG_DIR'),
    // At most the 12 hours a session may last at all.
    sessionIdleMinutes: wholeNumber(raw, 'SESSION_IDLE_MINUTES', 1, 720, 30),
  };
}
