import { applyDecorators, Post, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * An API `POST` route: Nest's `@Post` with the `Idempotency-Key` interceptor
 * (docs/domain.md#records-and-versions). Only a POST takes a key, so the interceptor sits on
 * the POST routes alone: as a global interceptor it put every request, each GET too, through
 * Nest's interceptor chain (rxjs and an async resource per step, ~0.2 ms of CPU). ESLint
 * refuses `@Post` from `@nestjs/common` in API controllers, so that none is missed.
 */
export function IdempotentPost(path?: string | string[]): MethodDecorator {
  return applyDecorators(Post(path), UseInterceptors(IdempotencyInterceptor));
}
