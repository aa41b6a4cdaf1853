import { CATALOGUE } from './catalogue';
import { toCsv } from './csv';
import { annualise, indicatorValue, isDisclosive, ragOf, ratio, valueOf } from './indicators';

describe('values', () => {
  it.each([
    // numerator, denominator, scale, value
    [2, 3, 100, 66.7],
    [1, 3, 100, 33.3],
    [1, 8, 100, 12.5],
    [1, 16, 100, 6.3], // 6.25 rounds half up
    [1, 40, 100, 2.5],
    [7, 7, 100, 100],
    [0, 9, 100, 0],
    [5, 0, 100, null],
    [12, 10_000, 10_000, 12],
    [3, 1_234, 1_000, 2.4],
    [37, 14_062, 10_000, 26.3],
  ])('%i / %i × %i = %p', (numerator, denominator, scale, value) => {
    expect(ratio(numerator, denominator, scale)).toBe(value);
  });

  it('forms each unit', () => {
    expect(valueOf(CATALOGUE.referrals, { numerator: 12, denominator: null })).toBe(12);
    expect(valueOf(CATALOGUE.nfa_pct, { numerator: 1, denominator: 6 })).toBe(16.7);
    expect(valueOf(CATALOGUE.referrals_0_4_per_1000, { numerator: 9, denominator: 2_000 })).toBe(
      4.5,
    );
    expect(valueOf(CATALOGUE.referrals_per_10000, { numerator: 9, denominator: null })).toBeNull();
    expect(
      valueOf(CATALOGUE.caf_to_first_tac_median_working_days, {
        numerator: null,
        denominator: 6,
        median: 12.5,
      }),
    ).toBe(12.5);
  });

  it('annualises a quarter of a leap financial year', () => {
    expect(annualise(2.5, 91, 366)).toBeCloseTo(10.0549, 4);
  });
});

describe('RAG', () => {
  it.each([
    // value, target, polarity, rag
    [80, 80, 'higher_is_better', 'green'],
    [85, 80, 'higher_is_better', 'green'],
    [76, 80, 'higher_is_better', 'amber'], // within 5% of 80 (4 points)
    [75.9, 80, 'higher_is_better', 'red'],
    [20, 20, 'lower_is_better', 'green'],
    [21, 20, 'lower_is_better', 'amber'], // within 5% of 20 (1)
    [21.1, 20, 'lower_is_better', 'red'],
    [0, 0, 'lower_is_better', 'green'],
    [1, 0, 'lower_is_better', 'red'],
    [null, 80, 'higher_is_better', null],
    [80, null, 'higher_is_better', null],
  ] as const)('%p against %p (%s) is %p', (value, target, polarity, rag) => {
    expect(ragOf(value, target, polarity)).toBe(rag);
  });
});

describe('suppression (docs/domain.md#suppression)', () => {
  it.each([
    // metric, numerator, denominator, disclosive
    ['referrals', 0, null, false],
    ['referrals', 1, null, true],
    ['referrals', 4, null, true],
    ['referrals', 5, null, false],
    ['nfa_pct', 0, 4, true], // a percentage on a denominator of 1–4
    ['nfa_pct', 0, 5, false],
    ['nfa_pct', 3, 40, true], // the numerator is a count of 1–4
    ['nfa_pct', 0, 0, false], // nothing to compute: no value, nothing to hide
    ['referrals_per_10000', 12, 3_000, false],
    ['referrals_per_10000', 2, 3_000, true],
    ['caf_to_first_tac_median_working_days', null, 4, true],
    ['caf_to_first_tac_median_working_days', null, 5, false],
    ['localities_0_4_referrals_below_10_per_1000', 2, 3, false], // localities, not children
  ] as const)('%s with %p / %p: %p', (metric, numerator, denominator, disclosive) => {
    expect(isDisclosive(CATALOGUE[metric], { numerator, denominator })).toBe(disclosive);
  });

  it('nulls the numbers, the value and the RAG of a suppressed item, and keeps the target', () => {
    expect(
      indicatorValue(
        CATALOGUE.nfa_pct,
        { numerator: 1, denominator: 3 },
        25,
        'lower_is_better',
        true,
      ),
    ).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      target: 25,
      rag: null,
      suppressed: true,
    });
    expect(
      indicatorValue(
        CATALOGUE.nfa_pct,
        { numerator: 1, denominator: 3 },
        25,
        'lower_is_better',
        false,
      ),
    ).toEqual({
      numerator: 1,
      denominator: 3,
      value: 33.3,
      target: 25,
      rag: 'red',
      suppressed: false,
    });
  });
});

describe('toCsv (RFC 4180)', () => {
  it('writes a header, CRLF lines, and quotes fields with commas, quotes or line breaks', () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          { a: 'plain', b: 1.5, c: null },
          { a: 'with, comma', b: 'say "hi"', c: 'two\nlines' },
          { a: true, b: 0, c: undefined },
        ],
      ),
    ).toBe('a,b,c\r\nplain,1.5,\r\n"with, comma","say ""hi""","two\nlines"\r\ntrue,0,\r\n');
  });
});
