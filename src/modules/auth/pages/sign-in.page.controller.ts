import { Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, Public, RequestWithUser } from '../../../common/auth/access.decorators';
import { Clock } from '../../../common/clock/clock';
import { FormErrors } from '../../../web/forms/form-errors';
import { PageController } from '../../../web/page-controller';
import { endSession, saveSession } from '../../../web/session/web-session.guard';
import { safeReturnPath } from '../../../web/session/sign-in-required';
import { ALL_ROLES } from '../../users/domain/roles';
import { APP_PASSPORT, AppPassport, authenticate } from '../app-passport';
import type { SignedIn } from '../auth.service';
import { LOCAL_STRATEGY } from '../local.strategy';
import { LoginThrottlerGuard } from '../login-throttler.guard';

/** One message whichever of the two was wrong, so an email's existence never shows (docs/domain.md#access). */
export const SIGN_IN_FAILED = 'Enter a correct email address and password';

const SIGNED_OUT_BECAUSE = {
  idle: 'You were signed out because you had not done anything for a while. Sign in again to continue.',
  absolute:
    'You were signed out because you had been signed in for 12 hours. Sign in again to continue.',
} as const;

/** `GET /sign-in`, `POST /sign-in` and `POST /sign-out` (the button in every page's header). */
@PageController()
export class SignInPageController {
  constructor(
    @Inject(APP_PASSPORT) private readonly passport: AppPassport,
    private readonly clock: Clock,
  ) {}

  @Get('sign-in')
  @Public()
  show(@Req() request: RequestWithUser, @Res() response: Response): void {
    if (request.user) {
      response.redirect(303, '/');
      return;
    }
    const reason = request.session.signedOutReason;
    if (reason) delete request.session.signedOutReason;
    response.render('sign-in', {
      errors: new FormErrors(),
      values: {},
      notice: reason ? SIGNED_OUT_BECAUSE[reason] : undefined,
    });
  }

  @Post('sign-in')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  async signIn(@Req() request: Request, @Res() response: Response): Promise<void> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const errors = new FormErrors();
    if (email === '') errors.add('email', 'Enter your email address');
    if (password === '') errors.add('password', 'Enter your password');
    let refused = false;
    if (!errors.any) {
      const { user } = await authenticate<SignedIn>(
        this.passport,
        LOCAL_STRATEGY,
        request,
        response,
      );
      if (user) {
        await this.startSession(request, user);
        const path = this.returnPath(request);
        await saveSession(request);
        response.redirect(303, path);
        return;
      }
      errors.add('email', SIGN_IN_FAILED);
      refused = true;
    }
    // The password is never shown again; the email is.
    response.status(refused ? 401 : 400);
    response.render('sign-in', { errors, values: { email } });
  }

  @Post('sign-out')
  @Access(...ALL_ROLES)
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    await endSession(request);
    response.redirect(303, '/sign-in');
  }

  /** A new session id at sign-in (no fixation), holding only who signed in and when. */
  private async startSession(request: Request, user: SignedIn): Promise<void> {
    const returnTo = safeReturnPath(request.session.returnTo);
    await endSession(request);
    const now = this.clock.now().getTime();
    request.session.user = { ...user, signedInAt: now, lastSeenAt: now };
    request.session.returnTo = returnTo;
  }

  private returnPath(request: Request): string {
    const path = safeReturnPath(request.session.returnTo) ?? '/';
    delete request.session.returnTo;
    return path;
  }
}
