/** The three domains of the national CAF form (the pre-assessment checklist names them). */
export const CAF_DOMAINS = [
  'development_of_the_child',
  'parents_and_carers',
  'family_and_environment',
] as const;
export type CafDomain = (typeof CAF_DOMAINS)[number];
