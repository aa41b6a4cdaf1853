import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { CasesModule } from '../cases/cases.module';
import { ChildrenModule } from '../children/children.module';
import { RemindersModule } from '../reminders/reminders.module';
import { UsersModule } from '../users/users.module';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentSupport } from './assessment-support';
import { CoreAssessmentsService } from './core-assessments.service';
import { InitialAssessmentsService } from './initial-assessments.service';
import { ReferralReadsModule } from './referral-reads.module';
import { ReferralsController } from './referrals.controller';
import { ReferralsRepository } from './referrals.repository';
import { ReferralsService } from './referrals.service';
import { authorityFileProvider } from '../../config/authority-files';
import { ASSESSMENT_FRAMEWORK_FILE } from './assessment-framework.file';
import { AssessmentFrameworks } from './assessment-frameworks';
import { SingleAssessmentsController } from './single-assessments.controller';
import { SingleAssessmentsRepository } from './single-assessments.repository';
import { SingleAssessmentsService } from './single-assessments.service';
import { ReferralPagesService } from './referral-pages.service';
import { ReferralsPageController } from './pages/referrals.page.controller';
import { AssessmentsPageController } from './pages/assessments.page.controller';

@Module({
  imports: [
    CalendarModule,
    CasesModule,
    ChildrenModule,
    RemindersModule,
    UsersModule,
    ReferralReadsModule,
  ],
  exports: [
    ReferralsService,
    InitialAssessmentsService,
    CoreAssessmentsService,
    SingleAssessmentsService,
    ReferralPagesService,
  ],
  controllers: [
    ReferralsController,
    AssessmentsController,
    SingleAssessmentsController,
    ReferralsPageController,
    AssessmentsPageController,
  ],
  providers: [
    ReferralsService,
    InitialAssessmentsService,
    CoreAssessmentsService,
    AssessmentSupport,
    ReferralsRepository,
    AssessmentsRepository,
    AssessmentFrameworks,
    authorityFileProvider(ASSESSMENT_FRAMEWORK_FILE),
    SingleAssessmentsService,
    SingleAssessmentsRepository,
    ReferralPagesService,
  ],
})
export class ReferralsModule {}
