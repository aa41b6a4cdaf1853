/**
 * The census's codes for a child's ethnicity and disabilities, and for gender from the
 * child's record. (The children module's own DfE code lists replace the first two once they
 * land; until then only the census needs them.)
 */

export const ETHNICITY_CODES = [
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
] as const;

export const DISABILITY_CODES = [
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
] as const;

/** GenderCurrent: male 1, female 2, other 9 (indeterminate), unknown 0 (not recorded). */
export const GENDER_CODES: Readonly<Record<'male' | 'female' | 'other' | 'unknown', string>> = {
  male: '1',
  female: '2',
  other: '9',
  unknown: '0',
};
