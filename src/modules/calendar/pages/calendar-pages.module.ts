import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../../localities/localities.module';
import { CalendarModule } from '../calendar.module';
import { AdminClosuresPageController } from './admin-closures.page.controller';

/**
 * The closure days page. A module of its own, imported by the HTTP application only: the queue
 * worker imports CalendarModule too, and has no web shell (no IdempotentForms) to give a page.
 */
@Module({
  imports: [CalendarModule, LocalitiesModule],
  controllers: [AdminClosuresPageController],
})
export class CalendarPagesModule {}
