import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { NotificationsPageController } from './pages/notifications.page.controller';
import { EmailChannel, OutgoingChannel } from './outgoing-channel';
import { RemindersRepository } from './reminders.repository';
import { RemindersService } from './reminders.service';
import { authorityFileProvider } from '../../config/authority-files';
import { REMINDERS_FILE } from './reminders.file';

@Module({
  imports: [CalendarModule],
  controllers: [NotificationsController, NotificationsPageController],
  providers: [
    RemindersService,
    RemindersRepository,
    NotificationsService,
    authorityFileProvider(REMINDERS_FILE),
    { provide: OutgoingChannel, useClass: EmailChannel },
  ],
  exports: [RemindersService, NotificationsService],
})
export class RemindersModule {}
