import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { ChildrenModule } from '../children/children.module';
import { RemindersModule } from '../reminders/reminders.module';
import { UsersModule } from '../users/users.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { AssessmentFrameworks } from './assessment-frameworks';
import { SingleAssessmentsController } from './single-assessments.controller';
import { SingleAssessmentsRepository } from './single-assessments.repository';
import { SingleAssessmentsService } from './single-assessments.service';

@Module({
  imports: [CalendarModule, CasesModule, ChildrenModule, RemindersModule, UsersModule],
  controllers: [ReferralsController, AssessmentsController, SingleAssessmentsController],
  providers: [
    ReferralsService,
    AssessmentsService,
    ReferralsRepository,
    AssessmentsRepository,
    AssessmentFrameworks,
    SingleAssessmentsService,
    SingleAssessmentsRepository,
  ],
})
export class ReferralsModule {}
