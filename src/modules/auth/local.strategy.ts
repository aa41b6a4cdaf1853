import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { APP_PASSPORT, AppPassport, UNUSED_PROCESS_PASSPORT } from './app-passport';
import { AuthService, SignedIn } from './auth.service';

export const LOCAL_STRATEGY = 'local';

/** The sign-in form's email and password, checked and audited exactly as the API's login. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, LOCAL_STRATEGY) {
  constructor(
    @Inject(APP_PASSPORT) appPassport: AppPassport,
    private readonly auth: AuthService,
  ) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
    appPassport.use(LOCAL_STRATEGY, this);
  }

  getPassportInstance(): AppPassport {
    return UNUSED_PROCESS_PASSPORT;
  }

  async validate(request: Request, email: string, password: string): Promise<SignedIn | false> {
    const signedIn = await this.auth.verifyCredentials(
      {
        id: null,
        requestId: typeof request.id === 'object' ? '' : String(request.id),
        ip: request.ip ?? null,
      },
      email,
      password,
    );
    return signedIn ?? false;
  }
}
