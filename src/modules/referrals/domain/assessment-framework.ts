/**
 * Assessment frameworks over time (docs/domain.md#assessment-frameworks).
 *
 * The timescales of social care assessments are the authority's configuration by date. A
 * framework applies to every referral whose `referredAt` is on or after its `from` and
 * before the next framework's `from`. A framework has either the initial (from referredAt)
 * and core (from the core assessment's commencement) assessments, or one single assessment
 * (from referredAt), and a decision timescale. The referral keeps a copy of its framework,
 * so that later changes to the file never move a due date already computed.
 */
import { compareIsoDates, isIsoDate, type IsoDate } from '../../calendar/domain/iso-date';

export type FrameworkKind = 'initial_core' | 'single';

interface FrameworkBase {
  /** The name the referral carries (`framework`). */
  name: string;
  /** The first referral date it applies to. */
  from: IsoDate;
  /** Working days after referredAt for social care's decision. */
  decision: number;
}

export interface InitialCoreFramework extends FrameworkBase {
  kind: 'initial_core';
  /** Working days after referredAt. */
  initialAssessment: number;
  /** Working days after the core assessment's commencement. */
  coreAssessment: number;
}

export interface SingleAssessmentFramework extends FrameworkBase {
  kind: 'single';
  /** Working days after referredAt. */
  singleAssessment: number;
}

export type AssessmentFramework = InitialCoreFramework | SingleAssessmentFramework;

/** The default: today's timescales, 7 / 35 / decision 1, from 2000-01-01. */
export const DEFAULT_FRAMEWORK: InitialCoreFramework = {
  kind: 'initial_core',
  name: 'initial-core-2000-01-01',
  from: '2000-01-01',
  initialAssessment: 7,
  coreAssessment: 35,
  decision: 1,
};

export class FrameworkError extends Error {}

const KEYS = [
  'name',
  'from',
  'initialAssessment',
  'coreAssessment',
  'singleAssessment',
  'decision',
];
const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function workingDays(value: unknown, path: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new FrameworkError(`${path} must be a whole number of working days from 1 to ${max}`);
  }
  return value;
}

/** YAML reads an unquoted 2013-04-15 as a Date at midnight UTC; a quoted one as a string. */
function isoDate(value: unknown, path: string): IsoDate {
  const text =
    value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString().slice(0, 10)
      : value;
  if (!isIsoDate(text)) throw new FrameworkError(`${path} must be a date (YYYY-MM-DD)`);
  return text;
}

function parseOne(value: unknown, path: string): AssessmentFramework {
  if (!isRecord(value)) throw new FrameworkError(`${path} must be a mapping`);
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key)) {
      throw new FrameworkError(`${path}.${key} is not a known key (known: ${KEYS.join(', ')})`);
    }
  }
  if (!('from' in value)) throw new FrameworkError(`${path}.from is missing`);
  if (!('decision' in value)) throw new FrameworkError(`${path}.decision is missing`);
  const from = isoDate(value['from'], `${path}.from`);
  const decision = workingDays(value['decision'], `${path}.decision`, 20);
  const single = 'singleAssessment' in value;
  const initialCore = 'initialAssessment' in value || 'coreAssessment' in value;
  if (single && initialCore) {
    throw new FrameworkError(
      `${path} has both singleAssessment and initialAssessment/coreAssessment: a framework has one or the other`,
    );
  }
  if (!single && !initialCore) {
    throw new FrameworkError(
      `${path} needs singleAssessment, or initialAssessment and coreAssessment`,
    );
  }
  let name: string | undefined;
  if ('name' in value) {
    if (typeof value['name'] !== 'string' || !NAME.test(value['name'])) {
      throw new FrameworkError(
        `${path}.name must be lower-case letters, digits, '.', '_' or '-' (at most 63)`,
      );
    }
    name = value['name'];
  }
  if (single) {
    return {
      kind: 'single',
      name: name ?? `single-${from}`,
      from,
      decision,
      singleAssessment: workingDays(value['singleAssessment'], `${path}.singleAssessment`, 120),
    };
  }
  if (!('initialAssessment' in value))
    throw new FrameworkError(`${path}.initialAssessment is missing`);
  if (!('coreAssessment' in value)) throw new FrameworkError(`${path}.coreAssessment is missing`);
  return {
    kind: 'initial_core',
    name: name ?? `initial-core-${from}`,
    from,
    decision,
    initialAssessment: workingDays(value['initialAssessment'], `${path}.initialAssessment`, 60),
    coreAssessment: workingDays(value['coreAssessment'], `${path}.coreAssessment`, 120),
  };
}

/**
 * The frameworks of the parsed YAML document, oldest first; FrameworkError naming the
 * mistake otherwise. The list must not be empty, its `from` dates must rise strictly, and
 * names must be unique.
 */
export function parseAssessmentFrameworks(parsed: unknown): AssessmentFramework[] {
  if (!isRecord(parsed)) throw new FrameworkError('the file must be a mapping with frameworks');
  for (const key of Object.keys(parsed)) {
    if (key !== 'frameworks')
      throw new FrameworkError(`${key} is not a known key (known: frameworks)`);
  }
  const list = parsed['frameworks'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new FrameworkError('frameworks must be a list of at least one framework');
  }
  const frameworks = list.map((item, index) => parseOne(item, `frameworks[${index}]`));
  const names = new Set<string>();
  frameworks.forEach((framework, index) => {
    if (index > 0 && compareIsoDates(framework.from, frameworks[index - 1].from) <= 0) {
      throw new FrameworkError(
        `frameworks[${index}].from must be after frameworks[${index - 1}].from (the list is in date order)`,
      );
    }
    if (names.has(framework.name)) {
      throw new FrameworkError(`frameworks[${index}].name ${framework.name} is used twice`);
    }
    names.add(framework.name);
  });
  return frameworks;
}

/**
 * The framework in force on `date`: the last whose `from` is on or before it. A date before
 * the first framework is refused (RangeError): no timescale is defined for it.
 */
export function frameworkOn(
  frameworks: readonly AssessmentFramework[],
  date: IsoDate,
): AssessmentFramework {
  let found: AssessmentFramework | undefined;
  for (const framework of frameworks) {
    if (compareIsoDates(framework.from, date) <= 0) found = framework;
  }
  if (!found) {
    throw new RangeError(
      `no assessment framework is in force on ${date} (the first starts ${frameworks[0]?.from ?? 'never'})`,
    );
  }
  return found;
}

/** Which assessments a framework's referral starts. */
export function assessmentRouteOf(framework: AssessmentFramework): 'initial' | 'single' {
  return framework.kind === 'single' ? 'single' : 'initial';
}

/** What a referral keeps of its framework: the timescales, without the file's name and date. */
export type FrameworkTimescales =
  Omit<InitialCoreFramework, 'name' | 'from'> | Omit<SingleAssessmentFramework, 'name' | 'from'>;

export function timescalesOf(framework: AssessmentFramework): FrameworkTimescales {
  return framework.kind === 'single'
    ? { kind: 'single', singleAssessment: framework.singleAssessment, decision: framework.decision }
    : {
        kind: 'initial_core',
        initialAssessment: framework.initialAssessment,
        coreAssessment: framework.coreAssessment,
        decision: framework.decision,
      };
}

/** The working days from referredAt to an initial assessment's due date, or why there is none. */
export function initialAssessmentDays(timescales: FrameworkTimescales): number | null {
  return timescales.kind === 'initial_core' ? timescales.initialAssessment : null;
}

export function coreAssessmentDays(timescales: FrameworkTimescales): number | null {
  return timescales.kind === 'initial_core' ? timescales.coreAssessment : null;
}

export function singleAssessmentDays(timescales: FrameworkTimescales): number | null {
  return timescales.kind === 'single' ? timescales.singleAssessment : null;
}
