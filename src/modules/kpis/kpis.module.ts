import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpiComputationService } from './kpi-computation.service';
import { KpisService } from './kpis.service';
import { PlansService } from './plans.service';

@Module({
  imports: [CalendarModule],
  controllers: [KpisController],
  providers: [KpisService, KpiComputationService, KpisRepository, PlansService],
})
export class KpisModule {}
