import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { LocalitiesModule } from '../localities/localities.module';
import { ActiveUsers } from './active-users';
import { AdminUsersPageController } from './pages/admin-users.page.controller';
import { InitialAdminService } from './initial-admin.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [AgenciesModule, LocalitiesModule],
  controllers: [UsersController, AdminUsersPageController],
  providers: [UsersService, UsersRepository, InitialAdminService, ActiveUsers],
  exports: [UsersService, InitialAdminService],
})
export class UsersModule {}
