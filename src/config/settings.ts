import type { Env } from './env';

/**
 * The validated configuration plus what start-up resolved (the embedded database's URL,
 * the development JWT secret). Injected wherever configuration is needed.
 */
export class Settings {
  constructor(
    readonly env: Env,
    readonly databaseUrl: string,
    readonly redisUrl: string,
    readonly jwtSecret: string,
  ) {}

  get production(): boolean {
    return this.env.nodeEnv === 'production';
  }
}
