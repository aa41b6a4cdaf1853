import type { Role } from '../domain/roles';

/** The signed-in user, reloaded for every request (docs/domain.md#signed-in-user-cache). */
export interface AuthUser {
  id: string;
  role: Role;
  agencyId: string;
  localityIds: string[];
  managerUserId: string | null;
}

/** Who is acting and from which request: what services need for rules and audit rows. */
export interface Actor extends AuthUser {
  requestId: string;
  ip: string | null;
}
