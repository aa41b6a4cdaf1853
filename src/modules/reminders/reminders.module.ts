import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { EmailChannel, OutgoingChannel } from './outgoing-channel';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';
import { TimescalesConfig } from './timescales.config';

@Module({
  imports: [CalendarModule],
  controllers: [NotificationsController],
  providers: [
    RemindersService,
    RemindersRepository,
    NotificationsService,
    TimescalesConfig,
    { provide: OutgoingChannel, useClass: EmailChannel },
  ],
  exports: [RemindersService],
})
export class RemindersModule {}
