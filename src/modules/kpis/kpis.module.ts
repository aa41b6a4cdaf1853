import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpiComputationService } from './kpi-computation.service';
import { KpisService } from './kpis.service';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';
import { SnapshotsRepository } from './snapshots.repository';
import { authorityFileProvider } from '../../config/authority-files';
import { DEFAULT_PLAN_FILE } from './plan.file';

@Module({
  imports: [CalendarModule],
  controllers: [KpisController],
  providers: [
    KpisService,
    KpiComputationService,
    KpisRepository,
    PlansService,
    PlansRepository,
    SnapshotsRepository,
    authorityFileProvider(DEFAULT_PLAN_FILE),
  ],
})
export class KpisModule {}
