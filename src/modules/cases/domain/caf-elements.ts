/**
 * The national Common Assessment Framework (CAF) form (docs/domain.md#the-caf): three
 * domains and their nineteen elements, in the order the form lists them.
 * Each element is assessed at a level from 0 to 3.
 */

/** Every element code, domain by domain, in form order. */
export const ELEMENT_CODES = [
  // 1. Development of the child
  'general_health',
  'physical_development',
  'speech_language_communication',
  'emotional_social_development',
  'behavioural_development',
  'identity_self_image',
  'family_social_relationships',
  'self_care_skills',
  'understanding_reasoning_problem_solving',
  'participation_in_learning_education_employment',
  'progress_achievement_in_learning',
  'aspirations',
  // 2. Parents and carers
  'basic_care_safety_protection',
  'emotional_warmth_stability',
  'guidance_boundaries_stimulation',
  // 3. Family and environmental factors
  'family_history_functioning_wellbeing',
  'wider_family',
  'housing_employment_financial',
  'social_community_resources',
] as const;

export type ElementCode = (typeof ELEMENT_CODES)[number];

export const DOMAIN_CODES = [
  'development_of_the_child',
  'parents_and_carers',
  'family_and_environmental_factors',
] as const;

export type DomainCode = (typeof DOMAIN_CODES)[number];

export interface CafDomain {
  readonly code: DomainCode;
  readonly title: string;
  readonly elements: readonly ElementCode[];
}

function domain(code: DomainCode, title: string, elements: readonly ElementCode[]): CafDomain {
  return Object.freeze({ code, title, elements: Object.freeze([...elements]) });
}

/** The three domains of the form, in order, each with its elements in form order. */
export const CAF_DOMAINS: readonly CafDomain[] = Object.freeze([
  domain('development_of_the_child', 'Development of the child', ELEMENT_CODES.slice(0, 12)),
  domain('parents_and_carers', 'Parents and carers', ELEMENT_CODES.slice(12, 15)),
  domain(
    'family_and_environmental_factors',
    'Family and environmental factors',
    ELEMENT_CODES.slice(15, 19),
  ),
]);

const DOMAIN_BY_ELEMENT: ReadonlyMap<string, DomainCode> = new Map(
  CAF_DOMAINS.flatMap((d) => d.elements.map((element) => [element, d.code] as const)),
);

const FORM_POSITION: ReadonlyMap<string, number> = new Map(
  ELEMENT_CODES.map((code, index) => [code, index] as const),
);

/** The domain an element belongs to. */
export function domainOf(code: ElementCode): DomainCode {
  const found = DOMAIN_BY_ELEMENT.get(code);
  if (found === undefined) throw new Error(`unknown CAF element "${String(code)}"`);
  return found;
}

/** Whether a value (say, from a request body) is one of the nineteen element codes. */
export function isElementCode(value: unknown): value is ElementCode {
  return typeof value === 'string' && FORM_POSITION.has(value);
}

/** Orders element codes as the form lists them (for Array.prototype.sort). */
export function compareInFormOrder(a: ElementCode, b: ElementCode): number {
  return (FORM_POSITION.get(a) ?? 0) - (FORM_POSITION.get(b) ?? 0);
}

/**
 * The level of an element:
 * 0 = strength / no additional need,
 * 1 = additional need,
 * 2 = complex need,
 * 3 = acute need or safeguarding concern.
 */
export const ELEMENT_LEVELS = [0, 1, 2, 3] as const;

export type ElementLevel = (typeof ELEMENT_LEVELS)[number];

export function isElementLevel(value: unknown): value is ElementLevel {
  return (ELEMENT_LEVELS as readonly unknown[]).includes(value);
}
