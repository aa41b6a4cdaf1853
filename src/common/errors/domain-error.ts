/**
 * Every rule a service can refuse on, and the HTTP status it maps to. Features add their
 * codes here so that the one exception filter knows them all.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  ALREADY_EXISTS: 409,
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 409,
  LAST_ACTIVE_ADMIN: 409,
  INVALID_STATE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNKNOWN_REFERENCE: 422,
  RULE_VIOLATED: 422,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A refusal by a rule. The message is shown to the caller: it never carries child data. */
export class DomainError extends Error {
  override name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} not found`);
}

export function staleVersion(what: string): DomainError {
  return new DomainError(
    'VERSION_CONFLICT',
    `${what} was changed by someone else (stale version); reload it and try again`,
  );
}
