import { Module } from '@nestjs/common';
import { ChildrenModule } from '../children/children.module';
import { NotesModule } from '../notes/notes.module';
import { PanelsModule } from '../panels/panels.module';
import { RemindersModule } from '../reminders/reminders.module';
import { ServiceDirectoryModule } from '../service-directory/service-directory.module';
import { UsersModule } from '../users/users.module';
import { CaseAssessmentService } from './case-assessment.service';
import { CaseChanges } from './case-changes';
import { CaseOverviewService } from './case-overview.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { InformationSharingService } from './information-sharing.service';
import { CaseAssessmentPageController } from './pages/case-assessment.page.controller';
import { CaseConsentPageController } from './pages/case-consent.page.controller';
import { CaseActionPlanPageController } from './pages/case-action-plan.page.controller';
import { CaseClosurePageController } from './pages/case-closure.page.controller';
import { CaseNotePageController } from './pages/case-note.page.controller';
import { CaseNotesPageController } from './pages/case-notes.page.controller';
import { CasePanelPageController } from './pages/case-panel.page.controller';
import { CaseOverviewPageController } from './pages/case-overview.page.controller';
import { CasePreAssessmentPageController } from './pages/case-pre-assessment.page.controller';
import { CaseTeamPageController } from './pages/case-team.page.controller';
import { CaseTierPageController } from './pages/case-tier.page.controller';
import { TacMeetingPageController } from './pages/tac-meeting.page.controller';
import { PreAssessmentController } from './pre-assessment.controller';
import { PreAssessmentRepository } from './pre-assessment.repository';
import { PreAssessmentService } from './pre-assessment.service';
import { TacController } from './tac/tac.controller';
import { TacRepository } from './tac/tac.repository';
import { TacOverviewService } from './tac/tac-overview.service';
import { TacService } from './tac/tac.service';
import { authorityFileProvider } from '../../config/authority-files';
import { THRESHOLDS_FILE } from './thresholds.file';
import { TierDecisionService } from './tier-decision.service';

@Module({
  imports: [
    ChildrenModule,
    NotesModule,
    PanelsModule,
    RemindersModule,
    UsersModule,
    ServiceDirectoryModule,
  ],
  controllers: [
    CasesController,
    TacController,
    PreAssessmentController,
    CaseAssessmentPageController,
    CaseConsentPageController,
    CaseNotePageController,
    CaseNotesPageController,
    CasePanelPageController,
    CaseActionPlanPageController,
    CaseClosurePageController,
    CasePreAssessmentPageController,
    CaseTierPageController,
    CaseOverviewPageController,
    CaseTeamPageController,
    TacMeetingPageController,
  ],
  providers: [
    CasesService,
    CaseAssessmentService,
    CaseOverviewService,
    TierDecisionService,
    TacService,
    TacOverviewService,
    CasesRepository,
    TacRepository,
    CaseChanges,
    authorityFileProvider(THRESHOLDS_FILE),
    InformationSharingService,
    PreAssessmentService,
    PreAssessmentRepository,
  ],
  exports: [CasesService, InformationSharingService],
})
export class CasesModule {}
