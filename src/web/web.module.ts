import { Global, Module } from '@nestjs/common';
import { IdempotentForms } from './forms/idempotent-form';
import { WebSessionStore } from './set-up-web-session';

/**
 * The web shell's providers: the session store, and the double-submit guard every page may
 * inject (the rest of the shell is Express set-up: set-up-web-app.ts).
 */
@Global()
@Module({
  providers: [WebSessionStore, IdempotentForms],
  exports: [WebSessionStore, IdempotentForms],
})
export class WebModule {}
