/**
 * Reading the reminder timescales file (config/reminders.yaml): every key is required, no
 * other key is allowed, and each number is a whole number in a sensible range, so that a typo
 * stops the start with a message naming the key rather than silently changing a timescale.
 */
import type { ReminderTimescales } from './reminder-plan';

export class TimescalesError extends Error {}

type Range = readonly [min: number, max: number];

const RANGES = {
  reminderHour: [0, 23],
  dueSoon: [1, 60],
  firstMeetingWorkingDays: [1, 120],
  reviewEveryDays: [1, 365],
  recordWithinWorkingDays: [0, 30],
  leadProfessionalMissingWorkingDays: [1, 60],
} as const satisfies Record<string, Range>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (!isRecord(value))
    throw new TimescalesError(`${path} must be a mapping of ${keys.join(', ')}`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new TimescalesError(`${path}${key} is not a known key (known: ${keys.join(', ')})`);
    }
  }
  for (const key of keys) {
    if (!(key in value)) throw new TimescalesError(`${path}${key} is missing`);
  }
  return value;
}

function whole(value: unknown, path: string, [min, max]: Range): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TimescalesError(`${path} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function days(value: unknown, path: string): number[] {
  if (!Array.isArray(value)) throw new TimescalesError(`${path} must be a list of working days`);
  const list = value.map((item, index) => whole(item, `${path}[${index}]`, RANGES.dueSoon));
  if (new Set(list).size !== list.length) {
    throw new TimescalesError(`${path} must not repeat a day`);
  }
  return list;
}

const ROOT_KEYS = [
  'reminderHour',
  'initialAssessment',
  'coreAssessment',
  'singleAssessment',
  'tac',
] as const;

/** Keys that moved elsewhere: naming them stops the start with where they went. */
const MOVED: Readonly<Record<string, string>> = {
  referralDecisionWorkingDays:
    'referralDecisionWorkingDays is no longer read here: the decision timescale is the `decision` of each framework in assessment-framework.yaml',
};
const TAC_KEYS = [
  'firstMeetingWorkingDays',
  'reviewEveryDays',
  'recordWithinWorkingDays',
  'leadProfessionalMissingWorkingDays',
] as const;

/** The timescales from the parsed YAML document; TimescalesError naming the key otherwise. */
export function parseReminderTimescales(parsed: unknown): ReminderTimescales {
  if (isRecord(parsed)) {
    const moved = Object.keys(parsed).find((key) => key in MOVED);
    if (moved !== undefined) throw new TimescalesError(MOVED[moved]);
  }
  const root = mapping(parsed, '', ROOT_KEYS);
  const ia = mapping(root['initialAssessment'], 'initialAssessment.', ['dueSoonWorkingDays']);
  const ca = mapping(root['coreAssessment'], 'coreAssessment.', ['dueSoonWorkingDays']);
  const sa = mapping(root['singleAssessment'], 'singleAssessment.', ['dueSoonWorkingDays']);
  const tac = mapping(root['tac'], 'tac.', TAC_KEYS);
  return {
    reminderHour: whole(root['reminderHour'], 'reminderHour', RANGES.reminderHour),
    initialAssessmentDueSoonWorkingDays: days(
      ia['dueSoonWorkingDays'],
      'initialAssessment.dueSoonWorkingDays',
    ),
    coreAssessmentDueSoonWorkingDays: days(
      ca['dueSoonWorkingDays'],
      'coreAssessment.dueSoonWorkingDays',
    ),
    singleAssessmentDueSoonWorkingDays: days(
      sa['dueSoonWorkingDays'],
      'singleAssessment.dueSoonWorkingDays',
    ),
    tac: {
      firstMeetingWorkingDays: whole(
        tac['firstMeetingWorkingDays'],
        'tac.firstMeetingWorkingDays',
        RANGES.firstMeetingWorkingDays,
      ),
      reviewEveryDays: whole(tac['reviewEveryDays'], 'tac.reviewEveryDays', RANGES.reviewEveryDays),
      recordWithinWorkingDays: whole(
        tac['recordWithinWorkingDays'],
        'tac.recordWithinWorkingDays',
        RANGES.recordWithinWorkingDays,
      ),
      leadProfessionalMissingWorkingDays: whole(
        tac['leadProfessionalMissingWorkingDays'],
        'tac.leadProfessionalMissingWorkingDays',
        RANGES.leadProfessionalMissingWorkingDays,
      ),
    },
  };
}
