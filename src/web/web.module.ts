import { Global, Module } from '@nestjs/common';
import { WebSessionStore } from './set-up-web-session';

/** The web shell's providers (the rest of the shell is Express set-up: set-up-web-app.ts). */
@Global()
@Module({ providers: [WebSessionStore], exports: [WebSessionStore] })
export class WebModule {}
