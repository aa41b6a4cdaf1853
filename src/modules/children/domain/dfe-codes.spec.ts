import {
  DISABILITY_CODES,
  disabilityListProblem,
  disabilityName,
  disabledByCodes,
  ETHNIC_GROUPS,
  ETHNICITIES,
  ETHNICITY_CODES,
  ethnicGroupOf,
  ethnicityFromText,
  ethnicityName,
  isDisabilityCode,
  isEthnicityCode,
} from './dfe-codes';

describe('DfE ethnicity codes', () => {
  it('lists the twenty census codes in the census’s order', () => {
    expect(ETHNICITY_CODES).toEqual([
      'WBRI',
      'WIRI',
      'WIRT',
      'WOTH',
      'WROM',
      'MWBC',
      'MWBA',
      'MWAS',
      'MOTH',
      'AIND',
      'APKN',
      'ABAN',
      'AOTH',
      'BCRB',
      'BAFR',
      'BOTH',
      'CHNE',
      'OOTH',
      'REFU',
      'NOBT',
    ]);
  });

  it.each([
    ['WBRI', 'White British', 'White'],
    ['WROM', 'Gypsy/Roma', 'White'],
    ['MWAS', 'White and Asian', 'Mixed'],
    ['APKN', 'Pakistani', 'Asian'],
    ['BCRB', 'Caribbean', 'Black'],
    ['CHNE', 'Chinese', 'Other'],
    ['OOTH', 'Any other ethnic group', 'Other'],
    ['REFU', 'Refused', 'Not known'],
    ['NOBT', 'Information not yet obtained', 'Not known'],
  ] as const)('names %s "%s" in the %s group', (code, name, group) => {
    expect(ethnicityName(code)).toBe(name);
    expect(ethnicGroupOf(code)).toBe(group);
  });

  it('puts every code in one of the six major groups, and every group has a code', () => {
    const groups = new Set(ETHNICITIES.map((e) => e.group));
    expect([...groups].sort()).toEqual([...ETHNIC_GROUPS].sort());
  });

  it.each<[unknown, boolean]>([
    ['WBRI', true],
    ['wbri', false],
    ['White British', false],
    ['', false],
    [null, false],
    [42, false],
  ])('says whether %j is a code: %s', (value, expected) => {
    expect(isEthnicityCode(value)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['WBRI', 'WBRI'],
    ['  wbri ', 'WBRI'],
    ['White British', 'WBRI'],
    ['white   british', 'WBRI'],
    ['Gypsy/Roma', 'WROM'],
    ['Caribbean', 'BCRB'],
    ['Black Caribbean', 'BCRB'],
    ['black african', 'BAFR'],
    ['Asian Indian', 'AIND'],
    ['Indian', 'AIND'],
    ['Mixed White and Asian', 'MWAS'],
    ['Any other ethnic group', 'OOTH'],
    ['Refused', 'REFU'],
    ['British', null],
    ['White', null],
    ['Martian', null],
    ['', null],
  ])('reads the text "%s" as %s', (text, expected) => {
    expect(ethnicityFromText(text)).toBe(expected);
  });
});

describe('DfE disability codes', () => {
  it('lists the thirteen census codes', () => {
    expect(DISABILITY_CODES).toEqual([
      'NONE',
      'MOB',
      'HAND',
      'PC',
      'INC',
      'COMM',
      'LD',
      'HEAR',
      'VIS',
      'BEH',
      'CON',
      'AUT',
      'DDA',
    ]);
    expect(disabilityName('DDA')).toBe('Other');
    expect(isDisabilityCode('LD')).toBe(true);
    expect(isDisabilityCode('ld')).toBe(false);
  });

  it.each<[string[], boolean | undefined]>([
    [[], undefined],
    [['NONE'], false],
    [['LD'], true],
    [['AUT', 'COMM'], true],
  ])('derives disability from %j: %s', (codes, expected) => {
    expect(disabledByCodes(codes as never)).toBe(expected);
  });

  it.each<[string[], string | null]>([
    [['NONE'], null],
    [['LD', 'AUT'], null],
    [['NONE', 'LD'], 'disabilities cannot name NONE together with another code'],
    [['LD', 'LD'], 'disabilities names LD twice'],
  ])('checks the list %j: %s', (codes, expected) => {
    expect(disabilityListProblem(codes as never)).toBe(expected);
  });
});
