import { checkTarget, checkValue } from './plan-forms';

const YEARS = ['FY2025-26', 'FY2026-27'];

describe('the plan page’s forms', () => {
  it.each([
    ['80', 80],
    ['94.5', 94.5],
    ['1,200', 1200],
    ['', null],
  ])('reads the target %j as %j (empty removes it)', (typed, target) => {
    const checked = checkTarget({ year: 'FY2026-27', target: typed, version: '4' }, YEARS);
    expect(checked.errors.any).toBe(false);
    expect(checked.input).toEqual({ targets: { 'FY2026-27': target }, version: 4 });
  });

  it('refuses a year the plan does not cover and a target that is not a number', () => {
    const checked = checkTarget({ year: 'FY2030-31', target: '-5', version: '4' }, YEARS);
    expect(checked.errors.summary).toEqual([
      { href: '#year', text: 'Select the financial year' },
      {
        href: '#target',
        text: 'Enter the target as a number from 0, like 80 or 94.5, or leave it empty',
      },
    ]);
  });

  it('reads an entered value for a locality, with its version when it replaces one', () => {
    const checked = checkValue({
      period: ' 2026-09 ',
      localityId: 'a1b2',
      numerator: '',
      denominator: '120',
      value: '14',
      version: '2',
    });
    expect(checked.errors.any).toBe(false);
    expect(checked.input).toEqual({
      period: '2026-09',
      localityId: 'a1b2',
      denominator: 120,
      value: 14,
      version: 2,
    });
  });

  it('sends no version and no locality for a new value for the whole authority', () => {
    expect(
      checkValue({ period: 'FY2026-27', localityId: '', value: '94.1', version: '' }).input,
    ).toEqual({ period: 'FY2026-27', value: 94.1 });
  });

  it('names a period that is not one, an empty value and numbers that are not numbers', () => {
    const checked = checkValue({ period: 'September', value: '', numerator: 'a few' });
    expect(checked.errors.summary.map((e) => e.href)).toEqual(['#period', '#value', '#numerator']);
    expect(checked.errors.field('period')).toEqual({
      text: 'Enter the period as a month (2026-09), a quarter (FY2026-27-Q2) or a financial year (FY2026-27)',
    });
    expect(checked.answers.numerator).toBe('a few');
  });
});
