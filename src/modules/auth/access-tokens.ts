import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenVerifier } from '../../common/auth/access-token-verifier';
import type { AuthUser } from '../../common/auth/actor';
import { UsersService } from '../users/users.service';
import type { TokenClaims } from './auth.service';

export const JWT_ALGORITHM = 'HS256';

const BEARER = /^bearer\s+(\S+)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies a bearer token with the one pinned algorithm and a required expiry, then reloads
 * the user (`UsersService.activeUser`, cached for a few seconds and cleared at once by any change
 * to the user): a deactivated user, or a token older than a password change, is refused.
 *
 * Verified with this application's own JwtService rather than a passport strategy: passport
 * keeps strategies in one process-wide registry, so a second application in the same process
 * (the tests start several) silently replaced the first one's key and database.
 */
@Injectable()
export class AccessTokens implements AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  /** The signed-in user of an Authorization header, or undefined when it proves nobody. */
  async userOf(authorization: string | undefined): Promise<AuthUser | undefined> {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (token === undefined) return undefined;
    let claims: Partial<TokenClaims> & { exp?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: [JWT_ALGORITHM] });
    } catch {
      return undefined; // malformed, forged, another algorithm, or expired
    }
    const { sub, tv, exp } = claims;
    // jsonwebtoken accepts a token without `exp`; ours always carry one, so none is a forgery.
    if (typeof exp !== 'number' || typeof sub !== 'string' || !UUID.test(sub)) return undefined;
    if (typeof tv !== 'number' || !Number.isInteger(tv)) return undefined;
    return this.users.activeUser(sub, tv);
  }
}
