import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Settings } from '../config/settings';
import { setUpCsrf } from './set-up-csrf';
import { setUpNunjucks } from './set-up-nunjucks';
import { setUpStaticResources } from './set-up-static-resources';
import { setUpWebSecurity } from './set-up-web-security';
import { setUpWebSession, WebSessionStore } from './set-up-web-session';
import { onPages, onWeb } from './web-paths';

/** Forms post `application/x-www-form-urlencoded`; no page takes more. */
export const FORM_BODY_LIMIT = '100kb';

/**
 * The web app's shell, in the order a page request meets it: static files (compressed,
 * fingerprinted), security headers with the CSP nonce, the session, the form body, the CSRF
 * token and the flash message for templates, and Nunjucks. None of it reaches the API under
 * /api/v1, which keeps bearer tokens and JSON errors.
 */
export function setUpWebApp(app: NestExpressApplication, settings: Settings): void {
  app.use(onWeb(setUpStaticResources()));
  app.use(onPages(setUpWebSecurity()));
  app.use(onPages(setUpWebSession(settings, app.get(WebSessionStore))));
  app.use(onPages(express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT })));
  app.use(onPages(setUpCsrf()));
  app.use(onPages(takeFlash));
  setUpNunjucks(app, settings.env.nodeEnv === 'development');
}

/** The message a POST left for the next page (post/redirect/get), shown once. */
function takeFlash(request: Request, response: Response, next: NextFunction): void {
  const flash = request.session?.flash;
  if (flash) {
    response.locals.flash = flash;
    delete request.session.flash;
  }
  next();
}
