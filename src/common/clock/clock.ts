import { Injectable } from '@nestjs/common';
import { londonDate } from '../domain/london-time';

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
