import compression from 'compression';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PROJECT_ROOT } from '../config/project-root';
import { ASSETS_PREFIX } from './web-paths';

const GOVUK_DIST = join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const MOJ_DIST = join(PROJECT_ROOT, 'node_modules', '@ministryofjustice', 'frontend', 'moj');
/** The web app's own script and styles, served as they are (no build step). */
export const WEB_PUBLIC_DIR = join(PROJECT_ROOT, 'src', 'web', 'public');

/** Files a page may load; anything else under the asset folders (Sass, templates) is not served. */
const SERVED_TYPES = new Set([
  '.css',
  '.js',
  '.mjs',
  '.map',
  '.woff',
  '.woff2',
  '.svg',
  '.png',
  '.ico',
  '.json',
]);

/** The style sheets, whose url(/assets/…) references are pointed at the fingerprinted folder. */
const STYLE_SHEETS = {
  'govuk-frontend.min.css': join(GOVUK_DIST, 'govuk-frontend.min.css'),
  'moj-frontend.min.css': join(MOJ_DIST, 'moj-frontend.min.css'),
} as const;

const OWN_FILES = ['app.css', 'app.mjs'];

/**
 * One fingerprint for every file the pages load: the two packages' versions and our own files'
 * content. A deployment that changes any of them changes every URL, so the files can be cached
 * for a year (`immutable`) and a page never mixes files of two versions.
 */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const pkg of [join(GOVUK_DIST, '..', '..'), join(MOJ_DIST, '..')]) {
    hash.update(readFileSync(join(pkg, 'package.json')));
  }
  for (const file of OWN_FILES) hash.update(readFileSync(join(WEB_PUBLIC_DIR, file)));
  return hash.digest('hex').slice(0, 12);
}

export const ASSET_FINGERPRINT = fingerprint();
/** What templates use as `assetPath`: `/assets/<fingerprint>`. */
export const ASSET_PATH = `${ASSETS_PREFIX}/${ASSET_FINGERPRINT}`;

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * GOV.UK Frontend's and MOJ Frontend's compiled files, fonts and images, straight from
 * node_modules (no CDN, nothing from another origin), and the pages' own script and styles,
 * all under `/assets/<fingerprint>/`, compressed, and cached for a year. Pages are compressed too.
 */
export function setUpStaticResources(): Router {
  const router = express.Router();
  router.use(compression());

  const styleSheets = new Map<string, Buffer>();
  for (const [name, file] of Object.entries(STYLE_SHEETS)) {
    const css = readFileSync(file, 'utf8').replaceAll('url(/assets/', `url(${ASSET_PATH}/`);
    styleSheets.set(`/${name}`, Buffer.from(css, 'utf8'));
  }

  const cacheForever = (response: Response): void => {
    response.setHeader('Cache-Control', `public, max-age=${YEAR_SECONDS}, immutable`);
  };
  const options = {
    index: false,
    fallthrough: true,
    dotfiles: 'ignore' as const,
    setHeaders: cacheForever,
  };

  const assets = express.Router();
  assets.use((request: Request, response: Response, next: NextFunction) => {
    if (!SERVED_TYPES.has(extname(request.path))) {
      response.status(404).type('text/plain').send('Not found');
      return;
    }
    const css = styleSheets.get(request.path);
    if (!css) {
      next();
      return;
    }
    cacheForever(response);
    response.type('text/css').send(css);
  });
  assets.use(express.static(WEB_PUBLIC_DIR, options));
  assets.use(express.static(GOVUK_DIST, options));
  assets.use(express.static(join(GOVUK_DIST, 'assets'), options));
  assets.use(express.static(MOJ_DIST, options));
  assets.use(express.static(join(MOJ_DIST, 'assets'), options));
  // An old fingerprint, or a file that is not there: a plain 404, never a page.
  assets.use((_request: Request, response: Response) => {
    response.status(404).type('text/plain').send('Not found');
  });
  router.use(ASSET_PATH, assets);
  router.use(ASSETS_PREFIX, (_request: Request, response: Response) => {
    response.status(404).type('text/plain').send('Not found');
  });
  return router;
}
