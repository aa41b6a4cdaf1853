import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpiComputationService } from './kpi-computation.service';
import { KpisService } from './kpis.service';
import { PlanReportController } from './plan-report.controller';
import { PlanReportRepository } from './plan-report.repository';
import { PlanReportService } from './plan-report.service';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';
import { AutomaticSnapshotsService } from './automatic-snapshots.service';
import { SnapshotScheduleRepository } from './snapshot-schedule.repository';
import { SnapshotsRepository } from './snapshots.repository';
import { authorityFileProvider } from '../../config/authority-files';
import { PANELS_FILE } from '../panels/panels.file';
import { SERVICES_FILE } from '../service-directory/service-directory.file';
import { DEFAULT_PLAN_FILE } from './plan.file';

@Module({
  imports: [CalendarModule],
  controllers: [KpisController, PlanReportController],
  providers: [
    KpisService,
    KpiComputationService,
    KpisRepository,
    PlansService,
    PlansRepository,
    SnapshotsRepository,
    authorityFileProvider(DEFAULT_PLAN_FILE),
    // What the plan's indicators may name (the plan's own check at start: plan.file.ts).
    authorityFileProvider(PANELS_FILE),
    authorityFileProvider(SERVICES_FILE),
    PlanReportRepository,
    PlanReportService,
    SnapshotScheduleRepository,
    AutomaticSnapshotsService,
  ],
  exports: [PlansService, KpisService, PlanReportService],
})
export class KpisModule {}
