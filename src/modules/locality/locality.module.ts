import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { RemindersModule } from '../reminders/reminders.module';
import { LocalityOverviewService } from './locality-overview.service';
import { LocalityPageController } from './pages/locality.page.controller';

/** The locality manager's page, `/locality`, from the features' own services. */
@Module({
  imports: [CasesModule, ReferralsModule, RemindersModule, CalendarModule],
  controllers: [LocalityPageController],
  providers: [LocalityOverviewService],
})
export class LocalityModule {}
