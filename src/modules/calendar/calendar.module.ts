import { Module } from '@nestjs/common';
import { LocalitiesModule } from '../localities/localities.module';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { authorityFileProvider } from '../../config/authority-files';
import { BANK_HOLIDAYS_FILE } from './bank-holidays.file';

@Module({
  imports: [LocalitiesModule],
  controllers: [CalendarController],
  providers: [CalendarService, CalendarRepository, authorityFileProvider(BANK_HOLIDAYS_FILE)],
  exports: [CalendarService],
})
export class CalendarModule {}
