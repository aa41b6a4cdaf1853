import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Where the web app's fingerprinted, long-cached files live (see set-up-static-resources.ts). */
export const ASSETS_PREFIX = '/assets';

/**
 * The JSON API (and its OpenAPI pages) under /api and /docs; everything else is the web app.
 * The API keeps bearer tokens and JSON errors: no session, cookie or CSRF token ever reaches it.
 */
export function isApiPath(path: string): boolean {
  return /^\/(api|docs)(\/|-|$)/.test(path);
}

export function isAssetPath(path: string): boolean {
  return path.startsWith(`${ASSETS_PREFIX}/`);
}

/** A middleware run only for the web app's pages (not the API, not the static files). */
export function onPages(handler: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (isApiPath(request.path) || isAssetPath(request.path)) {
      next();
      return;
    }
    void handler(request, response, next);
  };
}

/** A middleware run for everything but the API: pages and their static files. */
export function onWeb(handler: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (isApiPath(request.path)) {
      next();
      return;
    }
    void handler(request, response, next);
  };
}
