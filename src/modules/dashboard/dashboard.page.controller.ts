import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, Public, RequestWithUser } from '../../common/auth/access.decorators';
import { errorBody } from '../../common/errors/error-response';
import { PageController } from '../../web/page-controller';
import { ALL_ROLES } from '../users/domain/roles';
import { AuthService } from '../auth/auth.service';
import { DASHBOARD_ASSETS, DASHBOARD_CSP } from './dashboard-assets';
import { sendDashboardAsset } from './dashboard.controller';

/** The header the dashboard's scripts send for their token: a cross-site page cannot send it. */
export const DASHBOARD_TOKEN_HEADER = 'x-continuum-dashboard';

/**
 * The managers' dashboard and its printable report, behind the web app's session: a visitor
 * who is not signed in goes to /sign-in and comes back, with no second sign-in. The pages'
 * scripts read the indicators through the API, with a bearer token made from the session
 * (`GET /dashboard/session`); the API's access rules decide what each role sees.
 */
@PageController('dashboard')
export class DashboardPageController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Access(...ALL_ROLES)
  page(@Res() response: Response): void {
    response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    sendDashboardAsset(response, DASHBOARD_ASSETS.page);
  }

  /** The plan report: every indicator of a quarter as a board paper, printable on A4. */
  @Get('report')
  @Access(...ALL_ROLES)
  reportPage(@Res() response: Response): void {
    response.setHeader('Content-Security-Policy', DASHBOARD_CSP);
    sendDashboardAsset(response, DASHBOARD_ASSETS.reportPage);
  }

  /**
   * The signed-in user's API token, and the session's CSRF token for signing out. JSON, never
   * stored; 401 without a live session (the script then reloads the page, which signs in).
   */
  @Get('session')
  @Public()
  async session(@Req() request: RequestWithUser, @Res() response: Response): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    const signedIn = request.session?.user;
    if (request.get(DASHBOARD_TOKEN_HEADER) !== '1') {
      response.status(400).json(errorBody(400, `The ${DASHBOARD_TOKEN_HEADER} header is required`));
      return;
    }
    if (!request.user || !signedIn) {
      response.status(401).json(errorBody(401, 'Sign in to see the dashboard'));
      return;
    }
    const token = await this.auth.tokenFor(signedIn);
    response.json({ ...token, csrfToken: csrfTokenOf(response) });
  }
}

function csrfTokenOf(response: Response): string {
  return String((response.locals as { csrfToken?: unknown }).csrfToken);
}
