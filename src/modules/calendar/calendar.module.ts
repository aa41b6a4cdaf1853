import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { CalendarController } from './calendar.controller';
import { AdminClosuresPageController } from './pages/admin-closures.page.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { authorityFileProvider } from '../../config/authority-files';
import { BANK_HOLIDAYS_FILE } from './bank-holidays.file';

@Module({
  imports: [LocalitiesModule],
  controllers: [CalendarController, AdminClosuresPageController],
  providers: [CalendarService, CalendarRepository, authorityFileProvider(BANK_HOLIDAYS_FILE)],
  exports: [CalendarService],
})
export class CalendarModule {}
