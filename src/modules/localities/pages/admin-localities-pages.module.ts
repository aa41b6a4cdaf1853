import { Module } from '@nestjs/common';
import { AreasModule } from '../../areas/areas.module';
import { LocalitiesModule } from '../localities.module';
import { AdminLocalitiesPageController } from './admin-localities.page.controller';

/**
 * The localities admin pages. A module of its own, imported by the HTTP application only: the
 * queue worker imports LocalitiesModule (through CalendarModule), and has no web shell (no
 * FormSubmitter) to give a page.
 */
@Module({
  imports: [LocalitiesModule, AreasModule],
  controllers: [AdminLocalitiesPageController],
})
export class AdminLocalitiesPagesModule {}
