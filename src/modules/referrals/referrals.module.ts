import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { ChildrenModule } from '../children/children.module';
import { RemindersModule } from '../reminders/reminders.module';
import { UsersModule } from '../users/users.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { ReferralReadsModule } from './referral-reads.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';

@Module({
  imports: [
    CalendarModule,
    CasesModule,
    ChildrenModule,
    RemindersModule,
    UsersModule,
    ReferralReadsModule,
  ],
  controllers: [ReferralsController, AssessmentsController],
  providers: [ReferralsService, AssessmentsService, ReferralsRepository, AssessmentsRepository],
  exports: [ReferralsService],
})
export class ReferralsModule {}
