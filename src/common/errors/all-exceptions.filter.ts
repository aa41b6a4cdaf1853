import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { errorBody } from './error-response';
import { renderErrorPage } from '../../web/error-pages';
import { SignInRequired } from '../../web/session/sign-in-required';
import { isApiPath } from '../../web/web-paths';

const UNAVAILABLE_PATTERNS = [
  /ECONNREFUSED/,
  /ECONNRESET/,
  /Connection terminated/,
  /connection timeout/i,
  // pg-pool: every connection busy for connectionTimeoutMillis (overloaded).
  /timeout exceeded when trying to connect/,
  /ETIMEDOUT/,
];

/** Socket errors from reaching PostgreSQL or Redis (Node's `code`). */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
]);

/**
 * PostgreSQL being away, restarting or overloaded: the server is shutting down or starting up
 * (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), a connection
 * exception (class 08), or too many connections (53300). Nothing the caller did: retry later.
 */
function isDatabaseUnavailable(code: string): boolean {
  return (
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300' ||
    code.startsWith('08')
  );
}

/** The SQLSTATE or socket code of an error, whether TypeORM wrapped it or pg threw it (on connect). */
function codeOf(error: unknown): string {
  const source = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (source as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}

/** PostgreSQL errors that reach us despite validation, mapped to what the caller did. */
function fromDatabase(error: QueryFailedError<Error>): [number, string] | undefined {
  const code = codeOf(error);
  if (code === '23505') return [409, 'A record with the same unique value already exists'];
  if (code === '23503') return [422, 'The request refers to a record that does not exist'];
  if (code.startsWith('22')) return [400, 'A value in the request is not valid'];
  return undefined;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Maps every error to `{statusCode, error, message}` on the API, and to the error pages on the
 * web app (a page that needs a session redirects to /sign-in). Unexpected errors are logged
 * with their stack (never the request body) and answered with a bare 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    // A host without a request (some callers of the filter pass a response only) is the API's.
    const request = (http.getRequest as (() => Request | undefined) | undefined)?.();
    const page = request !== undefined && !isApiPath(request.path);
    if (page && exception instanceof SignInRequired) {
      // The page to come back to is in the session: saved before the redirect is sent.
      const redirect = (): void => {
        if (!response.headersSent) response.redirect(303, '/sign-in');
      };
      if (request.session) request.session.save(redirect);
      else redirect();
      return;
    }
    const [status, message] = this.describe(exception, request?.id);
    if (response.headersSent) return;
    if (page) renderErrorPage(request, response, status, message);
    else response.status(status).json(errorBody(status, message));
  }

  private describe(exception: unknown, requestId: unknown): [number, string] {
    if (exception instanceof DomainError) return [exception.status, exception.message];
    if (exception instanceof HttpException) return [exception.getStatus(), messageOf(exception)];
    const code = codeOf(exception);
    if (isDatabaseUnavailable(code)) {
      return [503, 'The database is unavailable; try again shortly'];
    }
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabase(exception as QueryFailedError<Error>);
      if (mapped) return mapped;
    }
    if (
      UNAVAILABLE_SOCKET_CODES.has(code) ||
      (exception instanceof Error && UNAVAILABLE_PATTERNS.some((p) => p.test(exception.message)))
    ) {
      return [503, 'A backing service is unavailable; try again shortly'];
    }
    this.logger.error(
      { req: { id: requestId } },
      exception instanceof Error ? (exception.stack ?? exception.message) : 'Non-error thrown',
    );
    return [500, 'Internal server error'];
  }
}
