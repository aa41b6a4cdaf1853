import { Global, Module } from '@nestjs/common';
import { RedisClient } from './redis';

/** Redis and the job queues: the only place the service reaches Redis. */
@Global()
@Module({ providers: [RedisClient], exports: [RedisClient] })
export class QueueModule {}
