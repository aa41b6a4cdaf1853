import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error';
import { IdempotencyRepository } from '../../common/idempotency/idempotency.repository';
import { CSRF_FIELD } from '../set-up-csrf';

/** The hidden field each creating form carries (the `idempotencyField()` macro). */
export const IDEMPOTENCY_FIELD = '_idempotencyKey';
const KEY = /^[0-9a-f-]{36}$/;
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 50;

/** A fresh key for a form being shown (a new one each time the page renders). */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/** The form's answers without the shell's hidden fields (to show them again, or to hash). */
export function formAnswers(body: unknown): Record<string, unknown> {
  const answers = { ...((body ?? {}) as Record<string, unknown>) };
  delete answers[CSRF_FIELD];
  delete answers[IDEMPOTENCY_FIELD];
  return answers;
}

/** Where a form's one successful submission went: every repeat of it goes there too. */
export interface FormOutcome {
  redirectTo: string;
}

/**
 * A double-clicked (or re-sent) form creates one record: the form's hidden key is claimed in
 * the API's Idempotency-Key store (per user); the first submission runs and its redirect is
 * kept; a repeat waits for it and is sent to the same place. A submission that fails frees
 * the key, so the corrected form can be sent again with it.
 */
@Injectable()
export class IdempotentForms {
  constructor(private readonly store: IdempotencyRepository) {}

  async once<T extends FormOutcome>(
    userId: string,
    path: string,
    body: unknown,
    submit: () => Promise<T>,
  ): Promise<T> {
    const raw = (body as Record<string, unknown> | undefined)?.[IDEMPOTENCY_FIELD];
    // A form without a key (an old page) still works, without the protection.
    if (typeof raw !== 'string' || !KEY.test(raw)) return submit();
    const key = `form:${raw}`;
    const hash = createHash('sha256')
      .update(`POST ${path}\n${JSON.stringify(formAnswers(body))}`)
      .digest('hex');
    if (!(await this.store.claim(userId, key, hash))) return this.replay<T>(userId, key);
    try {
      const outcome = await submit();
      await this.store.complete(userId, key, 303, outcome);
      return outcome;
    } catch (error) {
      await this.store.release(userId, key);
      throw error;
    }
  }

  private async replay<T extends FormOutcome>(userId: string, key: string): Promise<T> {
    for (let waited = 0; waited <= WAIT_FOR_FIRST_MS; waited += POLL_MS) {
      const stored = await this.store.find(userId, key);
      if (!stored) break; // the first failed: nothing was created
      if (stored.statusCode != null) return stored.responseBody as T;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new DomainError(
      'IDEMPOTENCY_REQUEST_IN_PROGRESS',
      'This form was sent twice and the first one did not finish; check whether it was saved',
    );
  }
}
