import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';

/**
 * Security headers for the pages: a Content-Security-Policy with a fresh nonce per request
 * (`res.locals.cspNonce`): scripts run only when they carry it, styles come from this origin
 * or carry it, nothing loads from another origin, no framing, forms post only here. No
 * `upgrade-insecure-requests`: it would send the page's own files to https:// when the
 * service is reached over plain http on a local network.
 */
export function setUpWebSecurity(): Router {
  const router = express.Router();
  router.use((_request: Request, response: Response, next: NextFunction) => {
    response.locals.cspNonce = randomBytes(16).toString('base64url');
    // Pages hold case records: never kept by the browser or a proxy.
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  const nonce = (_request: unknown, response: unknown): string =>
    `'nonce-${String((response as Response).locals.cspNonce)}'`;
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [nonce],
          styleSrc: ["'self'", nonce],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          manifestSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  return router;
}
