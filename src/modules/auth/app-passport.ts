import passport from 'passport';
import type { Request, Response } from 'express';

/**
 * This application's own Passport. Passport's default export is one registry for the whole
 * process, so a second application in the same process (the tests start several) would replace
 * the first one's strategies, with their keys and databases. Each app gets its own
 * Authenticator, its strategies register on it, and its guards authenticate through it.
 */
export const APP_PASSPORT = Symbol('AppPassport');
export type AppPassport = passport.Authenticator;

export function createAppPassport(): AppPassport {
  return new passport.Authenticator();
}

/**
 * Strategies made with @nestjs/passport's PassportStrategy register themselves on whatever
 * `getPassportInstance()` answers; ours answer this registry, which nothing reads, and then
 * register on the app's own (see the strategies' constructors).
 */
export const UNUSED_PROCESS_PASSPORT = new passport.Authenticator();

export interface Authenticated<T> {
  user: T | false;
  info: unknown;
}

/** Runs one strategy of the app's Passport on a request, without Passport's own sessions. */
export function authenticate<T>(
  appPassport: AppPassport,
  strategy: string,
  request: Request,
  response: Response,
): Promise<Authenticated<T>> {
  return new Promise((resolve, reject) => {
    const middleware = appPassport.authenticate(
      strategy,
      { session: false },
      (error: unknown, user: T | false | undefined, info: unknown) => {
        if (error) reject(asError(error));
        else resolve({ user: user ?? false, info });
      },
    ) as (req: Request, res: Response, next: (error?: unknown) => void) => void;
    middleware(request, response, (error?: unknown) =>
      error ? reject(asError(error)) : resolve({ user: false, info: undefined }),
    );
  });
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error('Passport failed without an Error');
}
