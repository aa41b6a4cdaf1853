import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Settings } from '../../config/settings';
import { JobName, JobPayloads, QUEUE_NAMES } from './jobs';
import { bullConnectionOptions, RedisClient } from './redis';

/**
 * Adds jobs to the queue. A job id is deterministic, so adding the same job twice while it
 * waits is a no-op; completed jobs are removed so that a later add with the same id works.
 * While Redis is down an add fails fast and answers false: the database still holds the
 * work, and the sweep enqueues it once Redis is back.
 */
@Injectable()
export class JobsQueue implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobsQueue');
  private readonly queue: Queue;

  constructor(
    settings: Settings,
    private readonly redis: RedisClient,
  ) {
    this.queue = new Queue(QUEUE_NAMES.reminders, {
      connection: {
        ...bullConnectionOptions(settings),
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
      },
      prefix: settings.env.redisPrefix,
    });
    this.queue.on('error', () => undefined);
  }

  /** BullMQ needs Redis to keep every key: warn when it may evict them (SPEC §4.9 durability). */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const client = this.redis.client;
      if (client.status !== 'ready') {
        await new Promise((resolve, reject) => {
          setTimeout(reject, 2_000).unref();
          client.once('ready', resolve);
        });
      }
      const [, policy] = (await client.config('GET', 'maxmemory-policy')) as [string, string];
      if (policy !== 'noeviction') {
        this.logger.warn(
          `Redis maxmemory-policy is ${policy}: set it to noeviction, or queued reminders may be evicted`,
        );
      }
    } catch {
      // Redis down, or CONFIG not allowed (managed Redis): nothing to check here.
    }
  }

  async add<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    jobId: string,
    delayMs: number,
  ): Promise<boolean> {
    try {
      await this.queue.add(name, payload, {
        jobId,
        delay: Math.max(0, Math.round(delayMs)),
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      });
      return true;
    } catch (error) {
      this.logger.warn(
        `Could not enqueue ${jobId}: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
