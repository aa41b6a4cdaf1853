import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { Settings } from '../../config/settings';

/** Options for BullMQ's own connections: blocking commands must be retried indefinitely. */
export function bullConnectionOptions(settings: Settings): RedisOptions {
  return {
    ...parseRedisUrl(settings.redisUrl),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

export function parseRedisUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * A client for quick commands (health, counters). It fails fast while Redis is down
 * instead of queueing commands, so that callers can answer 503 or carry on.
 */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(settings: Settings) {
    this.client = new Redis({
      ...parseRedisUrl(settings.redisUrl),
      keyPrefix: `${settings.env.redisPrefix}:`,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Connection errors are reported by /health; without a listener ioredis logs each retry.
    this.client.on('error', () => undefined);
  }

  async ping(timeoutMs = 1_000): Promise<boolean> {
    const timeout = new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(false), timeoutMs).unref(),
    );
    const pong = this.client.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    return Promise.race([pong, timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
