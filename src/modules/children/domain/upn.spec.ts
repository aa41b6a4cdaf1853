import { isValidUpn, normaliseUpn } from './upn';

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'.split('');

describe('normaliseUpn', () => {
  it.each([
    ['h801200001001', 'H801200001001'],
    ['  H801200001001\t', 'H801200001001'],
    [' g80120000101a ', 'G80120000101A'],
    ['H801200001001', 'H801200001001'],
    ['', ''],
  ])('turns %j into %j', (typed, normalised) => {
    expect(normaliseUpn(typed)).toBe(normalised);
  });

  it('accepts a typed UPN once it has been normalised', () => {
    expect(isValidUpn(normaliseUpn(' h801200001001 '))).toBe(true);
  });
});

describe('isValidUpn', () => {
  // Check letters worked by hand: characters 2-13 times weights 2-13, summed,
  // mod 23, read from A=0 … Z=22 without I, O and S. E.g. H801200001001:
  // 8×2 + 1×4 + 2×5 + 1×10 + 1×13 = 53; 53 mod 23 = 7 = H.
  it.each([
    ['H801200001001', 'the DfE guidance example, sum 53'],
    ['B801200005001', 'sum 93'],
    ['A926200115001', 'sum 92, remainder 0'],
    ['X201300024073', 'remainder 20'],
    ['N201300024000', 'remainder 12'],
  ])('accepts the permanent UPN %s (%s)', (value) => {
    expect(isValidUpn(value)).toBe(true);
  });

  // The final letter counts at its table value: A=0, Z=22.
  it.each([
    ['G80120000101A', 'the DfE guidance example, final A = 0, sum 52'],
    ['V93820152101A', 'final A = 0'],
    ['N35120132100Z', 'final Z = 22'],
  ])('accepts the temporary UPN %s (%s)', (value) => {
    expect(isValidUpn(value)).toBe(true);
  });

  it.each(UPN_LETTERS.filter((letter) => letter !== 'H'))(
    'rejects %s801200001001 because its check letter is H',
    (letter) => {
      expect(isValidUpn(`${letter}801200001001`)).toBe(false);
    },
  );

  it.each(UPN_LETTERS.filter((letter) => letter !== 'G'))(
    'rejects the temporary UPN %s80120000101A because its check letter is G',
    (letter) => {
      expect(isValidUpn(`${letter}80120000101A`)).toBe(false);
    },
  );

  it.each([
    ['H801200001002', 'H801200001001 with the last digit changed'],
    ['H80120000101B', 'G80120000101A with its final letter changed'],
    ['H810200001001', 'H801200001001 with two digits swapped'],
  ])('rejects %s (%s)', (value) => {
    expect(isValidUpn(value)).toBe(false);
  });

  it.each(['I', 'O', 'S'])('rejects %s as a check letter', (letter) => {
    expect(isValidUpn(`${letter}801200001001`)).toBe(false);
  });

  it.each(['I', 'O', 'S'])(
    'rejects %s as the final letter of a temporary UPN, whatever the check letter',
    (letter) => {
      const candidates = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
        .split('')
        .map((check) => `${check}80120000101${letter}`);
      expect(candidates.filter(isValidUpn)).toEqual([]);
    },
  );

  it.each([
    ['H80120000100', 'twelve characters'],
    ['H8012000010010', 'fourteen characters'],
    ['801200001001', 'the check letter missing'],
    ['', 'the empty string'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidUpn(value)).toBe(false);
  });

  it.each([
    ['h801200001001', 'a lower-case check letter, before normalising'],
    ['g80120000101a', 'a lower-case final letter, before normalising'],
    [' H801200001001', 'a leading space, before normalising'],
    ['H801200001001\n', 'a trailing newline'],
    ['H8012000A1001', 'a letter among characters 2-12'],
    ['HA01200001001', 'a letter in the LA code'],
    ['H801 20000100', 'a space inside'],
    ['1801200001001', 'a digit as the check letter'],
    ['H80120000100!', 'punctuation as the final character'],
    ['Ｈ801200001001', 'a full-width check letter'],
  ])('rejects %j (%s)', (value) => {
    expect(isValidUpn(value)).toBe(false);
  });
});
