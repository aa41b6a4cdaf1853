import { Module } from '@nestjs/common';
import { LocalitiesController } from './localities.controller';
import { LocalitiesRepository } from './localities.repository';
import { LocalitiesService } from './localities.service';

@Module({
  controllers: [LocalitiesController],
  providers: [LocalitiesService, LocalitiesRepository],
  exports: [LocalitiesService],
})
export class LocalitiesModule {}
