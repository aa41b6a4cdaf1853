import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';

function pgError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
}

/** What the filter answers for `exception`: status and body. */
function answer(exception: unknown): { status: number; body: unknown } {
  const sent = { status: 0, body: undefined as unknown };
  const response = {
    headersSent: false,
    status(status: number) {
      sent.status = status;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter: PostgreSQL or Redis unavailable', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it.each([
    ['57P01 terminating connection (restart)', pgError('57P01', 'terminating connection')],
    ['57P02 crash shutdown', pgError('57P02', 'terminating connection due to crash')],
    [
      '57P03 shutting down, raised on connect',
      pgError('57P03', 'the database system is shutting down'),
    ],
    [
      '57P03 starting up, raised on connect',
      pgError('57P03', 'the database system is starting up'),
    ],
    ['08006 connection failure', pgError('08006', 'connection failure')],
    ['53300 too many connections', pgError('53300', 'sorry, too many clients already')],
    [
      '57P01 wrapped by TypeORM',
      new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection')),
    ],
  ])('answers 503 for %s', (_name, error) => {
    expect(answer(error)).toEqual({
      status: 503,
      body: {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database is unavailable; try again shortly',
      },
    });
  });

  it.each([
    ['ECONNREFUSED', socketError('ECONNREFUSED')],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['ETIMEDOUT', socketError('ETIMEDOUT')],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['a pool connection timeout', new Error('timeout exceeded when trying to connect')],
  ])('answers 503 for %s', (_name, error) => {
    const { status, body } = answer(error);
    expect(status).toBe(503);
    expect(body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  });

  it('still answers a bare 500 for an unexpected error, and 409 for a unique violation', () => {
    expect(answer(new TypeError('x is undefined')).status).toBe(500);
    expect(answer(pgError('42P01', 'relation does not exist')).status).toBe(500);
    expect(
      answer(new QueryFailedError('INSERT', [], pgError('23505', 'duplicate key'))).status,
    ).toBe(409);
  });
});
