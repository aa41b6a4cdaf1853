import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import { join } from 'path';
import {
  assessmentRouteOf,
  coreAssessmentDays,
  DEFAULT_FRAMEWORK,
  frameworkOn,
  initialAssessmentDays,
  parseAssessmentFrameworks,
  singleAssessmentDays,
  timescalesOf,
} from './assessment-framework';

const WITH_2013 = {
  frameworks: [
    { from: '2000-01-01', initialAssessment: 7, coreAssessment: 35, decision: 1 },
    { from: '2013-04-15', singleAssessment: 45, decision: 1 },
  ],
};

describe('the shipped config/assessment-framework.yaml', () => {
  it('has only the default framework, so that nothing changes by default: 7 / 35 / decision 1 from 2000-01-01', () => {
    const file = readFileSync(
      join(__dirname, '../../../../config/assessment-framework.yaml'),
      'utf8',
    );
    expect(parseAssessmentFrameworks(load(file))).toEqual([DEFAULT_FRAMEWORK]);
  });
});

describe('parseAssessmentFrameworks', () => {
  it('reads unquoted YAML dates (which YAML makes Dates) as ISO dates', () => {
    const parsed = load(
      'frameworks:\n  - from: 2013-04-15\n    singleAssessment: 45\n    decision: 1\n',
    );
    expect(parseAssessmentFrameworks(parsed)).toEqual([
      {
        kind: 'single',
        name: 'single-2013-04-15',
        from: '2013-04-15',
        singleAssessment: 45,
        decision: 1,
      },
    ]);
  });

  it('names each framework by its kind and start unless it is given a name', () => {
    const list = parseAssessmentFrameworks({
      frameworks: [
        WITH_2013.frameworks[0],
        { ...WITH_2013.frameworks[1], name: 'working-together-2013' },
      ],
    });
    expect(list.map((f) => f.name)).toEqual(['initial-core-2000-01-01', 'working-together-2013']);
  });

  it.each([
    [null, 'the file must be a mapping with frameworks'],
    [{ frameworks: [] }, 'frameworks must be a list of at least one framework'],
    [
      { frameworks: WITH_2013.frameworks, extra: 1 },
      'extra is not a known key (known: frameworks)',
    ],
    [
      { frameworks: [{ from: '2000-01-01', initialAssessment: 7, coreAssessment: 35 }] },
      'frameworks[0].decision is missing',
    ],
    [
      { frameworks: [{ initialAssessment: 7, coreAssessment: 35, decision: 1 }] },
      'frameworks[0].from is missing',
    ],
    [
      { frameworks: [{ from: '2000-02-30', singleAssessment: 45, decision: 1 }] },
      'frameworks[0].from must be a date (YYYY-MM-DD)',
    ],
    [
      { frameworks: [{ from: '2000-01-01', initialAssessment: 7, decision: 1 }] },
      'frameworks[0].coreAssessment is missing',
    ],
    [
      { frameworks: [{ from: '2000-01-01', decision: 1 }] },
      'frameworks[0] needs singleAssessment, or initialAssessment and coreAssessment',
    ],
    [
      {
        frameworks: [
          { from: '2000-01-01', singleAssessment: 45, initialAssessment: 7, decision: 1 },
        ],
      },
      'frameworks[0] has both singleAssessment and initialAssessment/coreAssessment: a framework has one or the other',
    ],
    [
      { frameworks: [{ from: '2000-01-01', singleAssessment: 4.5, decision: 1 }] },
      'frameworks[0].singleAssessment must be a whole number of working days from 1 to 120',
    ],
    [
      { frameworks: [{ from: '2000-01-01', singleAssessment: 45, decision: 0 }] },
      'frameworks[0].decision must be a whole number of working days from 1 to 20',
    ],
    [
      { frameworks: [{ from: '2000-01-01', singleAssesment: 45, decision: 1 }] },
      'frameworks[0].singleAssesment is not a known key',
    ],
    [
      { frameworks: [WITH_2013.frameworks[1], WITH_2013.frameworks[0]] },
      'frameworks[1].from must be after frameworks[0].from (the list is in date order)',
    ],
    [
      {
        frameworks: [
          { ...WITH_2013.frameworks[0], name: 'a' },
          { ...WITH_2013.frameworks[1], name: 'a' },
        ],
      },
      'frameworks[1].name a is used twice',
    ],
    [
      { frameworks: [{ ...WITH_2013.frameworks[0], name: 'Has Spaces' }] },
      'frameworks[0].name must be lower-case',
    ],
  ])('refuses %j, naming the mistake: %s', (input, message) => {
    expect(() => parseAssessmentFrameworks(input)).toThrow(message);
  });
});

describe('frameworkOn', () => {
  const frameworks = parseAssessmentFrameworks(WITH_2013);

  it.each([
    ['2000-01-01', 'initial-core-2000-01-01'],
    ['2011-06-01', 'initial-core-2000-01-01'],
    ['2013-04-14', 'initial-core-2000-01-01'],
    ['2013-04-15', 'single-2013-04-15'],
    ['2014-02-03', 'single-2013-04-15'],
  ])('on %s is %s', (date, name) => {
    expect(frameworkOn(frameworks, date).name).toBe(name);
  });

  it('refuses a date before the first framework', () => {
    expect(() => frameworkOn(frameworks, '1999-12-31')).toThrow(
      'no assessment framework is in force on 1999-12-31 (the first starts 2000-01-01)',
    );
  });

  it('sends a referral of each kind of framework to its own assessment', () => {
    expect(frameworks.map(assessmentRouteOf)).toEqual(['initial', 'single']);
  });
});

describe('timescalesOf', () => {
  it('keeps what a referral needs of its framework, for either kind', () => {
    const [old, single] = parseAssessmentFrameworks(WITH_2013);
    expect(timescalesOf(old)).toEqual({
      kind: 'initial_core',
      initialAssessment: 7,
      coreAssessment: 35,
      decision: 1,
    });
    expect(timescalesOf(single)).toEqual({ kind: 'single', singleAssessment: 45, decision: 1 });
    expect([
      initialAssessmentDays(timescalesOf(old)),
      coreAssessmentDays(timescalesOf(old)),
      singleAssessmentDays(timescalesOf(old)),
    ]).toEqual([7, 35, null]);
    expect([
      initialAssessmentDays(timescalesOf(single)),
      coreAssessmentDays(timescalesOf(single)),
      singleAssessmentDays(timescalesOf(single)),
    ]).toEqual([null, null, 45]);
  });
});
