import { formatDate, formatDateTime } from './view-filters';

describe('dates as GOV.UK pages write them', () => {
  it.each([
    ['2026-12-02', '2 December 2026'],
    ['2011-04-21T23:30:00.000Z', '21 April 2011'],
    [null, ''],
    ['', ''],
  ])('writes the calendar date %p as %p', (given, written) => {
    expect(formatDate(given)).toBe(written);
  });

  it('writes an instant in London time, summer and winter', () => {
    expect(formatDateTime(new Date('2026-07-01T08:05:00Z'))).toBe('1 July 2026 at 9:05am');
    expect(formatDateTime(new Date('2026-12-02T13:30:00Z'))).toBe('2 December 2026 at 1:30pm');
    expect(formatDateTime(new Date('2026-12-02T00:00:00Z'))).toBe('2 December 2026 at 12:00am');
  });
});
