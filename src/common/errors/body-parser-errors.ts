import type { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-response';

/** Express error middleware for the JSON body parser: malformed JSON → 400, too large → 413. */
export function bodyParserErrors(
  error: { type?: string; status?: number; limit?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (error.type === 'entity.too.large') {
    res
      .status(413)
      .json(errorBody(413, `Request body is larger than the limit of ${error.limit} bytes`));
  } else if (error.type === 'entity.parse.failed') {
    res.status(400).json(errorBody(400, 'Request body is not valid JSON'));
  } else if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    res.status(415).json(errorBody(415, 'Request body encoding is not supported'));
  } else if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    res.status(error.status).json(errorBody(error.status, 'Request body could not be read'));
  } else {
    next(error);
  }
}
