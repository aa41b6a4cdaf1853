import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthUser } from '../../common/auth/actor';
import { Settings } from '../../config/settings';
import { Database } from '../../database/database';
import { UsersRepository } from '../users/users.repository';
import type { TokenClaims } from './auth.service';

export const JWT_ALGORITHM = 'HS256';

/**
 * Verifies the bearer token with the one pinned algorithm, then reloads the user: a
 * deactivated user, or a token older than a password change, is refused.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    settings: Settings,
    private readonly db: Database,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: settings.jwtSecret,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<TokenClaims>): Promise<AuthUser | false> {
    if (
      typeof claims.sub !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(claims.sub) ||
      !Number.isInteger(claims.tv)
    ) {
      return false;
    }
    const user = await this.db.read((sql) => this.users.findAuthUser(sql, claims.sub!, claims.tv!));
    return user ?? false;
  }
}
