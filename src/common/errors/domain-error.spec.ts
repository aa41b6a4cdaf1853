import { DomainError, ERROR_STATUS, type ErrorCode, notFound, staleVersion } from './domain-error';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe('ERROR_STATUS', () => {
  it.each(CODES)('maps %s to a client or server error status', (code) => {
    const status = ERROR_STATUS[code];
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThanOrEqual(599);
  });

  it.each<[ErrorCode, number]>([
    ['VALIDATION_FAILED', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['VERSION_CONFLICT', 409],
    ['ALREADY_EXISTS', 409],
    ['IDEMPOTENCY_REQUEST_IN_PROGRESS', 409],
    ['LAST_ACTIVE_ADMIN', 409],
    ['IDEMPOTENCY_KEY_REUSED', 422],
    ['UNKNOWN_REFERENCE', 422],
    ['SERVICE_UNAVAILABLE', 503],
  ])('answers %s with %i', (code, status) => {
    expect(ERROR_STATUS[code]).toBe(status);
  });
});

describe('DomainError', () => {
  it.each(CODES)('with the code %s has the status from the table', (code) => {
    const error = new DomainError(code, 'refused');
    expect(error.code).toBe(code);
    expect(error.status).toBe(ERROR_STATUS[code]);
  });

  it('is an Error named DomainError carrying its message', () => {
    const error = new DomainError('FORBIDDEN', 'only a locality manager may close a CAF');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.message).toBe('only a locality manager may close a CAF');
  });

  it.each([
    ['CAF', 'CAF not found'],
    ['Child', 'Child not found'],
    ['Referral', 'Referral not found'],
  ])('notFound(%j) is a 404 saying %j', (what, message) => {
    const error = notFound(what);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.status).toBe(404);
    expect(error.message).toBe(message);
  });

  it.each([
    ['CAF', 'CAF was changed by someone else (stale version); reload it and try again'],
    ['User', 'User was changed by someone else (stale version); reload it and try again'],
  ])('staleVersion(%j) is a 409 saying %j', (what, message) => {
    const error = staleVersion(what);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.status).toBe(409);
    expect(error.message).toBe(message);
  });
});
