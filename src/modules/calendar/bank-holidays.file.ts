import { authorityFile } from '../../config/authority-files';
import { parseBankHolidayList } from './domain/bank-holidays';

/** The official England and Wales bank holidays (docs/domain.md#working-days). */
export const BANK_HOLIDAYS_FILE = authorityFile('bank-holidays.json', parseBankHolidayList);
