/**
 * One child's record in the Children in Need census message, and the message around the
 * children (docs/domain.md#children-in-need-census). Pure: the service reads the rows, this
 * turns them into the schema's elements in the schema's order.
 */
import type { IsoDate } from '../../calendar/domain/iso-date';
import type { DisabilityCode, EthnicityCode } from '../../children/domain/dfe-codes';
import { escapeXml, leaf, node, render, type XmlNode } from './xml';

export type AssessmentKind = 'initial' | 'core' | 'single';

export interface CensusAssessment {
  id: string;
  kind: AssessmentKind;
  /** AssessmentActualStartDate. */
  startedAt: IsoDate;
  /** AssessmentAuthorisationDate: the day it was completed; null while open. */
  authorisedAt: IsoDate | null;
  factors: readonly string[];
}

export interface CensusEpisode {
  referralId: string;
  referredAt: IsoDate;
  /** The DfE referral source, recorded or derived. */
  cinSource: string;
  /** PrimaryNeedCode, recorded when an assessment completes (or on the closure). */
  primaryNeed: string | null;
  closedAt: IsoDate | null;
  reasonForClosure: string | null;
  /** The referral ended at its decision, without an assessment. */
  referralNfa: boolean;
  assessments: readonly CensusAssessment[];
}

export interface CensusChild {
  childId: string;
  upn: string | null;
  dateOfBirth: IsoDate;
  gender: 'male' | 'female' | 'other' | 'unknown';
  /** The child's DfE ethnicity code (the children module keeps one for every child). */
  ethnicity: EthnicityCode;
  /** The child's DfE disability codes, as recorded (possibly none). */
  disabilities: readonly DisabilityCode[];
  /** The child's yes/no `disability`: derived from the codes, or given alone before them. */
  disability: boolean;
  episodes: readonly CensusEpisode[];
}

export interface CensusHeader {
  year: number;
  referenceDate: IsoDate;
  lea: string;
  /** When the message was written, ISO 8601 with offset. */
  dateTime: string;
  softwareCode: string;
  release: string;
}

/** GenderCurrent: male 1, female 2, other 9 (indeterminate), unknown 0 (not recorded). */
export const GENDER_CODES: Readonly<Record<CensusChild['gender'], string>> = {
  male: '1',
  female: '2',
  other: '9',
  unknown: '0',
};

/**
 * The code written for a child known to be disabled whose disabilities nobody has coded
 * (`disability` true, `disabilities` empty): `DDA`, the DfE's "Other" (a disability under the
 * Equality Act not in the other categories). The census needs a code once it is told there is
 * a disability, and NONE would say the opposite; the errors list queries it
 * (`disability_not_coded`) so that someone records the real codes.
 */
export const UNCODED_DISABILITY: DisabilityCode = 'DDA';

const UPN = /^[A-Za-z]\d{12}$/;

/**
 * The child's `Disabilities` (docs/domain.md#children-in-need-census): the codes recorded, in
 * the order recorded; none recorded, NONE when the child is not disabled and DDA
 * (UNCODED_DISABILITY) when they are. Never empty: every child's element is written.
 */
export function censusDisabilities(child: CensusChild): readonly DisabilityCode[] {
  if (child.disabilities.length > 0) return child.disabilities;
  return child.disability ? [UNCODED_DISABILITY] : ['NONE'];
}

/** A child marked disabled with no disability code recorded (written DDA, and queried). */
export function isDisabilityUncoded(child: CensusChild): boolean {
  return child.disability && child.disabilities.length === 0;
}

function assessmentElement(a: CensusAssessment): XmlNode {
  return node(
    'Assessments',
    leaf('AssessmentActualStartDate', a.startedAt),
    leaf('AssessmentAuthorisationDate', a.authorisedAt),
    a.factors.length === 0
      ? []
      : [
          node(
            'FactorsIdentifiedAtAssessment',
            ...a.factors.map((f) => leaf('AssessmentFactors', f)),
          ),
        ],
  );
}

function episodeElement(e: CensusEpisode): XmlNode {
  return node(
    'CINdetails',
    leaf('CINreferralDate', e.referredAt),
    leaf('ReferralSource', e.cinSource),
    leaf('PrimaryNeedCode', e.primaryNeed),
    leaf('CINclosureDate', e.closedAt),
    leaf('ReasonForClosure', e.reasonForClosure),
    e.assessments.map(assessmentElement),
    leaf('ReferralNFA', e.referralNfa ? 'true' : 'false'),
  );
}

/** The child's `Child` element. */
export function childElement(child: CensusChild): XmlNode {
  const disabilities = censusDisabilities(child);
  return node(
    'Child',
    [
      node(
        'ChildIdentifiers',
        leaf('LAchildID', child.childId),
        leaf('UPN', child.upn !== null && UPN.test(child.upn) ? child.upn : null),
        leaf('PersonBirthDate', child.dateOfBirth),
        leaf('GenderCurrent', GENDER_CODES[child.gender]),
      ),
    ],
    [
      node('ChildCharacteristics', leaf('Ethnicity', child.ethnicity), [
        node('Disabilities', ...disabilities.map((d) => leaf('Disability', d))),
      ]),
    ],
    child.episodes.map(episodeElement),
  );
}

/** The message up to and including `<Children>`: the XML declaration, `Message` and its `Header`. */
export function messageStart(header: CensusHeader): string {
  const head = node(
    'Header',
    [
      node(
        'CollectionDetails',
        leaf('Collection', 'CIN'),
        leaf('Year', String(header.year)),
        leaf('ReferenceDate', header.referenceDate),
      ),
    ],
    [
      node(
        'Source',
        leaf('SourceLevel', 'L'),
        leaf('LEA', header.lea),
        leaf('SoftwareCode', header.softwareCode),
        leaf('Release', header.release),
        leaf('DateTime', header.dateTime),
      ),
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n${render(head, 1)}  <Children>\n`;
}

/** `<name>text</name>` at an indent, or nothing for an absent value. */
function line(pad: string, name: string, value: string | null | undefined): string {
  return value === null || value === undefined
    ? ''
    : `${pad}<${name}>${escapeXml(value)}</${name}>\n`;
}

/**
 * One child, indented to sit inside `<Children>`: the same elements as childElement, written
 * straight to text (the return writes hundreds of thousands; no tree is built for each).
 */
export function childXml(child: CensusChild): string {
  const p3 = '      ';
  const p4 = '        ';
  const p5 = '          ';
  const p6 = '            ';
  const disabilities = censusDisabilities(child);
  let out =
    `    <Child>\n${p3}<ChildIdentifiers>\n` +
    line(p4, 'LAchildID', child.childId) +
    line(p4, 'UPN', child.upn !== null && UPN.test(child.upn) ? child.upn : null) +
    line(p4, 'PersonBirthDate', child.dateOfBirth) +
    line(p4, 'GenderCurrent', GENDER_CODES[child.gender]) +
    `${p3}</ChildIdentifiers>\n${p3}<ChildCharacteristics>\n` +
    line(p4, 'Ethnicity', child.ethnicity) +
    `${p4}<Disabilities>\n`;
  for (const d of disabilities) out += line(p5, 'Disability', d);
  out += `${p4}</Disabilities>\n`;
  out += `${p3}</ChildCharacteristics>\n`;
  for (const e of child.episodes) {
    out +=
      `${p3}<CINdetails>\n` +
      line(p4, 'CINreferralDate', e.referredAt) +
      line(p4, 'ReferralSource', e.cinSource) +
      line(p4, 'PrimaryNeedCode', e.primaryNeed) +
      line(p4, 'CINclosureDate', e.closedAt) +
      line(p4, 'ReasonForClosure', e.reasonForClosure);
    for (const a of e.assessments) {
      out +=
        `${p4}<Assessments>\n` +
        line(p5, 'AssessmentActualStartDate', a.startedAt) +
        line(p5, 'AssessmentAuthorisationDate', a.authorisedAt);
      if (a.factors.length > 0) {
        out += `${p5}<FactorsIdentifiedAtAssessment>\n`;
        for (const f of a.factors) out += line(p6, 'AssessmentFactors', f);
        out += `${p5}</FactorsIdentifiedAtAssessment>\n`;
      }
      out += `${p4}</Assessments>\n`;
    }
    out += line(p4, 'ReferralNFA', e.referralNfa ? 'true' : 'false') + `${p3}</CINdetails>\n`;
  }
  return `${out}    </Child>\n`;
}

export function messageEnd(): string {
  return '  </Children>\n</Message>\n';
}
