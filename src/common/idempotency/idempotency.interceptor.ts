import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { from, Observable, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import type { RequestWithUser } from '../auth/access.decorators';
import { DomainError } from '../errors/domain-error';
import { IdempotencyRepository } from './idempotency.repository';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const WAIT_FOR_FIRST_MS = 10_000;

/** Keys order-independently so that `{a,b}` and `{b,a}` are the same body. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key` on POST (docs/domain.md#records-and-versions): the first request with a key runs and its response
 * is stored per user; a repeat with the same body gets that response and creates nothing;
 * the same key with another body is refused (422). A repeat that arrives while the first
 * is still running waits for it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const header = request.headers[HEADER];
    if (request.method !== 'POST' || header === undefined || !request.user) return next.handle();

    const key = Array.isArray(header) ? (header[0] ?? '') : header;
    if (!KEY_PATTERN.test(key)) {
      return throwError(
        () =>
          new DomainError(
            'VALIDATION_FAILED',
            'Idempotency-Key must be 1 to 200 visible ASCII characters',
          ),
      );
    }
    const userId = request.user.id;
    const hash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${canonicalJson(request.body ?? {})}`)
      .digest('hex');
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      HttpStatus.CREATED;

    return from(this.repository.claim(userId, key, hash)).pipe(
      mergeMap((claimed) =>
        claimed
          ? next.handle().pipe(
              mergeMap((body: unknown) =>
                from(this.repository.complete(userId, key, status, body).then(() => body)),
              ),
              catchError((error: unknown) =>
                from(this.repository.release(userId, key)).pipe(
                  mergeMap(() => throwError(() => error)),
                ),
              ),
            )
          : from(this.replay(userId, key, hash)),
      ),
    );
  }

  private async replay(userId: string, key: string, hash: string): Promise<unknown> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const stored = await this.repository.find(userId, key);
      if (stored && stored.requestHash !== hash) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key was already used with a different request body',
        );
      }
      if (stored?.statusCode != null) return stored.responseBody;
      if (!stored) {
        // The first request failed and freed the key: this one may run now, but it has to
        // be sent again; tell the caller rather than guess.
        throw new DomainError(
          'IDEMPOTENCY_REQUEST_IN_PROGRESS',
          'The first request with this Idempotency-Key failed; retry',
        );
      }
      if (Date.now() > deadline) {
        throw new DomainError(
          'IDEMPOTENCY_REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed; retry shortly',
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
