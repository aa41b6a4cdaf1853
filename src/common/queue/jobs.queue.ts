import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Settings } from '../../config/settings';
import { JobName, JobPayloads, QUEUE_NAMES } from './jobs';
import { bullConnectionOptions } from './redis';

/**
 * Adds jobs to the queue. A job id is deterministic, so adding the same job twice while it
 * waits is a no-op; completed jobs are removed so that a later add with the same id works.
 * While Redis is down an add fails fast and answers false: the database still holds the
 * work, and the sweep enqueues it once Redis is back.
 */
@Injectable()
export class JobsQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('JobsQueue');
  private readonly queue: Queue;

  constructor(settings: Settings) {
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
