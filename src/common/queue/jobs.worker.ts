import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { Settings } from '../../config/settings';
import { JOB_NAMES, JobHandler, JobName, QUEUE_NAMES } from './jobs';
import { bullConnectionOptions } from './redis';

/**
 * Runs the queue's jobs, each by the one handler registered for its name; a start-up check
 * refuses to run with a job name that has none. Runs in the worker process, and in the HTTP
 * process unless RUN_WORKER=false.
 */
@Injectable()
export class JobsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobsWorker');
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();
  private worker: Worker | undefined;

  constructor(private readonly settings: Settings) {}

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job ${String(name)} already has a handler`);
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  onApplicationBootstrap(): void {
    const missing = JOB_NAMES.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
    if (!this.settings.env.runWorker) return;
    this.worker = new Worker(QUEUE_NAMES.reminders, (job: Job) => this.run(job), {
      connection: bullConnectionOptions(this.settings),
      prefix: this.settings.env.redisPrefix,
      concurrency: 16,
      // A worker killed mid-job loses its lock within 10 s; the stalled check then puts the
      // job back to wait (the handler is idempotent, so running it again is safe).
      lockDuration: 10_000,
      stalledInterval: 5_000,
      maxStalledCount: 5,
    });
    this.worker.on('error', (error) => this.logger.warn(`Queue connection: ${error.message}`));
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    await handler(job.data as never);
  }

  /**
   * Takes no new job and waits for the running ones, before the database pool and Redis
   * clients close (their onApplicationShutdown): a running delivery finishes rather than
   * failing into a retry.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
