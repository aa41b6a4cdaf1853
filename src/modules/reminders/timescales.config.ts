import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';
import type { ReminderTimescales } from './domain/reminder-plan';
import { parseReminderTimescales } from './domain/timescales';

export const REMINDERS_FILE = join(PROJECT_ROOT, 'config', 'reminders.yaml');

/** The reminder timescales (SPEC §4.6–4.9), read and checked once at start. */
@Injectable()
export class TimescalesConfig {
  readonly timescales: ReminderTimescales;

  constructor() {
    try {
      this.timescales = parseReminderTimescales(load(readFileSync(REMINDERS_FILE, 'utf8')));
    } catch (error) {
      throw new Error(
        `config/reminders.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }
}
