import { Injectable } from '@nestjs/common';

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Europe/London of an instant, as `YYYY-MM-DD`. */
export function londonDate(instant: Date): string {
  return LONDON_DATE.format(instant);
}

/** Time, injected so that tests and reminder logic can stand at any instant. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in Europe/London (docs/domain.md#working-days: all dates are calendar dates there). */
  today(): string {
    return londonDate(this.now());
  }
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
