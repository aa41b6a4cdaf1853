import {
  CAF_DOMAINS,
  compareInFormOrder,
  DOMAIN_CODES,
  domainOf,
  ELEMENT_CODES,
  ELEMENT_LEVELS,
  isElementCode,
  isElementLevel,
  type DomainCode,
  type ElementCode,
} from './caf-elements';

/** The national CAF form, written out independently of the module (docs/domain.md#the-caf). */
// prettier-ignore
const FORM: ReadonlyArray<readonly [ElementCode, DomainCode]> = [
  ['general_health', 'development_of_the_child'],
  ['physical_development', 'development_of_the_child'],
  ['speech_language_communication', 'development_of_the_child'],
  ['emotional_social_development', 'development_of_the_child'],
  ['behavioural_development', 'development_of_the_child'],
  ['identity_self_image', 'development_of_the_child'],
  ['family_social_relationships', 'development_of_the_child'],
  ['self_care_skills', 'development_of_the_child'],
  ['understanding_reasoning_problem_solving', 'development_of_the_child'],
  ['participation_in_learning_education_employment', 'development_of_the_child'],
  ['progress_achievement_in_learning', 'development_of_the_child'],
  ['aspirations', 'development_of_the_child'],
  ['basic_care_safety_protection', 'parents_and_carers'],
  ['emotional_warmth_stability', 'parents_and_carers'],
  ['guidance_boundaries_stimulation', 'parents_and_carers'],
  ['family_history_functioning_wellbeing', 'family_and_environmental_factors'],
  ['wider_family', 'family_and_environmental_factors'],
  ['housing_employment_financial', 'family_and_environmental_factors'],
  ['social_community_resources', 'family_and_environmental_factors'],
];

describe('the CAF form', () => {
  it('has nineteen element codes, none of them repeated', () => {
    expect(ELEMENT_CODES).toHaveLength(19);
    expect(new Set(ELEMENT_CODES).size).toBe(19);
  });

  it('lists the elements in form order, domain by domain', () => {
    expect(ELEMENT_CODES).toEqual(FORM.map(([code]) => code));
    expect(CAF_DOMAINS.flatMap((domain) => domain.elements)).toEqual(ELEMENT_CODES);
  });

  it('has the three domains in form order, each with a title', () => {
    expect(CAF_DOMAINS.map((domain) => domain.code)).toEqual([
      'development_of_the_child',
      'parents_and_carers',
      'family_and_environmental_factors',
    ]);
    expect(DOMAIN_CODES).toEqual(CAF_DOMAINS.map((domain) => domain.code));
    expect(CAF_DOMAINS.map((domain) => domain.title)).toEqual([
      'Development of the child',
      'Parents and carers',
      'Family and environmental factors',
    ]);
  });

  it.each([
    ['development_of_the_child', 12],
    ['parents_and_carers', 3],
    ['family_and_environmental_factors', 4],
  ] as const)('the domain %s has %i elements', (code, count) => {
    const domain = CAF_DOMAINS.find((d) => d.code === code);
    expect(domain?.elements).toHaveLength(count);
    expect(domain?.elements).toEqual(FORM.filter(([, d]) => d === code).map(([e]) => e));
  });

  it('puts every element in exactly one domain', () => {
    const all = CAF_DOMAINS.flatMap((domain) => domain.elements);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(FORM)('the element %s belongs to %s', (code, domain) => {
    expect(domainOf(code)).toBe(domain);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(CAF_DOMAINS)).toBe(true);
    expect(CAF_DOMAINS.every((d) => Object.isFrozen(d) && Object.isFrozen(d.elements))).toBe(true);
  });

  it('sorts element codes into form order', () => {
    const shuffled: ElementCode[] = ['wider_family', 'aspirations', 'general_health'];
    expect(shuffled.sort(compareInFormOrder)).toEqual([
      'general_health',
      'aspirations',
      'wider_family',
    ]);
  });
});

describe('recognising element codes', () => {
  it.each(ELEMENT_CODES)('accepts %s', (code) => {
    expect(isElementCode(code)).toBe(true);
  });

  it.each([
    ['a code in capitals', 'GENERAL_HEALTH'],
    ['a code with a trailing space', 'aspirations '],
    ['a domain code', 'parents_and_carers'],
    ['an empty string', ''],
    ['a property every object has', 'toString'],
    ['a number', 3],
    ['null', null],
    ['undefined', undefined],
    ['an array holding a code', ['general_health']],
  ])('rejects %s', (_what, value) => {
    expect(isElementCode(value)).toBe(false);
  });
});

describe('element levels', () => {
  it('run from 0 (strength) to 3 (acute need or safeguarding concern)', () => {
    expect(ELEMENT_LEVELS).toEqual([0, 1, 2, 3]);
  });

  it.each([
    [0, true],
    [1, true],
    [2, true],
    [3, true],
    [-1, false],
    [4, false],
    [1.5, false],
    ['2', false],
    [null, false],
  ])('%p is a level: %s', (value, expected) => {
    expect(isElementLevel(value)).toBe(expected);
  });
});
