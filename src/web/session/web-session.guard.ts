import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PUBLIC_KEY, RequestWithUser, WEB_PAGE_KEY } from '../../common/auth/access.decorators';
import { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';
import { Settings } from '../../config/settings';
import { AccessTokens } from '../../modules/auth/access-tokens';
import { csrfTokenIsValid } from '../set-up-csrf';
import { SignInRequired, safeReturnPath } from './sign-in-required';
import { LAST_SEEN_RESOLUTION_MS, SESSION_ABSOLUTE_LIMIT_MS } from './web-session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Signs page requests in from their session (API routes are JwtAuthGuard's):
 * - a session idle longer than SESSION_IDLE_MINUTES, or older than 12 hours, ends;
 * - the user is reloaded on every page, so deactivation or a new password signs them out;
 * - a page other than sign-in needs a session, else a redirect to /sign-in (and back after);
 * - every POST must carry the session's CSRF token, else 403 before any handler runs.
 */
@Injectable()
export class WebSessionGuard implements CanActivate {
  private readonly idleMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    settings: Settings,
  ) {
    this.idleMs = settings.env.sessionIdleMinutes * 60 * 1000;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(WEB_PAGE_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<RequestWithUser>();
    const response = http.getResponse<Response>();

    await this.signIn(request, response);
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    if (!request.user && !isPublic) {
      if (request.method === 'GET' && request.session) {
        request.session.returnTo = safeReturnPath(request.originalUrl);
      }
      throw new SignInRequired();
    }
    if (!SAFE_METHODS.has(request.method) && !csrfTokenIsValid(request)) {
      throw new DomainError('FORBIDDEN', 'The form was not sent from this service');
    }
    return true;
  }

  /** Sets request.user (and the layout's user) from a live session; ends a stale one. */
  private async signIn(request: RequestWithUser, response: Response): Promise<void> {
    const session = request.session;
    const signedIn = session?.user;
    if (!session || !signedIn) return;
    const now = this.clock.now().getTime();
    const expired =
      now - signedIn.lastSeenAt > this.idleMs
        ? 'idle'
        : now - signedIn.signedInAt > SESSION_ABSOLUTE_LIMIT_MS
          ? 'absolute'
          : undefined;
    const user = expired ? undefined : await this.tokens.user(signedIn.id, signedIn.tokenVersion);
    if (!user) {
      await endSession(request);
      // A fresh, empty session, to say on the sign-in page why they were signed out.
      if (expired && request.session) request.session.signedOutReason = expired;
      return;
    }
    if (now - signedIn.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) signedIn.lastSeenAt = now;
    request.user = user;
    response.locals.user = { id: user.id, role: user.role, displayName: signedIn.displayName };
  }
}

/** Ends the request's session: its row is deleted, and a new, empty one takes its place. */
export function endSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    request.session.regenerate((error?: unknown) =>
      error
        ? reject(error instanceof Error ? error : new Error('The session could not be ended'))
        : resolve(),
    ),
  );
}

/**
 * Writes the session now. Before a redirect this matters: express-session sends the response's
 * headers before its own save finishes, and a browser follows a 303 on its headers, so the next
 * page could be asked for before the session that the redirect relies on is in the store.
 */
export function saveSession(request: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    request.session.save((error?: unknown) =>
      error
        ? reject(error instanceof Error ? error : new Error('The session could not be saved'))
        : resolve(),
    ),
  );
}
