/**
 * NHS numbers: ten digits, the last a modulus-11 check digit over the first nine.
 *
 * Pure domain code: no framework imports.
 */

const NHS_NUMBER_PATTERN = /^[0-9]{10}$/;

/** Weights for digits 1 to 9; the 10th digit is the check digit. */
const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** Strips spaces and hyphens a person may type: '943 476 5919' → '9434765919'. */
export function normaliseNhsNumber(value: string): string {
  // \s also catches tabs and the non-breaking spaces that come with pasted text.
  return value.replace(/[\s-]/g, '');
}

/**
 * 10 digits whose 10th is the modulus-11 check digit of the first 9 (weights 10..2;
 * 11 - (sum mod 11); 11 → 0; 10 → never valid). Takes the normalised form.
 *
 * The algorithm alone accepts some numbers the NHS never issues, '0000000000'
 * among them; this checks the check digit, not whether the number was issued.
 */
export function isValidNhsNumber(value: string): boolean {
  if (!NHS_NUMBER_PATTERN.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) {
    sum += (value.charCodeAt(i) - 48) * WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === value.charCodeAt(9) - 48;
}
