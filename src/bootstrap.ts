import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, text } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { bodyParserErrors } from './common/errors/body-parser-errors';
import { jsonBodiesOnly } from './common/errors/json-bodies-only';
import { createValidationPipe } from './common/validation/validation-pipe';
import type { Settings } from './config/settings';
import { InitialAdminService } from './modules/users/initial-admin.service';

export const API_PREFIX = 'api/v1';
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
  app.useLogger(app.get(Logger));
  // Nest flushes the start-up buffer only in listen(); an app that is only init()ed (the tests
  // serve it through supertest) would otherwise buffer every later Nest log line for ever.
  app.flushLogs();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(`/${API_PREFIX}`, jsonBodiesOnly);
  app.use(json({ limit: JSON_BODY_LIMIT }));
  // Entered plan figures load as CSV (POST /plans/current/values).
  app.use(text({ type: 'text/csv', limit: CSV_BODY_LIMIT }));
  app.use(bodyParserErrors);
  // The dashboard page and its files live outside the API (SPEC §4.10).
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'dashboard', method: RequestMethod.GET },
      { path: 'dashboard/{*asset}', method: RequestMethod.GET },
    ],
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
