import { Global, Module } from '@nestjs/common';
import { FormSubmitter } from './forms/form-submission';
import { IdempotentForms } from './forms/idempotent-form';
import { WebSessionStore } from './set-up-web-session';

/**
 * The web shell's providers: the session store, and the double-submit guard and the form
 * submitter every page may inject (the rest of the shell is Express set-up: set-up-web-app.ts).
 */
@Global()
@Module({
  providers: [WebSessionStore, IdempotentForms, FormSubmitter],
  exports: [WebSessionStore, IdempotentForms, FormSubmitter],
})
export class WebModule {}
