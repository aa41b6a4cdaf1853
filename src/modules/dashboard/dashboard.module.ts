import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DashboardController } from './dashboard.controller';
import { DashboardPageController } from './dashboard.page.controller';

@Module({ imports: [AuthModule], controllers: [DashboardController, DashboardPageController] })
export class DashboardModule {}
