import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';
import { AdminAgenciesPageController } from './pages/admin-agencies.page.controller';

@Module({
  controllers: [AgenciesController, AdminAgenciesPageController],
  providers: [AgenciesService, AgenciesRepository],
  exports: [AgenciesService],
})
export class AgenciesModule {}
