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
const BULK_CHUNK = 1_000;

const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

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

  /** Calls `listener` each time the queue's Redis connection becomes ready, reconnections included. */
  onReady(listener: () => void): void {
    void this.queue.client.then(
      (client) => client.on('ready', listener),
      () => undefined,
    );
  }

  /** BullMQ needs Redis to keep every key: warn when it may evict them (durability: docs/domain.md#reminders-and-escalations). */
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

  /**
   * Adds jobs in one round trip per chunk; an id already in the queue is left as it is. One job
   * (a referral's reminder, the usual case) is added on its own: `addBulk` builds an ioredis
   * pipeline, which copies each of BullMQ's ~50 scripts onto itself, several times the CPU of
   * the job (bench:floor).
   */
  async addMany<N extends JobName>(
    name: N,
    jobs: readonly { payload: JobPayloads[N]; jobId: string; delayMs: number }[],
  ): Promise<boolean> {
    try {
      if (jobs.length === 1) {
        const [{ payload, jobId, delayMs }] = jobs as [(typeof jobs)[number]];
        await this.queue.add(name, payload, {
          ...JOB_OPTIONS,
          jobId,
          delay: Math.max(0, Math.round(delayMs)),
        });
        return true;
      }
      for (let start = 0; start < jobs.length; start += BULK_CHUNK) {
        await this.queue.addBulk(
          jobs.slice(start, start + BULK_CHUNK).map(({ payload, jobId, delayMs }) => ({
            name,
            data: payload,
            opts: { ...JOB_OPTIONS, jobId, delay: Math.max(0, Math.round(delayMs)) },
          })),
        );
      }
      return true;
    } catch (error) {
      this.logger.warn(
        `Could not enqueue ${jobs.length} job(s): ${error instanceof Error ? error.message : 'unknown error'}`,
      );
      return false;
    }
  }

  /**
   * Sets the queue's marker key if it is missing, and answers whether it was missing: true on a
   * new Redis, or one that lost its data (restarted without persistence, or flushed), whose
   * jobs must then be re-created from the database.
   */
  async markLive(): Promise<boolean> {
    const set = await this.redis.client.set(
      `${QUEUE_NAMES.reminders}-live`,
      new Date().toISOString(),
      'NX',
    );
    return set === 'OK';
  }

  /**
   * Makes these jobs, whose time has come, runnable now: a failed one is retried (its id would
   * otherwise block a later add) and a delayed one promoted (its delay was reckoned from an
   * earlier clock). Answers how many it moved.
   */
  async runDueNow(jobIds: readonly string[]): Promise<number> {
    let moved = 0;
    try {
      for (const jobId of jobIds) {
        const job = await this.queue.getJob(jobId);
        const state = await job?.getState();
        if (state === 'failed') await job?.retry('failed');
        else if (state === 'delayed') await job?.promote();
        else continue;
        moved += 1;
      }
    } catch (error) {
      this.logger.warn(
        `Could not move due jobs: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
    }
    return moved;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
