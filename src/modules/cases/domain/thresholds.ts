/**
 * The authority's threshold-of-need rules (docs/domain.md#thresholds) as data, and their pure
 * evaluation against an assessment's element levels. The rules live in
 * config/thresholds.yaml; the caller reads and parses the file and hands the
 * parsed value to parseThresholdRules, which validates it.
 */
import {
  CAF_DOMAINS,
  compareInFormOrder,
  domainOf,
  ELEMENT_CODES,
  isElementLevel,
  type DomainCode,
  type ElementCode,
  type ElementLevel,
} from './caf-elements';

export type Tier = 1 | 2 | 3 | 4;

export interface AssessedElement {
  code: ElementCode;
  level: ElementLevel;
}

export type Condition =
  /** At least `atLeast` elements with level >= minLevel. */
  | { elementsAtLevel: { minLevel: ElementLevel; atLeast: number } }
  /** At least `atLeast` distinct domains having an element with level >= minLevel. */
  | { domainsWithElementAtLevel: { minLevel: ElementLevel; atLeast: number } }
  /** Any of the conditions. */
  | { anyOf: Condition[] }
  /** Always matches: the fallback, only as the last rule. */
  | { always: true };

export interface ThresholdRule {
  id: string;
  description: string;
  tier: Tier;
  when: Condition;
}

/** Rules are evaluated in order; the first that matches wins; the last is `always`. */
export interface ThresholdRules {
  version: string;
  rules: ThresholdRule[];
}

export interface TierSuggestion {
  suggestedTier: Tier;
  firedRule: { id: string; description: string };
  /** The elements that made the rule fire, in form order; [] for `always`. */
  elements: ElementCode[];
}

const WHAT = 'thresholds';
const ROOT_KEYS = ['version', 'rules'] as const;
const RULE_KEYS = ['id', 'description', 'tier', 'when'] as const;
const CONDITION_KEYS = ['elementsAtLevel', 'domainsWithElementAtLevel', 'anyOf', 'always'] as const;
const COUNT_KEYS = ['minLevel', 'atLeast'] as const;

/**
 * Validates the parsed YAML into ThresholdRules. Throws an Error with a
 * one-line message naming the path and the problem, for example
 * "rules[1].tier must be 1, 2, 3 or 4". Checks: a non-empty list
 * of rules with unique ids, tiers 1-4, levels 0-3, `atLeast` a whole number
 * from 1 up to the number of elements (or domains) on the form, no unknown
 * keys, exactly one kind of condition per `when`, and `always` as the last
 * rule only (an earlier one would hide the rules after it).
 */
export function parseThresholdRules(parsed: unknown): ThresholdRules {
  if (!isRecord(parsed)) fail('the file must hold a mapping with version and rules');
  onlyKeys(parsed, ROOT_KEYS, '');

  const version = parsed['version'];
  if (typeof version !== 'string' || version.trim() === '') {
    fail('version must be a non-empty string');
  }

  const rawRules = parsed['rules'];
  if (!Array.isArray(rawRules) || rawRules.length === 0) fail('rules must be a non-empty list');

  const firstIndexOfId = new Map<string, number>();
  const rules = rawRules.map((raw: unknown, index: number): ThresholdRule => {
    const path = `rules[${index}]`;
    if (!isRecord(raw)) fail(`${path} must be a mapping with ${RULE_KEYS.join(', ')}`);
    onlyKeys(raw, RULE_KEYS, path);

    const id = nonEmptyString(raw, 'id', path);
    const earlier = firstIndexOfId.get(id);
    if (earlier !== undefined) {
      fail(`${path}.id ${JSON.stringify(id)} is already used by rules[${earlier}]`);
    }
    firstIndexOfId.set(id, index);

    const description = nonEmptyString(raw, 'description', path);
    const tier = raw['tier'];
    if (!isTier(tier)) fail(`${path}.tier must be 1, 2, 3 or 4`);
    const when = parseCondition(raw['when'], `${path}.when`);
    return { id, description, tier, when };
  });

  rules.forEach((rule, index) => {
    const last = index === rules.length - 1;
    if (last && !('always' in rule.when)) {
      fail(`rules[${index}].when must be "always: true": the last rule is the fallback`);
    }
    if (!last && matchesAlways(rule.when)) {
      fail(
        `rules[${index}].when always matches, so the rules after it could never fire; only the last rule may`,
      );
    }
  });

  return { version, rules };
}

/**
 * Suggests a tier: the first rule whose condition matches wins. If an element
 * appears more than once, its highest level counts. Throws if no rule matches,
 * which cannot happen with rules from parseThresholdRules (the last is `always`).
 */
export function suggestTier(
  elements: readonly AssessedElement[],
  rules: ThresholdRules,
): TierSuggestion {
  const levels = highestLevels(elements);
  for (const rule of rules.rules) {
    const fired = evaluate(rule.when, levels);
    if (fired !== null) {
      return {
        suggestedTier: rule.tier,
        firedRule: { id: rule.id, description: rule.description },
        elements: [...fired].sort(compareInFormOrder),
      };
    }
  }
  throw new Error(
    `${WHAT} ${rules.version}: no rule matched; the last rule must be "always: true"`,
  );
}

type Levels = ReadonlyMap<ElementCode, ElementLevel>;

/** The elements that make the condition true, or null when it is false. */
function evaluate(condition: Condition, levels: Levels): ReadonlySet<ElementCode> | null {
  if ('always' in condition) return new Set();
  if ('anyOf' in condition) {
    // Report the elements of every branch that matches, not just the first.
    let fired: Set<ElementCode> | null = null;
    for (const branch of condition.anyOf) {
      const branchFired = evaluate(branch, levels);
      if (branchFired !== null) fired = new Set([...(fired ?? []), ...branchFired]);
    }
    return fired;
  }
  if ('elementsAtLevel' in condition) {
    const { minLevel, atLeast } = condition.elementsAtLevel;
    const atLevel = elementsAtOrAbove(levels, minLevel);
    return atLevel.length >= atLeast ? new Set(atLevel) : null;
  }
  const { minLevel, atLeast } = condition.domainsWithElementAtLevel;
  const atLevel = elementsAtOrAbove(levels, minLevel);
  const domains = new Set<DomainCode>(atLevel.map(domainOf));
  return domains.size >= atLeast ? new Set(atLevel) : null;
}

function elementsAtOrAbove(levels: Levels, minLevel: ElementLevel): ElementCode[] {
  return [...levels].filter(([, level]) => level >= minLevel).map(([code]) => code);
}

function highestLevels(elements: readonly AssessedElement[]): Levels {
  const levels = new Map<ElementCode, ElementLevel>();
  for (const { code, level } of elements) {
    const seen = levels.get(code);
    if (seen === undefined || level > seen) levels.set(code, level);
  }
  return levels;
}

function matchesAlways(condition: Condition): boolean {
  if ('always' in condition) return true;
  if ('anyOf' in condition) return condition.anyOf.some(matchesAlways);
  return false;
}

function parseCondition(raw: unknown, path: string): Condition {
  const kinds = CONDITION_KEYS.join(', ');
  if (!isRecord(raw)) fail(`${path} must be a mapping with one of ${kinds}`);
  onlyKeys(raw, CONDITION_KEYS, path, 'one of ');
  const present = CONDITION_KEYS.filter((key) => key in raw);
  if (present.length !== 1) {
    const found = present.length === 0 ? '' : ` (found ${present.join(' and ')})`;
    fail(`${path} must have exactly one of ${kinds}${found}`);
  }

  const kind = present[0];
  const value = raw[kind];
  switch (kind) {
    case 'always':
      if (value !== true) fail(`${path}.always must be true`);
      return { always: true };
    case 'anyOf': {
      if (!Array.isArray(value) || value.length === 0) {
        fail(`${path}.anyOf must be a non-empty list of conditions`);
      }
      return {
        anyOf: value.map((branch: unknown, i: number) =>
          parseCondition(branch, `${path}.anyOf[${i}]`),
        ),
      };
    }
    case 'elementsAtLevel':
      return {
        elementsAtLevel: parseCount(
          value,
          `${path}.elementsAtLevel`,
          ELEMENT_CODES.length,
          'elements',
        ),
      };
    case 'domainsWithElementAtLevel':
      return {
        domainsWithElementAtLevel: parseCount(
          value,
          `${path}.domainsWithElementAtLevel`,
          CAF_DOMAINS.length,
          'domains',
        ),
      };
    default:
      return fail(`${path} must have exactly one of ${kinds}`);
  }
}

function parseCount(
  raw: unknown,
  path: string,
  max: number,
  things: string,
): { minLevel: ElementLevel; atLeast: number } {
  if (!isRecord(raw)) fail(`${path} must be a mapping with ${COUNT_KEYS.join(', ')}`);
  onlyKeys(raw, COUNT_KEYS, path);
  const minLevel = raw['minLevel'];
  if (!isElementLevel(minLevel)) fail(`${path}.minLevel must be 0, 1, 2 or 3`);
  const atLeast = raw['atLeast'];
  if (typeof atLeast !== 'number' || !Number.isInteger(atLeast) || atLeast < 1) {
    fail(`${path}.atLeast must be a whole number, at least 1`);
  }
  if (atLeast > max) {
    fail(`${path}.atLeast must be at most ${max} (the CAF form has ${max} ${things})`);
  }
  return { minLevel, atLeast };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTier(value: unknown): value is Tier {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

function nonEmptyString(record: Record<string, unknown>, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value.trim() === '') {
    fail(`${path}.${key} must be a non-empty string`);
  }
  return value;
}

function onlyKeys(
  record: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  expectedPrefix = '',
): void {
  const unknown = Object.keys(record).find((key) => !allowed.includes(key));
  if (unknown === undefined) return;
  const where = path === '' ? 'unknown key' : `${path} has unknown key`;
  fail(`${where} ${JSON.stringify(unknown)} (expected ${expectedPrefix}${allowed.join(', ')})`);
}

/** Throws the one-line validation error; descriptions never carry a line break. */
function fail(problem: string): never {
  throw new Error(problem.replace(/\s*[\r\n]+\s*/g, ' '));
}
