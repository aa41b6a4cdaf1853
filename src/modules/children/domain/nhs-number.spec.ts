import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';

/** Every number made from `value` by changing one digit to another. */
function singleDigitChanges(value: string): string[] {
  const changed: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (const digit of '0123456789') {
      if (digit !== value[i]) changed.push(value.slice(0, i) + digit + value.slice(i + 1));
    }
  }
  return changed;
}

/** Every number made from `value` by swapping two different digits, adjacent or not. */
function transpositions(value: string): string[] {
  const swapped: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (let j = i + 1; j < value.length; j++) {
      if (value[i] === value[j]) continue;
      const digits = value.split('');
      [digits[i], digits[j]] = [digits[j], digits[i]];
      swapped.push(digits.join(''));
    }
  }
  return swapped;
}

const VALID_EXAMPLES = ['9434765919', '4010232137', '9990548609'];

describe('normaliseNhsNumber', () => {
  it.each([
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 943 - 476 - 5919 ', '9434765919'],
    ['943\t476\u00a05919', '9434765919'],
    ['9434765919', '9434765919'],
    ['', ''],
  ])('turns %j into %j', (typed, normalised) => {
    expect(normaliseNhsNumber(typed)).toBe(normalised);
  });

  it.each([['943.476.5919'], ['943/476/5919'], ['NHS 9434765919']])(
    'leaves characters other than spaces and hyphens in %j for validation to reject',
    (typed) => {
      expect(isValidNhsNumber(normaliseNhsNumber(typed))).toBe(false);
    },
  );
});

describe('isValidNhsNumber', () => {
  // Each checked by hand: 9434765919 sums to 299, 299 mod 11 = 2, 11 - 2 = 9.
  it.each(VALID_EXAMPLES)('accepts the published example %s', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it.each([
    ['9434765870', 'check 11, written as 0'],
    ['1234567881', 'check 1'],
    ['9999999999', 'check 9'],
  ])('accepts %s (%s)', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  // The algorithm gives 0000000000 a check digit of 0. No such number is
  // issued, but it is not this function's job to know which numbers were.
  it('accepts all zeros, whose check digit computes to 0', () => {
    expect(isValidNhsNumber('0000000000')).toBe(true);
  });

  it.each(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])(
    'rejects 123456789%s because the check digit of 123456789 computes to 10',
    (last) => {
      expect(isValidNhsNumber(`123456789${last}`)).toBe(false);
    },
  );

  it.each(['0', '9'])(
    'rejects 943476596%s because the check digit of 943476596 computes to 10',
    (last) => {
      expect(isValidNhsNumber(`943476596${last}`)).toBe(false);
    },
  );

  it.each([
    ['9434766919', '9434765919', 'the 6th digit'],
    ['9434765918', '9434765919', 'the check digit'],
    ['4010232138', '4010232137', 'the check digit'],
    ['8990548609', '9990548609', 'the 1st digit'],
  ])('rejects %s, %s with %s changed', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it.each([
    ['4934765919', '9434765919', 'the 1st and 2nd digits'],
    ['9434756919', '9434765919', 'the 6th and 7th digits'],
    ['4010232173', '4010232137', 'the 9th and 10th digits'],
    ['9990584609', '9990548609', 'the 5th and 6th digits'],
  ])('rejects %s, %s with %s swapped', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it.each(VALID_EXAMPLES)('rejects every single-digit change to %s', (value) => {
    const accepted = singleDigitChanges(value).filter(isValidNhsNumber);
    expect(accepted).toEqual([]);
  });

  it.each(VALID_EXAMPLES)('rejects every swap of two different digits in %s', (value) => {
    const accepted = transpositions(value).filter(isValidNhsNumber);
    expect(accepted).toEqual([]);
  });

  it.each([
    ['943476591', 'nine digits'],
    ['94347659190', 'eleven digits'],
    ['', 'the empty string'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it.each([
    ['943476591A', 'a letter as the check digit'],
    ['94347G5919', 'a letter among the digits'],
    ['943 476 5919', 'spaces, before normalising'],
    ['943-476-5919', 'hyphens, before normalising'],
    [' 9434765919', 'a leading space'],
    ['9434765919\n', 'a trailing newline'],
    ['+434765919', 'a sign'],
    ['９４３４７６５９１９', 'full-width digits'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it('accepts a typed number once it has been normalised', () => {
    expect(isValidNhsNumber(normaliseNhsNumber('943 476 5919'))).toBe(true);
  });
});
