import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const HEALTH = '/api/v1/health';

/**
 * Gives each request its id, `request.id` (the caller's `X-Request-Id` when it is a plain token of up to
 * 64 characters, else a new UUID), sent back in `X-Request-Id`, and logs one line when the
 * response is sent: "request completed" (5xx: "request errored") with the id, method, path (no
 * query string: a search can hold a child's name) and status, health checks aside. No bodies,
 * headers or tokens. Cheap by design: no logger per request and no async context, and nothing
 * but the id when the info level is off; an error's own line names its request id
 * (AllExceptionsFilter).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    request.id = id;
    response.setHeader('X-Request-Id', id);
    if (logger.isLevelEnabled('info') && request.url !== HEALTH) {
      const started = performance.now();
      response.once('finish', () => {
        const line = {
          service: 'continuum',
          req: { id, method: request.method, path: request.originalUrl.split('?')[0] },
          res: { statusCode: response.statusCode },
          responseTime: Math.round(performance.now() - started),
        };
        logger.info(line, response.statusCode >= 500 ? 'request errored' : 'request completed');
      });
    }
    next();
  };
}
