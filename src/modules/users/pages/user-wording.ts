import type { Role } from '../../../common/domain/roles';

/** Each role as an admin reads it. */
export const ROLE_LABELS: Record<Role, string> = {
  practitioner: 'Practitioner',
  locality_manager: 'Locality manager',
  social_care: 'Social care worker',
  performance_manager: 'Performance manager',
  admin: 'Admin',
};
