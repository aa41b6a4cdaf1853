import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { performance } from 'node:perf_hooks';
import type { AuthUser } from '../../common/auth/actor';
import { BoundedMap } from '../../common/domain/bounded-map';
import { RedisClient } from '../../common/queue/redis';
import { Settings } from '../../config/settings';

/** How long a reloaded user may answer later requests of the same process. */
export const ACTIVE_USER_TTL_MS = 5_000;

interface Entry {
  user: AuthUser | undefined;
  tokenVersion: number;
  expires: number;
}

/**
 * A short-lived, per-process cache of the signed-in users the guard reloads on every request
 * (docs/domain.md#signed-in-user-cache). Any change to a user (deactivation, role, agency,
 * localities, manager, password) is published on Redis after its commit and clears that user
 * in every process at once, this one included. The cache answers only while this process's
 * subscription is up: while Redis is down, or before the subscription is confirmed, every
 * request reloads its user from PostgreSQL, so a lost message can never leave a stale
 * authorisation in force. Times are monotonic (a TTL, not a date), so moving the Clock does
 * not touch them.
 */
@Injectable()
export class ActiveUsers implements OnModuleInit, OnApplicationShutdown {
  private readonly entries = new BoundedMap<string, Entry>(10_000);
  private readonly channel: string;
  private subscriber: Redis | undefined;
  private listening = false;
  /** Bumped by every invalidation: a reload that began before one is not stored. */
  private generation = 0;

  constructor(
    private readonly redis: RedisClient,
    settings: Settings,
  ) {
    this.channel = `${settings.env.redisPrefix}:users-changed`;
  }

  onModuleInit(): void {
    const subscriber = this.redis.client.duplicate({
      keyPrefix: undefined,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      lazyConnect: false,
    });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    const stop = (): void => {
      this.listening = false;
      this.clear();
    };
    subscriber.on('close', stop);
    subscriber.on('end', stop);
    subscriber.on('reconnecting', stop);
    subscriber.on('ready', () => {
      subscriber
        .subscribe(this.channel)
        .then(() => void (this.listening = subscriber.status === 'ready'), stop);
    });
    subscriber.on('message', (channel: string, id: string) => {
      if (channel !== this.channel) return;
      this.generation++;
      if (id === '*') this.entries.clear();
      else this.entries.delete(id);
    });
  }

  /** Whether answers from the cache are safe: this process hears every invalidation. */
  get enabled(): boolean {
    return this.listening;
  }

  /**
   * The user `id` signed in with `tokenVersion`, from the cache while fresh, else from `load`.
   * Waits one turn of the event loop first, so that an invalidation already on this process's
   * Redis socket (published before the change was answered) is read before the cache is.
   */
  async get(
    id: string,
    tokenVersion: number,
    load: () => Promise<AuthUser | undefined>,
  ): Promise<AuthUser | undefined> {
    if (!this.listening) return load();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const now = performance.now();
    const hit = this.entries.get(id);
    if (hit && hit.tokenVersion === tokenVersion && hit.expires > now && this.listening) {
      return hit.user;
    }
    const generation = this.generation;
    const user = await load();
    if (this.listening && generation === this.generation) {
      this.entries.set(id, { user, tokenVersion, expires: now + ACTIVE_USER_TTL_MS });
    }
    return user;
  }

  /**
   * After a change to user `id` (or to users in general: '*') has committed: forget it here
   * and tell the other processes. Without Redis the other processes are not listening either,
   * so they are not caching.
   */
  async changed(id: string): Promise<void> {
    this.generation++;
    if (id === '*') this.entries.clear();
    else this.entries.delete(id);
    await this.redis.client.publish(this.channel, id).catch(() => undefined);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }

  onApplicationShutdown(): void {
    this.listening = false;
    this.subscriber?.disconnect();
  }
}
