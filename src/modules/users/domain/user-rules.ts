import type { Role } from '../../../common/domain/roles';

/** Roles whose work is tied to localities must belong to at least one (docs/domain.md#access). */
export const ROLES_NEEDING_LOCALITY: readonly Role[] = [
  'practitioner',
  'locality_manager',
  'social_care',
];

export function needsLocality(role: Role): boolean {
  return ROLES_NEEDING_LOCALITY.includes(role);
}

/** Emails are unique case-insensitively; we keep them in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Whether a change would leave the authority with no active admin, which would lock
 * everyone out of user management.
 */
export function removesLastActiveAdmin(
  before: { role: Role; active: boolean },
  after: { role: Role; active: boolean },
  otherActiveAdmins: number,
): boolean {
  const wasAdmin = before.role === 'admin' && before.active;
  const staysAdmin = after.role === 'admin' && after.active;
  return wasAdmin && !staysAdmin && otherActiveAdmins === 0;
}
