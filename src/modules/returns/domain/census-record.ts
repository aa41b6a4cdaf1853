/**
 * One child's record in the Children in Need census message, and the message around the
 * children (docs/domain.md#children-in-need-census). Pure: the service reads the rows, this
 * turns them into the schema's elements in the schema's order.
 */
import type { IsoDate } from '../../calendar/domain/iso-date';
import { DISABILITY_CODES, ETHNICITY_CODES, GENDER_CODES } from './child-codes';
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
  ethnicity: string | null;
  disabilities: readonly string[];
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

const UPN = /^[A-Za-z]\d{12}$/;

export function isEthnicityCode(value: string | null): value is string {
  return value !== null && (ETHNICITY_CODES as readonly string[]).includes(value);
}

/** The child's disabilities as census codes (codes outside the list are left out). */
export function disabilityCodes(child: CensusChild): string[] {
  return child.disabilities.filter((d) => (DISABILITY_CODES as readonly string[]).includes(d));
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

/** The child's `Child` element. Ethnicity not a census code is written NOBT (and listed as an error). */
export function childElement(child: CensusChild): XmlNode {
  const disabilities = disabilityCodes(child);
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
      node(
        'ChildCharacteristics',
        leaf('Ethnicity', isEthnicityCode(child.ethnicity) ? child.ethnicity : 'NOBT'),
        disabilities.length === 0
          ? []
          : [node('Disabilities', ...disabilities.map((d) => leaf('Disability', d)))],
      ),
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
  const disabilities = disabilityCodes(child);
  let out =
    `    <Child>\n${p3}<ChildIdentifiers>\n` +
    line(p4, 'LAchildID', child.childId) +
    line(p4, 'UPN', child.upn !== null && UPN.test(child.upn) ? child.upn : null) +
    line(p4, 'PersonBirthDate', child.dateOfBirth) +
    line(p4, 'GenderCurrent', GENDER_CODES[child.gender]) +
    `${p3}</ChildIdentifiers>\n${p3}<ChildCharacteristics>\n` +
    line(p4, 'Ethnicity', isEthnicityCode(child.ethnicity) ? child.ethnicity : 'NOBT');
  if (disabilities.length > 0) {
    out += `${p4}<Disabilities>\n`;
    for (const d of disabilities) out += line(p5, 'Disability', d);
    out += `${p4}</Disabilities>\n`;
  }
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
