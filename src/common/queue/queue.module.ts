import { Global, Module } from '@nestjs/common';
import { JobsQueue } from './jobs.queue';
import { JobsWorker } from './jobs.worker';
import { RedisClient } from './redis';

/** Redis and the job queue: the only place the service reaches Redis. */
@Global()
@Module({
  providers: [RedisClient, JobsQueue, JobsWorker],
  exports: [RedisClient, JobsQueue, JobsWorker],
})
export class QueueModule {}
