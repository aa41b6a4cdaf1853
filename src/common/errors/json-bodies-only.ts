import type { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-response';

/** `application/json`, or a JSON-based type such as `application/merge-patch+json`. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const CSV_TYPE = /^text\/csv\s*(;|$)/i;

/** The one route that reads a CSV body: entered plan figures (docs/domain.md#entered-indicators). */
const CSV_ROUTES = new Set(['POST /plans/current/values']);

/**
 * The API reads JSON bodies only (docs/domain.md#bad-input). A body sent as another type (a
 * form, plain text, or no Content-Type at all) is answered 415 saying so, rather than read as
 * an empty object and answered with the wrong complaint about its fields. A request without a
 * body (no Content-Length, or 0, and no Transfer-Encoding) passes whatever its type.
 */
export function jsonBodiesOnly(req: Request, res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  const type = req.headers['content-type'];
  const csv =
    CSV_ROUTES.has(`${req.method} ${req.path}`) && type !== undefined && CSV_TYPE.test(type);
  if (hasBody && !csv && (type === undefined || !JSON_TYPE.test(type))) {
    res
      .status(415)
      .json(
        errorBody(
          415,
          'The request body must be JSON: send it with the header Content-Type: application/json',
        ),
      );
    return;
  }
  next();
}
