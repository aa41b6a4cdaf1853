import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../../localities/localities.module';
import { KpisModule } from '../kpis.module';
import { AdminPlanPageController } from './admin-plan.page.controller';

/**
 * The plan's admin pages. A module of its own, imported by the HTTP application only: the
 * queue worker imports KpisModule (automatic snapshots), and has no web shell (no
 * FormSubmitter) to give a page.
 */
@Module({
  imports: [KpisModule, LocalitiesModule],
  controllers: [AdminPlanPageController],
})
export class KpisPagesModule {}
