import { dump, load } from 'js-yaml';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BANK_HOLIDAYS_FILE } from '../modules/calendar/bank-holidays.file';
import { THRESHOLDS_FILE } from '../modules/cases/thresholds.file';
import { DEFAULT_PLAN_FILE } from '../modules/kpis/plan.file';
import { REMINDERS_FILE } from '../modules/reminders/reminders.file';
import {
  type AuthorityFile,
  AuthorityFileError,
  authorityFile,
  checkAuthorityFiles,
  readAuthorityFile,
  registeredAuthorityFiles,
} from './authority-files';
import { ConfigError } from './env';

const SHIPPED = join(__dirname, '..', '..', 'config');
const shipped = (name: string): string => readFileSync(join(SHIPPED, name), 'utf8');
const shippedYaml = (name: string): Record<string, unknown> =>
  load(shipped(name)) as Record<string, unknown>;

/** The shipped YAML file with one change made to its parsed document. */
function changedYaml(name: string, change: (document: Record<string, unknown>) => void): string {
  const document = shippedYaml(name);
  change(document);
  return dump(document);
}

function changedJson(name: string, change: (document: Record<string, unknown>) => void): string {
  const document = JSON.parse(shipped(name)) as Record<string, unknown>;
  change(document);
  return JSON.stringify(document);
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'continuum-authority-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): void {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}

function mistakeOf(read: () => unknown): AuthorityFileError {
  try {
    read();
  } catch (error) {
    if (error instanceof AuthorityFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('the authority file loader', () => {
  it('reads every shipped file from config/ with no override folder', () => {
    expect(() => checkAuthorityFiles(undefined)).not.toThrow();
    expect(readAuthorityFile(THRESHOLDS_FILE, undefined).version).toBe(
      shippedYaml('thresholds.yaml')['version'],
    );
  });

  it('knows the four files the modules define', () => {
    expect(registeredAuthorityFiles().map((file) => file.name)).toEqual(
      expect.arrayContaining([
        'thresholds.yaml',
        'reminders.yaml',
        'bank-holidays.json',
        'plans/default.yaml',
      ]),
    );
  });

  const tierOfThirdRule = (document: Record<string, unknown>): void => {
    (document['rules'] as Record<string, unknown>[])[2]['tier'] = 7;
  };

  it.each<[string, string, () => string, string]>([
    [
      'a threshold rule with an impossible tier',
      'thresholds.yaml',
      () => changedYaml('thresholds.yaml', tierOfThirdRule),
      'thresholds.yaml: rules[2].tier must be 1, 2, 3 or 4',
    ],
    [
      'a threshold file that is not YAML',
      'thresholds.yaml',
      () => 'rules: [unclosed',
      'thresholds.yaml: cannot be read: unexpected end of the stream within a flow collection (1:17)',
    ],
    [
      'a reminder timescale out of range',
      'reminders.yaml',
      () =>
        changedYaml('reminders.yaml', (d) => {
          (d['tac'] as Record<string, unknown>)['reviewEveryDays'] = 0;
        }),
      'reminders.yaml: tac.reviewEveryDays must be a whole number from 1 to 365',
    ],
    [
      'an unknown reminder key',
      'reminders.yaml',
      () => changedYaml('reminders.yaml', (d) => (d['reminderHours'] = 9)),
      'reminders.yaml: reminderHours is not a known key (known: reminderHour, initialAssessment, coreAssessment, singleAssessment, tac)',
    ],
    [
      'a bank holiday list that is not JSON',
      'bank-holidays.json',
      () => '{"division": ',
      'bank-holidays.json: cannot be read: Unexpected end of JSON input',
    ],
    [
      'a bank holiday on an impossible date',
      'bank-holidays.json',
      () =>
        changedJson('bank-holidays.json', (d) => {
          (d['events'] as Record<string, unknown>[])[3]['date'] = '2000-02-30';
        }),
      'bank-holidays.json: events[3].date must be a real YYYY-MM-DD date, not "2000-02-30"',
    ],
    [
      'a plan without its name',
      'plans/default.yaml',
      () => changedYaml('plans/default.yaml', (d) => delete d['name']),
      'plans/default.yaml: name is missing',
    ],
  ])('names the file and the path for %s', (_case, name, text, message) => {
    write(name, text());
    const files: AuthorityFile<unknown>[] = [
      THRESHOLDS_FILE,
      REMINDERS_FILE,
      BANK_HOLIDAYS_FILE,
      DEFAULT_PLAN_FILE,
    ];
    const file = files.find((candidate) => candidate.name === name)!;
    const mistake = mistakeOf(() => readAuthorityFile(file, dir));
    expect(mistake.message).toBe(`${dir}/${message}`);
    expect(mistake).toBeInstanceOf(ConfigError);
  });

  it('stops the start-up check at a broken file, naming it', () => {
    write('thresholds.yaml', changedYaml('thresholds.yaml', tierOfThirdRule));
    expect(() => checkAuthorityFiles(dir)).toThrow(
      new AuthorityFileError(`${dir}/thresholds.yaml: rules[2].tier must be 1, 2, 3 or 4`),
    );
  });

  it('names a file missing from config/ as config/<name>', () => {
    const missing = authorityFile('no-such-rules.yaml', (document) => document);
    expect(mistakeOf(() => readAuthorityFile(missing, undefined)).message).toBe(
      'config/no-such-rules.yaml: the file is missing',
    );
    expect(mistakeOf(() => readAuthorityFile(missing, dir)).message).toBe(
      'config/no-such-rules.yaml: the file is missing',
    );
  });

  it('refuses to define one file twice', () => {
    authorityFile('defined-once.yaml', (document) => document);
    expect(() => authorityFile('defined-once.yaml', (document) => document)).toThrow(
      'The authority file defined-once.yaml is defined twice',
    );
  });
});

describe('the override folder (AUTHORITY_CONFIG_DIR)', () => {
  it('reads a file from the override folder in place of config/', () => {
    write(
      'thresholds.yaml',
      changedYaml('thresholds.yaml', (d) => (d['version'] = 'local-2027')),
    );
    expect(readAuthorityFile(THRESHOLDS_FILE, dir).version).toBe('local-2027');
  });

  it('reads a file in a subfolder of the override folder (plans/)', () => {
    write(
      'plans/default.yaml',
      changedYaml('plans/default.yaml', (d) => (d['id'] = 'local')),
    );
    expect(readAuthorityFile(DEFAULT_PLAN_FILE, dir).id).toBe('local');
  });

  it('takes a file missing from the override folder from config/', () => {
    write(
      'thresholds.yaml',
      changedYaml('thresholds.yaml', (d) => (d['version'] = 'local-2027')),
    );
    expect(readAuthorityFile(REMINDERS_FILE, dir)).toEqual(
      readAuthorityFile(REMINDERS_FILE, undefined),
    );
    expect(readAuthorityFile(BANK_HOLIDAYS_FILE, dir)).toEqual(
      readAuthorityFile(BANK_HOLIDAYS_FILE, undefined),
    );
  });
});
