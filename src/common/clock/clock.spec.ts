import { londonDate } from '../domain/london-time';
import { Clock, SystemClock } from './clock';

class FixedClock extends Clock {
  constructor(private readonly instant: Date) {
    super();
  }

  now(): Date {
    return new Date(this.instant);
  }
}

describe('Clock', () => {
  it.each([
    ['2011-06-30T23:30:00.000Z', '2011-07-01'],
    ['2011-12-31T23:30:00.000Z', '2011-12-31'],
    ['2011-03-27T00:59:00.000Z', '2011-03-27'],
    ['2011-10-30T00:30:00.000Z', '2011-10-30'],
  ])('standing at %s, gives today as %s in Europe/London', (instant, today) => {
    const clock = new FixedClock(new Date(instant));
    expect(clock.now().toISOString()).toBe(instant);
    expect(clock.today()).toBe(today);
  });

  it('the system clock tells the current time and today in London', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now().getTime();
    const today = clock.today();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    expect([londonDate(new Date(before)), londonDate(new Date(after))]).toContain(today);
  });
});
