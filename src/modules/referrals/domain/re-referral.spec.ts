import type { IsoDate } from '../../../common/domain/iso-date';
import { findPreviousReferral, oneYearEarlier, type DatedReferral } from './re-referral';

const referral = (id: string, referredAt: IsoDate): DatedReferral => ({ id, referredAt });

describe('oneYearEarlier', () => {
  it.each([
    ['2011-04-21', '2010-04-21', 'an ordinary date keeps its month and day'],
    ['2012-02-29', '2011-02-28', '29 February becomes 28 February, the date that exists'],
    ['2000-02-29', '1999-02-28', '29 February of a century leap year becomes 28 February'],
    ['2013-03-01', '2012-03-01', '1 March stays 1 March even across a leap day'],
    ['2012-03-01', '2011-03-01', '1 March of a leap year stays 1 March'],
    ['2013-02-28', '2012-02-28', '28 February stays 28 February'],
    ['2012-02-28', '2011-02-28', '28 February of a leap year stays 28 February'],
    ['2011-01-01', '2010-01-01', 'New Year’s Day stays New Year’s Day'],
    ['2010-12-31', '2009-12-31', 'New Year’s Eve stays New Year’s Eve'],
    ['1901-06-15', '1900-06-15', 'a date in the first year after the earliest supported one'],
  ])('moves %s back to %s: %s', (date, expected) => {
    expect(oneYearEarlier(date)).toBe(expected);
  });

  it.each([
    ['1900-06-15', 'a result before the earliest supported year'],
    ['2011-02-29', 'a day that does not exist'],
    ['21/04/2011', 'a date not written YYYY-MM-DD'],
  ])('rejects %s with a RangeError: %s', (date) => {
    expect(() => oneYearEarlier(date)).toThrow(RangeError);
  });
});

describe('findPreviousReferral', () => {
  it.each<[string, IsoDate, DatedReferral[], string | null]>([
    [
      'a previous referral exactly 12 months earlier counts',
      '2011-04-21',
      [referral('a', '2010-04-21')],
      'a',
    ],
    [
      'a previous referral 12 months and 1 day earlier does not',
      '2011-04-21',
      [referral('a', '2010-04-20')],
      null,
    ],
    [
      'a previous referral on the same day counts',
      '2011-04-21',
      [referral('a', '2011-04-21')],
      'a',
    ],
    ['a previous referral the day before counts', '2011-04-21', [referral('a', '2011-04-20')], 'a'],
    [
      'for a 29 February referral the window starts on 28 February a year earlier',
      '2012-02-29',
      [referral('a', '2011-02-28')],
      'a',
    ],
    [
      'for a 29 February referral the day before 28 February a year earlier is out',
      '2012-02-29',
      [referral('a', '2011-02-27')],
      null,
    ],
    [
      'a previous 29 February referral is within a year of 28 February next year',
      '2013-02-28',
      [referral('a', '2012-02-29')],
      'a',
    ],
    [
      'a previous 29 February referral is not within a year of 1 March next year',
      '2013-03-01',
      [referral('a', '2012-02-29')],
      null,
    ],
    [
      'a previous 1 March referral is within a year of 1 March next year',
      '2013-03-01',
      [referral('a', '2012-03-01')],
      'a',
    ],
    [
      'a window starting on New Year’s Day includes it',
      '2011-01-01',
      [referral('a', '2010-01-01')],
      'a',
    ],
    [
      'a window starting on New Year’s Day excludes the New Year’s Eve before',
      '2011-01-01',
      [referral('a', '2009-12-31')],
      null,
    ],
    [
      'a window ending on New Year’s Eve reaches back to New Year’s Eve the year before',
      '2010-12-31',
      [referral('a', '2009-12-31')],
      'a',
    ],
    [
      'a previous referral in the previous calendar year but within 12 months counts',
      '2011-01-10',
      [referral('a', '2010-11-30')],
      'a',
    ],
    ['no earlier referrals means no re-referral', '2011-04-21', [], null],
    [
      'a previous referral dated after this one (entered late) is ignored',
      '2011-04-21',
      [referral('a', '2011-04-22')],
      null,
    ],
    [
      'a later-dated previous referral is ignored in favour of one in the window',
      '2011-04-21',
      [referral('a', '2010-09-01'), referral('b', '2011-06-01')],
      'a',
    ],
  ])('%s', (_behaviour, referredAt, earlier, expected) => {
    expect(findPreviousReferral(referredAt, earlier)).toBe(expected);
  });

  it.each<[string, DatedReferral[], string]>([
    [
      'the latest of several in the window wins, listed oldest first',
      [referral('a', '2010-06-01'), referral('b', '2010-12-01'), referral('c', '2011-03-01')],
      'c',
    ],
    [
      'the latest of several in the window wins, listed newest first',
      [referral('c', '2011-03-01'), referral('b', '2010-12-01'), referral('a', '2010-06-01')],
      'c',
    ],
    [
      'of two on the same date the last in the list wins',
      [referral('a', '2011-03-01'), referral('b', '2011-03-01')],
      'b',
    ],
    [
      'a tie on the latest date goes to the last in the list, not to an older date after it',
      [referral('a', '2011-03-01'), referral('b', '2011-03-01'), referral('c', '2010-06-01')],
      'b',
    ],
    [
      'an out-of-window referral later in the list does not displace one in the window',
      [referral('a', '2010-06-01'), referral('b', '2009-06-01')],
      'a',
    ],
    [
      'a same-day referral beats an older one in the window',
      [referral('a', '2011-04-21'), referral('b', '2010-06-01')],
      'a',
    ],
  ])('%s', (_behaviour, earlier, expected) => {
    expect(findPreviousReferral('2011-04-21', earlier)).toBe(expected);
  });

  it('excludes the referral itself when its id is given', () => {
    const all = [referral('prev', '2010-06-01'), referral('self', '2011-04-21')];
    expect(findPreviousReferral('2011-04-21', all, 'self')).toBe('prev');
    expect(findPreviousReferral('2011-04-21', [referral('self', '2011-04-21')], 'self')).toBeNull();
  });

  it.each<[string, IsoDate, DatedReferral[]]>([
    ['an invalid referral date', '2011-02-30', []],
    [
      'an invalid date among the earlier referrals',
      '2011-04-21',
      [referral('a', '2010-06-01'), referral('b', 'yesterday')],
    ],
  ])('throws a RangeError for %s', (_what, referredAt, earlier) => {
    expect(() => findPreviousReferral(referredAt, earlier)).toThrow(RangeError);
  });
});
