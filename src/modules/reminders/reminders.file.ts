import { authorityFile } from '../../config/authority-files';
import { parseReminderTimescales } from './domain/reminders-schema';

/** The reminder and escalation timescales (docs/domain.md#reminders-and-escalations). */
export const REMINDERS_FILE = authorityFile('reminders.yaml', parseReminderTimescales);
