import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/actor';
import { UsersService } from '../users/users.service';

export const JWT_ALGORITHM = 'HS256';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who a verified token or a web session stands for, reloaded for every request
 * (`UsersService.activeUser`: a cache of a few seconds that any change to the user clears at
 * once in every process, docs/domain.md#signed-in-user-cache): a deactivated user, or a token
 * (or session) older than a password change, is nobody. Errors from loading the user (database down) are not the caller's fault: they pass on.
 */
@Injectable()
export class AccessTokens {
  constructor(private readonly users: UsersService) {}

  /** The user a verified token's claims name, or undefined when they prove nobody. */
  async userOfClaims(claims: Record<string, unknown>): Promise<AuthUser | undefined> {
    const { sub, tv, exp } = claims;
    // jsonwebtoken accepts a token without `exp`; ours always carry one, so none is a forgery.
    if (typeof exp !== 'number' || typeof sub !== 'string' || !UUID.test(sub)) return undefined;
    if (typeof tv !== 'number' || !Number.isInteger(tv)) return undefined;
    return this.user(sub, tv);
  }

  /** The user behind an id and the token version they signed in with, if still valid. */
  user(id: string, tokenVersion: number): Promise<AuthUser | undefined> {
    return this.users.activeUser(id, tokenVersion);
  }
}
