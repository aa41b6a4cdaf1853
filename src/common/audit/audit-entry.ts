/** Who an audit row names: the user, the request and where it came from. */
export interface AuditActor {
  id: string | null;
  requestId: string;
  ip: string | null;
}

export interface AuditEntry {
  /** What happened, `<thing>.<verb>`: `child.read`, `user.created`, `auth.login_failed`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  childId?: string | null;
  /** What changed or was asked for: field names and ids, never child details or secrets. */
  details?: Record<string, unknown>;
}
