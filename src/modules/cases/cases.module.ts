import { Module } from '@nestjs/common';
import { ChildrenModule } from '../children/children.module';
import { RemindersModule } from '../reminders/reminders.module';
import { UsersModule } from '../users/users.module';
import { CaseChanges } from './case-changes';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { InformationSharingService } from './information-sharing.service';
import { PreAssessmentController } from './pre-assessment.controller';
import { PreAssessmentRepository } from './pre-assessment.repository';
import { PreAssessmentService } from './pre-assessment.service';
import { ReferralLookup } from './referral-lookup';
import { TacController } from './tac.controller';
import { TacRepository } from './tac.repository';
import { TacService } from './tac.service';
import { ThresholdsService } from './thresholds.service';

@Module({
  imports: [ChildrenModule, RemindersModule, UsersModule],
  controllers: [CasesController, TacController, PreAssessmentController],
  providers: [
    CasesService,
    TacService,
    CasesRepository,
    TacRepository,
    CaseChanges,
    ThresholdsService,
    ReferralLookup,
    InformationSharingService,
    PreAssessmentService,
    PreAssessmentRepository,
  ],
  exports: [CasesRepository, TacRepository, CasesService, InformationSharingService],
})
export class CasesModule {}
