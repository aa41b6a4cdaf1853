import { readFileSync } from 'fs';
import { join } from 'path';
import { xmllintErrors } from '../../../../test/support/xmllint';
import {
  ASSESSMENT_FACTORS,
  PRIMARY_NEEDS,
  REASONS_FOR_CLOSURE,
  REFERRAL_SOURCES,
} from '../../referrals/domain/census-codes';
import { DISABILITY_CODES, ETHNICITY_CODES } from '../../children/domain/dfe-codes';
import { render } from './xml';
import {
  censusDisabilities,
  childElement,
  childXml,
  messageEnd,
  messageStart,
  type CensusChild,
} from './census-record';

const HEADER = {
  year: 2025,
  referenceDate: '2025-03-31',
  lea: '999',
  dateTime: '2025-04-02T09:00:00+01:00',
  softwareCode: 'Continuum',
  release: '1.0.0',
};

const CHILD: CensusChild = {
  childId: '0b7e4a4e-0000-4000-8000-000000000001',
  upn: 'A123456789012',
  dateOfBirth: '2015-06-01',
  gender: 'female',
  ethnicity: 'WBRI',
  disabilities: ['NONE'],
  disability: false,
  episodes: [
    {
      referralId: 'r1',
      referredAt: '2024-05-01',
      cinSource: '5D',
      primaryNeed: 'N1',
      closedAt: '2024-06-20',
      reasonForClosure: 'RC8',
      referralNfa: false,
      assessments: [
        {
          id: 'a1',
          kind: 'single',
          startedAt: '2024-05-02',
          authorisedAt: '2024-06-20',
          factors: ['3A', '16A'],
        },
      ],
    },
    {
      referralId: 'r2',
      referredAt: '2025-01-06',
      cinSource: '6',
      primaryNeed: null,
      closedAt: '2025-01-07',
      reasonForClosure: 'RC8',
      referralNfa: true,
      assessments: [],
    },
  ],
};

const message = (...children: CensusChild[]): string =>
  messageStart(HEADER) + children.map(childXml).join('') + messageEnd();

/** The enumeration values of a simple type in the project's XSD. */
function enumeration(type: string): string[] {
  const xsd = readFileSync(join(__dirname, '../../../../config/returns/cin-census.xsd'), 'utf8');
  const body = xsd.split(`<xs:simpleType name="${type}">`)[1].split('</xs:simpleType>')[0];
  return [...body.matchAll(/<xs:enumeration value="([^"]*)"/g)].map((m) => m[1]);
}

describe('the census code lists', () => {
  it.each<[string, readonly string[]]>([
    ['referralsourcetype', REFERRAL_SOURCES],
    ['primaryneedcodetype', PRIMARY_NEEDS],
    ['assessmentfactorstype', ASSESSMENT_FACTORS],
    ['reasonforclosuretype', REASONS_FOR_CLOSURE],
    ['ethnicitytype', ETHNICITY_CODES],
    ['disabilitytype', DISABILITY_CODES],
  ])('are the enumerations of %s in config/returns/cin-census.xsd', (type, codes) => {
    expect([...codes]).toEqual(enumeration(type));
  });
});

describe('the census message', () => {
  it('validates against the schema', () => {
    expect(xmllintErrors(message(CHILD))).toBe('');
  });

  it.each([
    ['a complete child', CHILD],
    [
      'a child with markup in its id and no disabilities',
      { ...CHILD, childId: 'a<&>"b', disabilities: [] },
    ],
    [
      'a child without a valid UPN, ethnicity not obtained',
      { ...CHILD, upn: 'X1', ethnicity: 'NOBT' as const },
    ],
    [
      'a child with several disabilities',
      { ...CHILD, disabilities: ['MOB', 'COMM', 'AUT'] as const, disability: true },
    ],
    ['a disabled child with no code', { ...CHILD, disabilities: [], disability: true }],
  ])('writes %s as text exactly as the element tree renders it', (_what, child) => {
    expect(childXml(child)).toBe(render(childElement(child), 2));
  });

  it('writes Message, then Header, then Children, and a child in the schema order', () => {
    const xml = message(CHILD);
    const order = [
      '<Message>',
      '<Header>',
      '<CollectionDetails>',
      '<Year>2025</Year>',
      '<LEA>999</LEA>',
      '</Header>',
      '<Children>',
      '<Child>',
    ];
    expect(order.map((tag) => xml.indexOf(tag))).toEqual(
      [...order.map((tag) => xml.indexOf(tag))].sort((a, b) => a - b),
    );
    expect(xml).toContain('<ReferralSource>5D</ReferralSource>');
    expect(xml).toContain('<AssessmentFactors>16A</AssessmentFactors>');
    expect(xml).toContain('<GenderCurrent>2</GenderCurrent>');
    expect(xml.indexOf('<ReasonForClosure>')).toBeLessThan(xml.indexOf('<Assessments>'));
    expect(xml.indexOf('</Assessments>')).toBeLessThan(xml.indexOf('<ReferralNFA>'));
  });

  it.each([
    ['ethnicity not obtained', { ethnicity: 'NOBT' as const }, '<Ethnicity>NOBT</Ethnicity>'],
    ['a UPN that is not a valid UPN', { upn: 'A12345678901X' }, '<LAchildID>'],
    [
      'no disability',
      { disabilities: [], disability: false },
      '<Disabilities>\n          <Disability>NONE</Disability>\n        </Disabilities>',
    ],
    [
      'several disabilities',
      { disabilities: ['HAND', 'LD', 'VIS'] as const, disability: true },
      '<Disability>HAND</Disability>\n          <Disability>LD</Disability>\n          <Disability>VIS</Disability>',
    ],
    [
      'a disability with no code',
      { disabilities: [], disability: true },
      '<Disabilities>\n          <Disability>DDA</Disability>\n        </Disabilities>',
    ],
    ['a gender of other', { gender: 'other' as const }, '<GenderCurrent>9</GenderCurrent>'],
    ['a gender unknown', { gender: 'unknown' as const }, '<GenderCurrent>0</GenderCurrent>'],
  ])('stays valid with %s', (_what, change, contains) => {
    const xml = message({ ...CHILD, ...change });
    expect(xmllintErrors(xml)).toBe('');
    expect(xml).toContain(contains);
  });

  it.each([
    ['no codes, not disabled', [], false, ['NONE']],
    ['no codes, disabled', [], true, ['DDA']],
    ['NONE recorded', ['NONE'], false, ['NONE']],
    ['one code', ['LD'], true, ['LD']],
    ['several codes, in the order recorded', ['VIS', 'MOB', 'AUT'], true, ['VIS', 'MOB', 'AUT']],
  ] as const)('writes Disabilities for %s', (_what, disabilities, disability, expected) => {
    expect(censusDisabilities({ ...CHILD, disabilities, disability })).toEqual(expected);
  });

  it('escapes an identifier with markup in it and stays valid', () => {
    const xml = message({ ...CHILD, childId: 'x<y>&"z"' });
    expect(xml).toContain('<LAchildID>x&lt;y&gt;&amp;&quot;z&quot;</LAchildID>');
    expect(xmllintErrors(xml)).toBe('');
  });

  it('is refused by the schema when a required element is missing (the check can fail)', () => {
    expect(xmllintErrors(message(CHILD).replace(/<ReferralNFA>.*<\/ReferralNFA>/g, ''))).toContain(
      'ReferralNFA',
    );
  });
});
