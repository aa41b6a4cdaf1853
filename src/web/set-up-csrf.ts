import { csrfSync } from 'csrf-sync';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** The hidden field every form carries (the `csrfField()` macro in views/partials/forms.njk). */
export const CSRF_FIELD = '_csrf';

/**
 * csrf-sync's synchroniser token: one random token kept in the session, which every form
 * posts back in `_csrf`. The check itself is WebSessionGuard's (so that a forged POST is
 * answered 403 by the error pages, before any handler runs).
 */
export const csrf = csrfSync({
  getTokenFromRequest: (request: Request) => {
    const body = request.body as Record<string, unknown> | undefined;
    const token = body?.[CSRF_FIELD];
    return typeof token === 'string' ? token : undefined;
  },
});

/** Whether a state-changing request carries the session's token. */
export function csrfTokenIsValid(request: Request): boolean {
  // csrf-sync compares with the session's token; no session (or no token in it) is never valid.
  return request.session !== undefined && csrf.isRequestValid(request);
}

/**
 * Gives templates `csrfToken`, made (and kept in the session) only when a page renders a form:
 * a page without a form creates no session for a visitor who is not signed in.
 */
export function setUpCsrf(): Router {
  const router = express.Router();
  router.use((request: Request, response: Response, next: NextFunction) => {
    let token: string | undefined;
    Object.defineProperty(response.locals, 'csrfToken', {
      enumerable: true,
      get: () => (token ??= csrf.generateToken(request)),
    });
    next();
  });
  return router;
}
