import fc from 'fast-check';
import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import { join } from 'path';
import { domainOf, ELEMENT_CODES, type ElementCode, type ElementLevel } from './caf-elements';
import {
  parseThresholdRules,
  suggestTier,
  type AssessedElement,
  type ThresholdRules,
  type Tier,
} from './thresholds';

const CONFIG_FILE = join(__dirname, '../../../../config/thresholds.yaml');

function loadDefaultRules(): ThresholdRules {
  return parseThresholdRules(load(readFileSync(CONFIG_FILE, 'utf8')));
}

/** A whole form: every element at level 0 except those given. */
function form(levels: Partial<Record<ElementCode, ElementLevel>> = {}): AssessedElement[] {
  return ELEMENT_CODES.map((code) => ({ code, level: levels[code] ?? 0 }));
}

/** Every element at the same level. */
function everyElementAt(level: ElementLevel): AssessedElement[] {
  return ELEMENT_CODES.map((code) => ({ code, level }));
}

describe('the default thresholds (config/thresholds.yaml)', () => {
  const rules = loadDefaultRules();

  it('is version default-2011 with the four docs/domain.md#thresholds rules in order', () => {
    expect(rules.version).toBe('default-2011');
    expect(rules.rules.map((rule) => [rule.id, rule.tier])).toEqual([
      ['acute_need', 4],
      ['complex_needs_across_domains', 3],
      ['additional_needs', 2],
      ['universal', 1],
    ]);
  });

  it('describes each rule on one line of plain text', () => {
    for (const rule of rules.rules) {
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.description).not.toMatch(/\n/);
    }
  });

  it.each<[string, Tier, string, AssessedElement[], ElementCode[]]>([
    ['no elements at all', 1, 'universal', [], []],
    ['every element at level 0', 1, 'universal', form(), []],
    [
      'one element at level 1',
      2,
      'additional_needs',
      form({ general_health: 1 }),
      ['general_health'],
    ],
    ['one element at level 2', 2, 'additional_needs', form({ wider_family: 2 }), ['wider_family']],
    [
      'two elements at level 2 in the same domain',
      2,
      'additional_needs',
      form({ general_health: 2, aspirations: 2 }),
      ['general_health', 'aspirations'],
    ],
    [
      'two elements at level 2 in the same domain and a level 1 in another',
      2,
      'additional_needs',
      form({ general_health: 2, aspirations: 2, wider_family: 1 }),
      ['general_health', 'aspirations', 'wider_family'],
    ],
    [
      'two elements at level 2 in different domains',
      3,
      'complex_needs_across_domains',
      form({ speech_language_communication: 2, housing_employment_financial: 2 }),
      ['speech_language_communication', 'housing_employment_financial'],
    ],
    [
      'level 2 in the parents and carers and the family domains',
      3,
      'complex_needs_across_domains',
      form({ emotional_warmth_stability: 2, wider_family: 2 }),
      ['emotional_warmth_stability', 'wider_family'],
    ],
    [
      'three elements at level 2 in one domain',
      3,
      'complex_needs_across_domains',
      form({ general_health: 2, physical_development: 2, aspirations: 2 }),
      ['general_health', 'physical_development', 'aspirations'],
    ],
    [
      'the whole parents and carers domain at level 2',
      3,
      'complex_needs_across_domains',
      form({
        basic_care_safety_protection: 2,
        emotional_warmth_stability: 2,
        guidance_boundaries_stimulation: 2,
      }),
      [
        'basic_care_safety_protection',
        'emotional_warmth_stability',
        'guidance_boundaries_stimulation',
      ],
    ],
    [
      'level 2 in two domains with level 1 elsewhere (only the level 2s are reported)',
      3,
      'complex_needs_across_domains',
      form({ self_care_skills: 2, wider_family: 2, aspirations: 1, emotional_warmth_stability: 1 }),
      ['self_care_skills', 'wider_family'],
    ],
    [
      'one element at level 3 and every other at 0',
      4,
      'acute_need',
      form({ basic_care_safety_protection: 3 }),
      ['basic_care_safety_protection'],
    ],
    [
      'one element at level 3 alongside level 2s in every domain (acute need fires first)',
      4,
      'acute_need',
      form({
        general_health: 2,
        aspirations: 2,
        basic_care_safety_protection: 3,
        emotional_warmth_stability: 2,
        wider_family: 2,
      }),
      ['basic_care_safety_protection'],
    ],
    [
      'a level 3 and a level 2 in another domain',
      4,
      'acute_need',
      form({ behavioural_development: 3, housing_employment_financial: 2 }),
      ['behavioural_development'],
    ],
    [
      'two elements at level 3',
      4,
      'acute_need',
      form({ social_community_resources: 3, identity_self_image: 3 }),
      ['identity_self_image', 'social_community_resources'],
    ],
    ['level 1 everywhere', 2, 'additional_needs', everyElementAt(1), [...ELEMENT_CODES]],
    [
      'level 2 everywhere',
      3,
      'complex_needs_across_domains',
      everyElementAt(2),
      [...ELEMENT_CODES],
    ],
    ['level 3 everywhere', 4, 'acute_need', everyElementAt(3), [...ELEMENT_CODES]],
  ])('%s suggests tier %i (rule %s)', (_case, tier, ruleId, elements, reported) => {
    const suggestion = suggestTier(elements, rules);
    expect(suggestion.suggestedTier).toBe(tier);
    expect(suggestion.firedRule.id).toBe(ruleId);
    expect(suggestion.elements).toEqual(reported);
  });

  it('reports the fired rule with its description from the configuration', () => {
    const suggestion = suggestTier(form({ wider_family: 3 }), rules);
    const acute = rules.rules.find((rule) => rule.id === 'acute_need');
    expect(suggestion.firedRule).toEqual({ id: 'acute_need', description: acute?.description });
  });

  it('reports the elements in form order whatever order they were given in', () => {
    const elements: AssessedElement[] = [
      { code: 'social_community_resources', level: 2 },
      { code: 'emotional_warmth_stability', level: 0 },
      { code: 'general_health', level: 2 },
      { code: 'guidance_boundaries_stimulation', level: 2 },
    ];
    expect(suggestTier(elements, rules).elements).toEqual([
      'general_health',
      'guidance_boundaries_stimulation',
      'social_community_resources',
    ]);
  });

  it('counts an element given twice once, at its higher level', () => {
    const elements: AssessedElement[] = [
      { code: 'general_health', level: 2 },
      { code: 'general_health', level: 2 },
      { code: 'general_health', level: 2 },
      { code: 'wider_family', level: 3 },
      { code: 'wider_family', level: 0 },
    ];
    expect(suggestTier(elements.slice(0, 3), rules).suggestedTier).toBe(2);
    expect(suggestTier(elements, rules)).toMatchObject({
      suggestedTier: 4,
      elements: ['wider_family'],
    });
  });

  it('agrees with docs/domain.md#thresholds read literally, for any levels', () => {
    /** docs/domain.md#thresholds written out independently of the rule engine and the YAML. */
    function specSuggestion(elements: readonly AssessedElement[]): [Tier, ElementCode[]] {
      const highest = new Map<ElementCode, ElementLevel>();
      for (const { code, level } of elements) {
        highest.set(code, Math.max(level, highest.get(code) ?? 0) as ElementLevel);
      }
      const at = (...levels: ElementLevel[]): ElementCode[] =>
        ELEMENT_CODES.filter((code) => levels.includes(highest.get(code) ?? 0));
      if (at(3).length > 0) return [4, at(3)];
      const twos = at(2);
      if (new Set(twos.map(domainOf)).size >= 2 || twos.length >= 3) return [3, twos];
      if (at(1, 2).length > 0) return [2, at(1, 2)];
      return [1, []];
    }

    // Mostly low levels, so that every tier turns up often.
    const level = fc.oneof(
      { arbitrary: fc.constant<ElementLevel>(0), weight: 6 },
      { arbitrary: fc.constant<ElementLevel>(1), weight: 3 },
      { arbitrary: fc.constant<ElementLevel>(2), weight: 2 },
      { arbitrary: fc.constant<ElementLevel>(3), weight: 1 },
    );
    const element = fc.record({ code: fc.constantFrom(...ELEMENT_CODES), level });
    fc.assert(
      fc.property(fc.array(element, { maxLength: 25 }), (elements) => {
        const suggestion = suggestTier(elements, rules);
        expect([suggestion.suggestedTier, suggestion.elements]).toEqual(specSuggestion(elements));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("an authority's own threshold rules", () => {
  const stricter = parseThresholdRules(
    load(`
version: strict-2024
rules:
  - id: acute_need
    description: Any element at level 3
    tier: 4
    when: { elementsAtLevel: { minLevel: 3, atLeast: 1 } }
  - id: any_complex_need
    description: Any element at level 2 is a complex need here
    tier: 3
    when: { elementsAtLevel: { minLevel: 2, atLeast: 1 } }
  - id: additional_needs
    description: Any element at level 1
    tier: 2
    when: { elementsAtLevel: { minLevel: 1, atLeast: 1 } }
  - id: universal
    description: Nothing above level 0
    tier: 1
    when: { always: true }
`),
  );

  it.each<[string, Tier, string, AssessedElement[]]>([
    ['a single level 2', 3, 'any_complex_need', form({ wider_family: 2 })],
    [
      'two level 2s in one domain',
      3,
      'any_complex_need',
      form({ general_health: 2, aspirations: 2 }),
    ],
    ['a single level 1', 2, 'additional_needs', form({ wider_family: 1 })],
    ['a single level 3', 4, 'acute_need', form({ wider_family: 3 })],
    ['nothing above 0', 1, 'universal', form()],
  ])('are honoured: %s suggests tier %i (rule %s)', (_case, tier, ruleId, elements) => {
    const suggestion = suggestTier(elements, stricter);
    expect(suggestion.suggestedTier).toBe(tier);
    expect(suggestion.firedRule.id).toBe(ruleId);
  });

  it('may need level 2 in all three domains for tier 3, reporting those elements', () => {
    const rules = parseThresholdRules({
      version: 'three-domains',
      rules: [
        {
          id: 'complex_everywhere',
          description: 'Level 2 or above in every domain',
          tier: 3,
          when: { domainsWithElementAtLevel: { minLevel: 2, atLeast: 3 } },
        },
        { id: 'universal', description: 'Otherwise', tier: 1, when: { always: true } },
      ],
    });
    expect(suggestTier(form({ general_health: 2, wider_family: 3 }), rules).suggestedTier).toBe(1);
    expect(
      suggestTier(
        form({ general_health: 2, wider_family: 3, emotional_warmth_stability: 2 }),
        rules,
      ),
    ).toEqual({
      suggestedTier: 3,
      firedRule: { id: 'complex_everywhere', description: 'Level 2 or above in every domain' },
      elements: ['general_health', 'emotional_warmth_stability', 'wider_family'],
    });
  });

  it('reports the elements of every branch of anyOf that matched', () => {
    const rules = parseThresholdRules({
      version: 'branches',
      rules: [
        {
          id: 'either',
          description: 'Safeguarding, or two additional needs',
          tier: 3,
          when: {
            anyOf: [
              { elementsAtLevel: { minLevel: 3, atLeast: 1 } },
              { elementsAtLevel: { minLevel: 1, atLeast: 2 } },
            ],
          },
        },
        { id: 'universal', description: 'Otherwise', tier: 1, when: { always: true } },
      ],
    });
    expect(suggestTier(form({ aspirations: 1, wider_family: 1 }), rules).elements).toEqual([
      'aspirations',
      'wider_family',
    ]);
    expect(suggestTier(form({ aspirations: 3 }), rules).elements).toEqual(['aspirations']);
    expect(suggestTier(form({ aspirations: 1 }), rules).firedRule.id).toBe('universal');
  });

  it('may be a single fallback rule that suggests the same tier for everything', () => {
    const rules = parseThresholdRules({
      version: 'flat',
      rules: [
        { id: 'everyone', description: 'Every case at tier 2', tier: 2, when: { always: true } },
      ],
    });
    expect(suggestTier(everyElementAt(3), rules)).toEqual({
      suggestedTier: 2,
      firedRule: { id: 'everyone', description: 'Every case at tier 2' },
      elements: [],
    });
  });
});

describe('validating threshold rules', () => {
  /** A valid rule set, shaped like the default file, for each case to break. */
  function valid(): ThresholdRules {
    return {
      version: 'test',
      rules: [
        {
          id: 'acute_need',
          description: 'Any element at level 3',
          tier: 4,
          when: { elementsAtLevel: { minLevel: 3, atLeast: 1 } },
        },
        {
          id: 'complex_needs_across_domains',
          description: 'Level 2 in two domains, or three level 2s',
          tier: 3,
          when: {
            anyOf: [
              { domainsWithElementAtLevel: { minLevel: 2, atLeast: 2 } },
              { elementsAtLevel: { minLevel: 2, atLeast: 3 } },
            ],
          },
        },
        {
          id: 'additional_needs',
          description: 'Any element at level 1 or 2',
          tier: 2,
          when: { elementsAtLevel: { minLevel: 1, atLeast: 1 } },
        },
        { id: 'universal', description: 'Nothing above 0', tier: 1, when: { always: true } },
      ],
    };
  }

  const REMOVED = Symbol('removed');
  type Path = readonly (string | number)[];

  /** The valid rule set with the value at each path replaced (or removed). */
  function broken(...edits: ReadonlyArray<readonly [Path, unknown]>): unknown {
    const doc: unknown = valid();
    for (const [path, value] of edits) {
      const [last, ...above] = [...path].reverse();
      if (last === undefined) throw new Error('an edit needs a path');
      let parent = doc as Record<string | number, unknown>;
      for (const step of above.reverse()) parent = parent[step] as Record<string | number, unknown>;
      if (value === REMOVED) delete parent[last];
      else parent[last] = value;
    }
    return doc;
  }

  function messageOf(parsed: unknown): string {
    try {
      parseThresholdRules(parsed);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the rules to be rejected');
  }

  it('accepts a valid rule set and returns the same rules', () => {
    expect(parseThresholdRules(valid())).toEqual(valid());
  });

  it('returns rules that do not share objects with the parsed input', () => {
    const input = valid();
    const parsed = parseThresholdRules(input);
    input.rules[0] = {
      ...input.rules[0],
      tier: 1,
      when: { elementsAtLevel: { minLevel: 0, atLeast: 1 } },
    };
    expect(parsed.rules[0]).toMatchObject({
      tier: 4,
      when: { elementsAtLevel: { minLevel: 3 } },
    });
  });

  const UNKNOWN_CONDITION =
    '(expected one of elementsAtLevel, domainsWithElementAtLevel, anyOf, always)';

  it.each<[string, unknown, string]>([
    ['nothing at all', null, 'the file must hold a mapping with version and rules'],
    ['an empty file', undefined, 'the file must hold a mapping with version and rules'],
    ['a list', [], 'the file must hold a mapping with version and rules'],
    ['a string', 'rules', 'the file must hold a mapping with version and rules'],
    [
      'an unknown top-level key',
      broken([['rule'], []]),
      'unknown key "rule" (expected version, rules)',
    ],
    ['no version', broken([['version'], REMOVED]), 'version must be a non-empty string'],
    [
      'an unquoted numeric version',
      broken([['version'], 2011]),
      'version must be a non-empty string',
    ],
    ['no rules', broken([['rules'], REMOVED]), 'rules must be a non-empty list'],
    ['an empty rule list', broken([['rules'], []]), 'rules must be a non-empty list'],
    ['rules as a mapping', broken([['rules'], {}]), 'rules must be a non-empty list'],
    [
      'a rule that is not a mapping',
      broken([['rules', 1], 'acute_need']),
      'rules[1] must be a mapping with id, description, tier, when',
    ],
    [
      'a rule with an unknown key',
      broken([['rules', 1, 'level'], 2]),
      'rules[1] has unknown key "level" (expected id, description, tier, when)',
    ],
    [
      'a rule without an id',
      broken([['rules', 0, 'id'], REMOVED]),
      'rules[0].id must be a non-empty string',
    ],
    ['a blank id', broken([['rules', 2, 'id'], '  ']), 'rules[2].id must be a non-empty string'],
    [
      'two rules with one id',
      broken([['rules', 2, 'id'], 'acute_need']),
      'rules[2].id "acute_need" is already used by rules[0]',
    ],
    [
      'a rule without a description',
      broken([['rules', 0, 'description'], REMOVED]),
      'rules[0].description must be a non-empty string',
    ],
    [
      'a description that is not text',
      broken([['rules', 0, 'description'], ['level 3']]),
      'rules[0].description must be a non-empty string',
    ],
    ['tier 5', broken([['rules', 1, 'tier'], 5]), 'rules[1].tier must be 1, 2, 3 or 4'],
    ['tier 0', broken([['rules', 1, 'tier'], 0]), 'rules[1].tier must be 1, 2, 3 or 4'],
    ['tier 2.5', broken([['rules', 1, 'tier'], 2.5]), 'rules[1].tier must be 1, 2, 3 or 4'],
    ['a quoted tier', broken([['rules', 1, 'tier'], '3']), 'rules[1].tier must be 1, 2, 3 or 4'],
    ['no tier', broken([['rules', 1, 'tier'], REMOVED]), 'rules[1].tier must be 1, 2, 3 or 4'],
    [
      'a rule without a condition',
      broken([['rules', 0, 'when'], REMOVED]),
      'rules[0].when must be a mapping with one of elementsAtLevel, domainsWithElementAtLevel, anyOf, always',
    ],
    [
      'an empty condition',
      broken([['rules', 0, 'when'], {}]),
      'rules[0].when must have exactly one of elementsAtLevel, domainsWithElementAtLevel, anyOf, always',
    ],
    [
      'a condition of two kinds at once',
      broken([['rules', 0, 'when', 'anyOf'], [{ always: true }]]),
      'rules[0].when must have exactly one of elementsAtLevel, domainsWithElementAtLevel, anyOf, always (found elementsAtLevel and anyOf)',
    ],
    [
      'a misspelt condition',
      broken([['rules', 0, 'when'], { elementAtLevel: { minLevel: 3, atLeast: 1 } }]),
      `rules[0].when has unknown key "elementAtLevel" ${UNKNOWN_CONDITION}`,
    ],
    [
      'a count that is not a mapping',
      broken([['rules', 0, 'when', 'elementsAtLevel'], 3]),
      'rules[0].when.elementsAtLevel must be a mapping with minLevel, atLeast',
    ],
    [
      'a count with an unknown key',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'level'], 3]),
      'rules[0].when.elementsAtLevel has unknown key "level" (expected minLevel, atLeast)',
    ],
    [
      'level 4',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'minLevel'], 4]),
      'rules[0].when.elementsAtLevel.minLevel must be 0, 1, 2 or 3',
    ],
    [
      'level -1',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'minLevel'], -1]),
      'rules[0].when.elementsAtLevel.minLevel must be 0, 1, 2 or 3',
    ],
    [
      'no level',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'minLevel'], REMOVED]),
      'rules[0].when.elementsAtLevel.minLevel must be 0, 1, 2 or 3',
    ],
    [
      'at least 0 elements',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'atLeast'], 0]),
      'rules[0].when.elementsAtLevel.atLeast must be a whole number, at least 1',
    ],
    [
      'at least 1.5 elements',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'atLeast'], 1.5]),
      'rules[0].when.elementsAtLevel.atLeast must be a whole number, at least 1',
    ],
    [
      'a quoted count',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'atLeast'], '1']),
      'rules[0].when.elementsAtLevel.atLeast must be a whole number, at least 1',
    ],
    [
      'more elements than the form has',
      broken([['rules', 0, 'when', 'elementsAtLevel', 'atLeast'], 20]),
      'rules[0].when.elementsAtLevel.atLeast must be at most 19 (the CAF form has 19 elements)',
    ],
    [
      'more domains than the form has',
      broken([['rules', 1, 'when', 'anyOf', 0, 'domainsWithElementAtLevel', 'atLeast'], 4]),
      'rules[1].when.anyOf[0].domainsWithElementAtLevel.atLeast must be at most 3 (the CAF form has 3 domains)',
    ],
    [
      'a bad count inside anyOf',
      broken([['rules', 1, 'when', 'anyOf', 1, 'elementsAtLevel', 'atLeast'], 0]),
      'rules[1].when.anyOf[1].elementsAtLevel.atLeast must be a whole number, at least 1',
    ],
    [
      'a bad level inside anyOf',
      broken([['rules', 1, 'when', 'anyOf', 0, 'domainsWithElementAtLevel', 'minLevel'], '2']),
      'rules[1].when.anyOf[0].domainsWithElementAtLevel.minLevel must be 0, 1, 2 or 3',
    ],
    [
      'an empty anyOf',
      broken([['rules', 1, 'when', 'anyOf'], []]),
      'rules[1].when.anyOf must be a non-empty list of conditions',
    ],
    [
      'an unknown condition inside anyOf',
      broken([['rules', 1, 'when', 'anyOf', 2], { never: true }]),
      `rules[1].when.anyOf[2] has unknown key "never" ${UNKNOWN_CONDITION}`,
    ],
    [
      'always: false',
      broken([['rules', 3, 'when', 'always'], false]),
      'rules[3].when.always must be true',
    ],
    [
      'always: "yes"',
      broken([['rules', 3, 'when', 'always'], 'yes']),
      'rules[3].when.always must be true',
    ],
    [
      'a last rule that can fail to match',
      broken([['rules'], valid().rules.slice(0, 3)]),
      'rules[2].when must be "always: true": the last rule is the fallback',
    ],
    [
      'an always rule before the last',
      broken([['rules', 1, 'when'], { always: true }]),
      'rules[1].when always matches, so the rules after it could never fire; only the last rule may',
    ],
    [
      'an anyOf that always matches before the last rule',
      broken([['rules', 1, 'when', 'anyOf', 2], { always: true }]),
      'rules[1].when always matches, so the rules after it could never fire; only the last rule may',
    ],
    [
      'an unknown key with a line break in it',
      broken([['rules', 0, 'bad\nkey'], 1]),
      'rules[0] has unknown key "bad\\nkey" (expected id, description, tier, when)',
    ],
    [
      'a duplicate id with a line break in it',
      broken([['rules', 0, 'id'], 'two\nlines'], [['rules', 1, 'id'], 'two\nlines']),
      'rules[1].id "two\\nlines" is already used by rules[0]',
    ],
  ])('rejects %s with a one-line message naming the path', (_case, parsed, message) => {
    const actual = messageOf(parsed);
    expect(actual).toBe(message);
    expect(actual).not.toMatch(/[\r\n]/);
  });

  it('rejects a YAML file with a typo in a level, naming the rule', () => {
    const yaml = readFileSync(CONFIG_FILE, 'utf8').replace('minLevel: 3', 'minLevel: three');
    expect(messageOf(load(yaml))).toBe(
      'rules[0].when.elementsAtLevel.minLevel must be 0, 1, 2 or 3',
    );
  });
});
