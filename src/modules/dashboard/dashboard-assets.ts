import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';

/** The page's own files, kept as sources (no build step), found from src/ and dist/src/ alike. */
export const DASHBOARD_PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'modules', 'dashboard', 'public');

// chart.js exports no subpath for its browser build; it sits beside the CommonJS entry.
const CHART_JS_DIST = dirname(require.resolve('chart.js'));

export interface DashboardAsset {
  file: string;
  contentType: string;
}

/** Everything /dashboard serves: a fixed list, so no request path ever reaches the file system. */
export const DASHBOARD_ASSETS = {
  page: { file: join(DASHBOARD_PUBLIC_DIR, 'index.html'), contentType: 'text/html; charset=utf-8' },
  script: {
    file: join(DASHBOARD_PUBLIC_DIR, 'app.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  session: {
    file: join(DASHBOARD_PUBLIC_DIR, 'session.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  styles: { file: join(DASHBOARD_PUBLIC_DIR, 'app.css'), contentType: 'text/css; charset=utf-8' },
  reportPage: {
    file: join(DASHBOARD_PUBLIC_DIR, 'report.html'),
    contentType: 'text/html; charset=utf-8',
  },
  reportScript: {
    file: join(DASHBOARD_PUBLIC_DIR, 'report.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  reportStyles: {
    file: join(DASHBOARD_PUBLIC_DIR, 'report.css'),
    contentType: 'text/css; charset=utf-8',
  },
  chartJs: {
    file: join(CHART_JS_DIST, 'chart.umd.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  chartJsSourceMap: {
    file: join(CHART_JS_DIST, 'chart.umd.js.map'),
    contentType: 'application/json; charset=utf-8',
  },
} satisfies Record<string, DashboardAsset>;

/**
 * The page's policy, stricter than the API's default: only this origin, no inline script or
 * style, no framing, and no `upgrade-insecure-requests`, which would send the page's own
 * scripts to https:// when the service is reached over plain http on a local network.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
