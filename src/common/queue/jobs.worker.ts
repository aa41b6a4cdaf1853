import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Settings } from '../../config/settings';
import { JobHandler, JobName, QUEUE_NAMES } from './jobs';
import { bullConnectionOptions } from './redis';

/**
 * Runs the jobs of the reminders queue, dispatching on the job name to its one handler.
 * Features register their handlers here as they add jobs.
 */
@Injectable()
export class JobsWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('JobsWorker');
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private worker: Worker | undefined;

  constructor(private readonly settings: Settings) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job ${String(name)} already has a handler`);
    this.handlers.set(name, handler);
  }

  onModuleInit(): void {
    this.worker = new Worker(QUEUE_NAMES.reminders, (job: Job) => this.run(job), {
      connection: bullConnectionOptions(this.settings),
      prefix: this.settings.env.redisPrefix,
      concurrency: 8,
    });
    this.worker.on('error', (error) => this.logger.warn(`Queue connection: ${error.message}`));
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    await handler(job.data as never);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
