import type { DestinationStream } from 'pino';
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
    /** Where the logs go instead of standard output (the tests collect them to check them). */
    readonly logDestination?: DestinationStream,
  ) {}

  get production(): boolean {
    return this.env.nodeEnv === 'production';
  }
}
