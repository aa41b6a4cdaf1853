import { Module } from '@nestjs/common';
import { CasesModule } from '../../cases/cases.module';
import { ChronologyModule } from '../../chronology/chronology.module';
import { LocalitiesModule } from '../../localities/localities.module';
import { ReferralsModule } from '../../referrals/referrals.module';
import { ChildrenModule } from '../children.module';
import { ChildPageController } from './child.page.controller';
import { FindChildPageController } from './find-child.page.controller';
import { RegisterChildPageController } from './register-child.page.controller';

/**
 * The children's pages: find, register, and the child's page. A module of its own because the
 * child's page reads cases, referrals and the chronology, whose modules depend on children.
 */
@Module({
  imports: [ChildrenModule, CasesModule, ReferralsModule, ChronologyModule, LocalitiesModule],
  // The search and registration pages before `:id`, so that "search" and "new" are not ids.
  controllers: [FindChildPageController, RegisterChildPageController, ChildPageController],
})
export class ChildPagesModule {}
