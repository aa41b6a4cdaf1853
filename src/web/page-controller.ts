import { applyDecorators, Controller, SetMetadata, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { WEB_PAGE_KEY } from '../common/auth/access.decorators';

/**
 * A web page controller (`src/modules/<feature>/pages/<thing>.page.controller.ts`): served at
 * the root rather than under `/api/v1` (version-neutral: the API is URI version 1), left out of
 * the OpenAPI document, signed in by the session cookie (WebSessionGuard) rather than a bearer
 * token, CSRF-checked on every POST, and answered by the error pages when it throws.
 * `@Access(...)` lists its roles as on the API.
 */
export function PageController(path = ''): ClassDecorator {
  return applyDecorators(
    Controller({ path, version: VERSION_NEUTRAL }),
    ApiExcludeController(),
    SetMetadata(WEB_PAGE_KEY, true),
  );
}
