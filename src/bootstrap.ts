import { INestApplication, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AppModule, ROOT_LOGGER } from './app.module';
import { requestLogging } from './common/logging/request-logging';
import { bodyParserErrors } from './common/errors/body-parser-errors';
import { jsonBodiesOnly } from './common/errors/json-bodies-only';
import { createValidationPipe } from './common/validation/validation-pipe';
import type { Settings } from './config/settings';
import { InitialAdminService } from './modules/users/initial-admin.service';
import { setUpWebApp } from './web/set-up-web-app';
import { isApiPath } from './web/web-paths';

export const API_PREFIX = 'api/v1';
/** URI versioning's prefix: version 1 of a route is served at /api/v1/… */
const API_VERSION_PREFIX = 'api/v';
export const JSON_BODY_LIMIT = '100kb';
export const CSV_BODY_LIMIT = '2mb';

/** The HTTP application, configured exactly as it runs (used by main.ts and the tests). */
export async function createHttpApp(settings: Settings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(settings), {
    bufferLogs: true,
    bodyParser: false,
    // A provider that cannot start (a broken rule file) throws to the caller, not abort().
    abortOnError: false,
  });
  app.useLogger(app.get(NestPinoLogger));
  // Nest flushes the start-up buffer only in listen(); an app that is only init()ed (the tests
  // serve it through supertest) would otherwise buffer every later Nest log line for ever.
  app.flushLogs();
  app.disable('x-powered-by');
  app.use(requestLogging(app.get<Logger>(ROOT_LOGGER)));
  const apiHelmet = helmet();
  app.use((request: Request, response: Response, next: NextFunction) =>
    isApiPath(request.path) ? apiHelmet(request, response, next) : next(),
  );
  app.use(`/${API_PREFIX}`, jsonBodiesOnly);
  app.use(json({ limit: JSON_BODY_LIMIT }));
  // Entered plan figures load as CSV (POST /plans/current/values).
  app.use(text({ type: 'text/csv', limit: CSV_BODY_LIMIT }));
  app.use(bodyParserErrors);
  setUpWebApp(app, settings);
  // The API under /api/v1: every controller is version 1 of the API unless it is a page
  // (PageController: version-neutral, so at the root) or the dashboard. Versioning rather than a
  // global prefix with exclusions, which go by path: excluding the page /notifications would
  // also move the API's `notifications` controller out of /api/v1.
  app.enableVersioning({
    type: VersioningType.URI,
    prefix: API_VERSION_PREFIX,
    defaultVersion: '1',
  });
  app.useGlobalPipes(createValidationPipe());
  setUpOpenApi(app);
  await app.get(InitialAdminService).ensure();
  return app;
}

function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Continuum API')
    .setDescription(
      'Early intervention case workflow: CAF, Team Around the Child, referrals to children’s social care, ' +
        'assessments, reminders and plan indicators. Each operation lists its roles under x-roles.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    yamlDocumentUrl: `${API_PREFIX}/openapi.yaml`,
  });
}
