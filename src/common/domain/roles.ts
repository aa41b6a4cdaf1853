/** Global roles (docs/domain.md#access). */
export const ROLES = [
  'practitioner',
  'locality_manager',
  'social_care',
  'performance_manager',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ALL_ROLES: Role[] = [...ROLES];
