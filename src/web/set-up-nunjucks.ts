import type { NestExpressApplication } from '@nestjs/platform-express';
import nunjucks from 'nunjucks';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../config/project-root';
import { ASSET_PATH } from './set-up-static-resources';
import { formatDate, formatDateTime } from './view-filters';
import { navigationFor } from './navigation';

export const SERVICE_NAME = 'Continuum';
/** The shell's own views: the layout, partials and the error pages. */
export const WEB_VIEWS_DIR = join(PROJECT_ROOT, 'src', 'web', 'views');
const MODULES_DIR = join(PROJECT_ROOT, 'src', 'modules');
const DESIGN_SYSTEM_DIRS = [
  // {% from "govuk/components/button/macro.njk" import govukButton %}
  join(PROJECT_ROOT, 'node_modules', 'govuk-frontend', 'dist'),
  // {% from "moj/components/timeline/macro.njk" import mojTimeline %}
  join(PROJECT_ROOT, 'node_modules', '@ministryofjustice', 'frontend'),
];

/** Each feature's page templates: `src/modules/<feature>/pages/views/`. */
export function featureViewDirs(): string[] {
  return readdirSync(MODULES_DIR)
    .map((feature) => join(MODULES_DIR, feature, 'pages', 'views'))
    .filter((dir) => existsSync(dir));
}

function templatesIn(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templatesIn(path, root);
    return name.endsWith('.njk') ? [relative(root, path)] : [];
  });
}

/**
 * Every feature's views folder is searched by name, so two features with a template of the
 * same name would silently show one feature's page for the other's: refused at start.
 */
export function assertUniqueTemplateNames(dirs: readonly string[]): void {
  const owner = new Map<string, string>();
  for (const dir of dirs) {
    for (const name of templatesIn(dir)) {
      const first = owner.get(name);
      if (first !== undefined) {
        throw new Error(
          `Template ${name} is in both ${relative(PROJECT_ROOT, first)} and ${relative(PROJECT_ROOT, dir)}: rename one`,
        );
      }
      owner.set(name, dir);
    }
  }
}

/**
 * Nunjucks through Nest's MVC support: `res.render('my-work', {...})` (or `@Render`) finds the
 * shell's views, every feature's `pages/views`, and the GOV.UK and MOJ macros. Autoescaped.
 */
export function setUpNunjucks(
  app: NestExpressApplication,
  /** Read templates again on every render (development, to see an edit at once). */
  reloadTemplates: boolean,
): nunjucks.Environment {
  const ownDirs = [WEB_VIEWS_DIR, ...featureViewDirs()];
  assertUniqueTemplateNames(ownDirs);
  const searchPath = [...ownDirs, ...DESIGN_SYSTEM_DIRS];
  app.setBaseViewsDir(searchPath);
  app.setViewEngine('njk');
  const env = nunjucks.configure(searchPath, {
    autoescape: true,
    throwOnUndefined: false,
    // Compiled once and kept otherwise: compiling the CAF form's macros costs ~100 ms a render.
    noCache: reloadTemplates,
    express: app.getHttpAdapter().getInstance(),
  });
  env.addGlobal('serviceName', SERVICE_NAME);
  env.addGlobal('assetPath', ASSET_PATH);
  env.addGlobal('navigationFor', navigationFor);
  env.addFilter('formatDate', formatDate);
  env.addFilter('formatDateTime', formatDateTime);
  return env;
}
