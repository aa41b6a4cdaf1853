import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpisService } from './kpis.service';
import { PlanReportController } from './plan-report.controller';
import { PlanReportRepository } from './plan-report.repository';
import { PlanReportService } from './plan-report.service';
import { PlansService } from './plans.service';

@Module({
  imports: [CalendarModule],
  controllers: [KpisController, PlanReportController],
  providers: [KpisService, KpisRepository, PlansService, PlanReportRepository, PlanReportService],
})
export class KpisModule {}
