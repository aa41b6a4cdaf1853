import { nameMatchKey } from './child-identity';

describe('nameMatchKey', () => {
  it('gives the documented example and its plain form the same key', () => {
    expect(nameMatchKey('Zoë ', ' O’Brien-Smith')).toBe(nameMatchKey('zoe', 'obriensmith'));
  });

  it('joins the normalised given and family names with a bar', () => {
    expect(nameMatchKey('  Zoë ', 'O’Brien-Smith ')).toBe('zoe|obriensmith');
  });

  it.each([
    ['case', ['JAMES', 'SMITH'], ['james', 'smith']],
    ['mixed case', ['mAcKeNzIe', 'McDonald'], ['Mackenzie', 'MCDONALD']],
    ['an accent on the given name', ['Zoë', 'Brown'], ['Zoe', 'Brown']],
    ['accents on the family name', ['Ana', 'Núñez'], ['Ana', 'Nunez']],
    ['a precomposed and a decomposed accent', ['Zo\u00eb', 'Brown'], ['Zoe\u0308', 'Brown']],
    ['a capital accented letter', ['Élodie', 'Brown'], ['elodie', 'Brown']],
    ['a straight apostrophe', ["O'Brien", 'Kelly'], ['OBrien', 'Kelly']],
    ['a curly apostrophe', ['Sean', 'O’Brien'], ['Sean', 'OBrien']],
    ['a left curly quote typed as an apostrophe', ['Sean', 'O‘Brien'], ['Sean', 'OBrien']],
    ['straight and curly apostrophes', ['Sean', "O'Brien"], ['Sean', 'O’Brien']],
    ['a modifier-letter apostrophe', ['Sean', 'Oʼbrien'], ['Sean', "O'Brien"]],
    ['a backtick typed as an apostrophe', ['Sean', 'O`Brien'], ['Sean', "O'Brien"]],
    ['an acute accent typed as an apostrophe', ['Sean', 'O´Brien'], ['Sean', "O'Brien"]],
    ['a hyphen', ['Mary-Jane', 'Smith-Jones'], ['MaryJane', 'SmithJones']],
    ['a hyphen against a space', ['Mary-Jane', 'Smith'], ['Mary Jane', 'Smith']],
    ['a Unicode hyphen and an en dash', ['Mary‐Jane', 'Smith–Jones'], ['Mary-Jane', 'Smith-Jones']],
    ['dots', ['J.R.', 'St. John'], ['JR', 'St John']],
    ['extra spaces', ['  Anna   Maria ', '  de   la  Cruz  '], ['Anna Maria', 'de la Cruz']],
    [
      'tabs and non-breaking spaces',
      ['Anna\tMaria', 'de\u00a0la Cruz'],
      ['Anna Maria', 'de la Cruz'],
    ],
    ['spaces around a hyphen', ['Amy', 'Smith - Jones'], ['Amy', 'Smith Jones']],
    ['a full-width letter', ['Ａmy', 'Lee'], ['Amy', 'Lee']],
  ])(
    'treats names that differ only by %s as the same',
    (_difference, [givenA, familyA], [givenB, familyB]) => {
      expect(nameMatchKey(givenA, familyA)).toBe(nameMatchKey(givenB, familyB));
    },
  );

  it.each([
    ['different given names', ['James', 'Smith'], ['Jamie', 'Smith']],
    ['different family names', ['James', 'Smith'], ['James', 'Smyth']],
    ['an extra middle name', ['Anna Maria', 'Cruz'], ['Anna', 'Cruz']],
    ['a letter with a stroke, not an accent', ['Søren', 'Berg'], ['Soren', 'Berg']],
    ['given and family names swapped', ['Smith', 'James'], ['James', 'Smith']],
    ['a swap that would read the same run together', ['Ann', 'Marie'], ['Marie', 'Ann']],
    ['a space moved across the split', ['Anna Maria', 'Cruz'], ['Anna', 'Maria Cruz']],
  ])(
    'does not treat names with %s as the same',
    (_difference, [givenA, familyA], [givenB, familyB]) => {
      expect(nameMatchKey(givenA, familyA)).not.toBe(nameMatchKey(givenB, familyB));
    },
  );
});
