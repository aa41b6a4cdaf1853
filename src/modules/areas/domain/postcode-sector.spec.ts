import { normaliseSector, sectorOfPostcode } from './postcode-sector';

describe('postcode sectors', () => {
  it.each([
    ['TW3 1AB', 'TW3 1'],
    ['tw31ab', 'TW3 1'],
    ['  SW1A 2AA ', 'SW1A 2'],
    ['M1 1AE', 'M1 1'],
    ['EC1V 9HQ', 'EC1V 9'],
    ['B33 8TH', 'B33 8'],
    ['TW3', null],
    ['not a postcode', null],
    ['TW3 1A', null],
  ])('the sector of %j is %j', (postcode, sector) => {
    expect(sectorOfPostcode(postcode)).toBe(sector);
  });

  it.each([
    ['TW3 1', 'TW3 1'],
    ['tw31', 'TW3 1'],
    ['SW1A  2', 'SW1A 2'],
    ['TW3 1AB', null],
    ['TW3', null],
    ['', null],
  ])('sector %j is written %j', (typed, sector) => {
    expect(normaliseSector(typed)).toBe(sector);
  });
});
