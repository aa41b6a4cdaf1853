import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';

@Module({
  imports: [CalendarModule],
  controllers: [NotificationsController],
  providers: [RemindersService, RemindersRepository, NotificationsService],
  exports: [RemindersService],
})
export class RemindersModule {}
