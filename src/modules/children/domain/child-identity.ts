/**
 * Name comparison for the duplicate check: two children with the same name and
 * date of birth in the same locality are flagged as possible duplicates on
 * creation. This file covers the name part only.
 *
 * Pure domain code: no framework imports.
 */

/**
 * Apostrophes (straight, curly, modifier letter, backtick, acute accent, prime),
 * hyphens and dashes, and full stops. Removed, not replaced by a space, so
 * "O'Brien" and "OBrien" compare equal.
 */
const IGNORED_PUNCTUATION = /['‘’ʼ`´′\-‐‑‒–—.]/g;

const COMBINING_MARKS = /\p{M}/gu;

function normaliseNamePart(value: string): string {
  return (
    value
      // Before NFKD as well as after: NFKD turns the acute accent '´' into a
      // space plus a combining mark, which would split "O´Brien" in two.
      .replace(IGNORED_PUNCTUATION, '')
      // NFKD splits 'ë' into 'e' plus a combining diaeresis and folds
      // compatibility forms (ligatures, full-width letters) to plain ones.
      .normalize('NFKD')
      .replace(COMBINING_MARKS, '')
      .replace(IGNORED_PUNCTUATION, '')
      .toLowerCase()
      // Spaces go too: 'Mary Jane', 'Mary-Jane' and 'MaryJane' are one name on different forms.
      .replace(/\s+/g, '')
  );
}

/**
 * The form names are compared in: case-insensitive, accents removed (NFKD, strip
 * combining marks), apostrophes, hyphens, dots and spaces removed.
 * 'Zoë  O’Brien-Smith' and 'zoe obriensmith' match, and so do 'Mary-Jane' and 'mary jane'.
 *
 * Letters that are not an accented base letter, such as 'ø', 'ł' and 'ß', are
 * kept as they are: 'Søren' and 'Soren' do not match.
 */
export function nameMatchKey(givenName: string, familyName: string): string {
  return `${normaliseNamePart(givenName)}|${normaliseNamePart(familyName)}`;
}
