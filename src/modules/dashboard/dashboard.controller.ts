import { Controller, Get, Logger, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/auth/access.decorators';
import { errorBody } from '../../common/errors/error-response';
import { DASHBOARD_ASSETS, DashboardAsset } from './dashboard-assets';

/**
 * The dashboard's scripts, styles and chart library (docs/domain.md#indicators): public, as
 * they hold no data. The pages themselves are DashboardPageController's, behind the session.
 */
@ApiExcludeController()
@Public()
@Controller({ path: 'dashboard', version: VERSION_NEUTRAL })
export class DashboardController {
  @Get('app.js')
  script(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.script);
  }

  @Get('session.js')
  sessionScript(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.session);
  }

  @Get('app.css')
  styles(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.styles);
  }

  @Get('report.js')
  reportScript(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.reportScript);
  }

  @Get('report.css')
  reportStyles(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.reportStyles);
  }

  @Get('vendor/chart.umd.js')
  chartJs(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.chartJs);
  }

  @Get('vendor/chart.umd.js.map')
  chartJsSourceMap(@Res() response: Response): void {
    sendDashboardAsset(response, DASHBOARD_ASSETS.chartJsSourceMap);
  }
}

const logger = new Logger('Dashboard');

/**
 * Revalidated on every load (ETag and Last-Modified make that a 304), so a deployment is seen
 * at once and the page never runs a script from another version.
 */
export function sendDashboardAsset(response: Response, asset: DashboardAsset): void {
  response.sendFile(
    asset.file,
    { headers: { 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' } },
    (error?: Error) => {
      // After the headers, the error is the client going away; before, a file is missing.
      if (!error || response.headersSent) return;
      logger.error(`Cannot serve ${asset.file}: ${error.message}`);
      response.status(500).json(errorBody(500, 'The dashboard is not installed correctly'));
    },
  );
}
