/**
 * The Department for Education's codes for a child's ethnicity and disabilities, as the
 * Children in Need census carries them (docs/domain.md#dfe-codes). One list for the whole
 * service: the child's fields, the census return and the plan report's ethnic-group breakdown
 * all read it from here.
 */

/** The major groups the DfE publishes its figures by. */
export const ETHNIC_GROUPS = ['White', 'Mixed', 'Asian', 'Black', 'Other', 'Not known'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/** Each ethnicity code with its DfE name and major group, in the census's order. */
export const ETHNICITIES = [
  { code: 'WBRI', name: 'White British', group: 'White' },
  { code: 'WIRI', name: 'White Irish', group: 'White' },
  { code: 'WIRT', name: 'Traveller of Irish heritage', group: 'White' },
  { code: 'WOTH', name: 'Any other White background', group: 'White' },
  { code: 'WROM', name: 'Gypsy/Roma', group: 'White' },
  { code: 'MWBC', name: 'White and Black Caribbean', group: 'Mixed' },
  { code: 'MWBA', name: 'White and Black African', group: 'Mixed' },
  { code: 'MWAS', name: 'White and Asian', group: 'Mixed' },
  { code: 'MOTH', name: 'Any other mixed background', group: 'Mixed' },
  { code: 'AIND', name: 'Indian', group: 'Asian' },
  { code: 'APKN', name: 'Pakistani', group: 'Asian' },
  { code: 'ABAN', name: 'Bangladeshi', group: 'Asian' },
  { code: 'AOTH', name: 'Any other Asian background', group: 'Asian' },
  { code: 'BCRB', name: 'Caribbean', group: 'Black' },
  { code: 'BAFR', name: 'African', group: 'Black' },
  { code: 'BOTH', name: 'Any other black background', group: 'Black' },
  // The DfE's published tables count Chinese under "Other ethnic groups".
  { code: 'CHNE', name: 'Chinese', group: 'Other' },
  { code: 'OOTH', name: 'Any other ethnic group', group: 'Other' },
  { code: 'REFU', name: 'Refused', group: 'Not known' },
  { code: 'NOBT', name: 'Information not yet obtained', group: 'Not known' },
] as const satisfies readonly { code: string; name: string; group: EthnicGroup }[];

export type EthnicityCode = (typeof ETHNICITIES)[number]['code'];
export const ETHNICITY_CODES: readonly EthnicityCode[] = ETHNICITIES.map((e) => e.code);

/** A child whose ethnicity nobody has recorded. */
export const ETHNICITY_NOT_OBTAINED: EthnicityCode = 'NOBT';

/** Each disability code with its DfE name, in the census's order. */
export const DISABILITIES = [
  { code: 'NONE', name: 'No disability' },
  { code: 'MOB', name: 'Mobility' },
  { code: 'HAND', name: 'Hand function' },
  { code: 'PC', name: 'Personal care' },
  { code: 'INC', name: 'Incontinence' },
  { code: 'COMM', name: 'Communication' },
  { code: 'LD', name: 'Learning' },
  { code: 'HEAR', name: 'Hearing' },
  { code: 'VIS', name: 'Vision' },
  { code: 'BEH', name: 'Behaviour' },
  { code: 'CON', name: 'Consciousness' },
  { code: 'AUT', name: 'Autism' },
  { code: 'DDA', name: 'Other' },
] as const satisfies readonly { code: string; name: string }[];

export type DisabilityCode = (typeof DISABILITIES)[number]['code'];
export const DISABILITY_CODES: readonly DisabilityCode[] = DISABILITIES.map((d) => d.code);

const ETHNICITY_BY_CODE = new Map<string, (typeof ETHNICITIES)[number]>(
  ETHNICITIES.map((e) => [e.code, e]),
);

export function isEthnicityCode(value: unknown): value is EthnicityCode {
  return typeof value === 'string' && ETHNICITY_BY_CODE.has(value);
}

export function isDisabilityCode(value: unknown): value is DisabilityCode {
  return typeof value === 'string' && (DISABILITY_CODES as readonly string[]).includes(value);
}

/** The DfE name of an ethnicity code ("WBRI" → "White British"). */
export function ethnicityName(code: EthnicityCode): string {
  return ETHNICITY_BY_CODE.get(code)!.name;
}

/** The DfE major group of an ethnicity code ("MWAS" → "Mixed"; "REFU" → "Not known"). */
export function ethnicGroupOf(code: EthnicityCode): EthnicGroup {
  return ETHNICITY_BY_CODE.get(code)!.group;
}

/** The DfE name of a disability code ("LD" → "Learning"). */
export function disabilityName(code: DisabilityCode): string {
  return DISABILITIES.find((d) => d.code === code)!.name;
}

/**
 * What a list of disability codes says about `disability`: true when it names any code but
 * NONE. An empty list says nothing (undefined): the caller keeps what it was told, or false.
 */
export function disabledByCodes(codes: readonly DisabilityCode[]): boolean | undefined {
  if (codes.length === 0) return undefined;
  return codes.some((code) => code !== 'NONE');
}

/**
 * The problem with a list of disability codes, or null: NONE says there is no disability, so
 * it stands alone; a code is named once.
 */
export function disabilityListProblem(codes: readonly DisabilityCode[]): string | null {
  if (codes.includes('NONE') && codes.length > 1) {
    return 'disabilities cannot name NONE together with another code';
  }
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) return `disabilities names ${code} twice`;
    seen.add(code);
  }
  return null;
}

/**
 * The code a free-text ethnicity denotes, or null: the code itself, its DfE name, or its name
 * after its major group ("Black Caribbean", "Asian Indian"), ignoring case, surrounding spaces
 * and repeated spaces. Used to move text recorded before the codes to them.
 */
export function ethnicityFromText(text: string): EthnicityCode | null {
  const wanted = normalise(text);
  for (const e of ETHNICITIES) {
    const names = [e.code, e.name, `${e.group} ${e.name}`];
    if (names.some((name) => normalise(name) === wanted)) return e.code;
  }
  return null;
}

function normalise(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
