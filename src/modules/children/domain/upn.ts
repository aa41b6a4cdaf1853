/**
 * Unique Pupil Numbers (DfE), 13 characters:
 *
 *   1      check letter
 *   2-4    LA code (3 digits)
 *   5-8    establishment number (4 digits)
 *   9-10   year of allocation (2 digits)
 *   11-12  serial (2 digits)
 *   13     a digit, or a letter for a temporary UPN
 *
 * Check letter: multiply characters 2 to 13 by weights 2 to 13 (a letter in
 * position 13 counts as its value in the table below), sum, take the remainder
 * mod 23 and read the check letter from the same table. The table is A-Z
 * without I, O and S: A=0 … H=7, J=8 … N=12, P=13, Q=14, R=15, T=16 … Z=22.
 *
 * Whether characters 2-4 are an LA code in current use is not checked here:
 * the list changes with local government reorganisation.
 *
 * Pure domain code: no framework imports.
 */

/** Letter for each value 0..22; a letter's index is its value. */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

const UPN_PATTERN = /^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$/;

/** Trims surrounding whitespace and upper-cases: ' h801200001001 ' → 'H801200001001'. */
export function normaliseUpn(value: string): string {
  return value.trim().toUpperCase();
}

/**
 * A permanent or temporary UPN with the right check letter. Takes the
 * normalised form: lower-case letters and surrounding spaces are rejected.
 */
export function isValidUpn(value: string): boolean {
  if (!UPN_PATTERN.test(value)) return false;
  let sum = 0;
  for (let position = 2; position <= 13; position++) {
    const character = value.charAt(position - 1);
    const code = character.charCodeAt(0);
    const characterValue = code >= 48 && code <= 57 ? code - 48 : UPN_LETTERS.indexOf(character);
    sum += characterValue * position;
  }
  return UPN_LETTERS.charAt(sum % 23) === value.charAt(0);
}
