import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/actor';
import { Settings } from '../../config/settings';
import { AccessTokens, JWT_ALGORITHM } from './access-tokens';
import { APP_PASSPORT, AppPassport, UNUSED_PROCESS_PASSPORT } from './app-passport';

export const JWT_STRATEGY = 'jwt';

/**
 * The API's bearer tokens: HS256 only, expiry required, and the user reloaded on every request
 * so that deactivation or a new password revokes older tokens at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    settings: Settings,
    @Inject(APP_PASSPORT) appPassport: AppPassport,
    private readonly tokens: AccessTokens,
  ) {
    // A key object, made once: given the string, jsonwebtoken first tries (and fails) to parse
    // it as a public key on every verify, ~0.6 ms of CPU a request.
    const key = createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken as it is; its types only know strings.
      secretOrKeyProvider: (_request, _token, done) => done(null, key as unknown as Buffer),
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
    appPassport.use(JWT_STRATEGY, this);
  }

  getPassportInstance(): AppPassport {
    return UNUSED_PROCESS_PASSPORT;
  }

  /** The verified token's claims, checked, then the user they name (false: nobody). */
  async validate(claims: Record<string, unknown>): Promise<AuthUser | false> {
    return (await this.tokens.userOfClaims(claims)) ?? false;
  }
}
