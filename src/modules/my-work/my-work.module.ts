import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { RemindersModule } from '../reminders/reminders.module';
import { MyWorkPageController } from './pages/my-work.page.controller';
import { MyWorkService } from './my-work.service';

/** The web app's home page, `/` "My work": each role's work, from the features' own services. */
@Module({
  imports: [CasesModule, ReferralsModule, RemindersModule],
  controllers: [MyWorkPageController],
  providers: [MyWorkService],
})
export class MyWorkModule {}
