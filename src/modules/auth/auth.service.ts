import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Passwords } from '../../common/auth/passwords';
import { AuditActor, AuditLog } from '../../common/audit/audit-log';
import { DomainError } from '../../common/errors/domain-error';
import { Settings } from '../../config/settings';
import { Database } from '../../database/database';
import { normaliseEmail } from '../users/domain/user-rules';
import { UsersService } from '../users/users.service';
import type { TokenDto } from './dto/login.dto';

export interface TokenClaims {
  sub: string;
  /** The user's token version when it was issued (revocation, see UsersRepository). */
  tv: number;
}

/** Who signed in, with what a web session keeps of them. */
export interface SignedIn {
  id: string;
  tokenVersion: number;
  displayName: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersService,
    private readonly passwords: Passwords,
    private readonly jwt: JwtService,
    private readonly settings: Settings,
    private readonly audit: AuditLog,
  ) {}

  /** Signs a user in to the API. */
  async login(request: AuditActor, email: string, password: string): Promise<TokenDto> {
    const signedIn = await this.verifyCredentials(request, email, password);
    if (!signedIn) throw new DomainError('UNAUTHENTICATED', 'Email or password is not correct');
    return this.tokenFor(signedIn);
  }

  /**
   * A bearer token for someone already signed in (the dashboard's scripts, from the web
   * session): revoked like any other when their token version moves.
   */
  async tokenFor(signedIn: Pick<SignedIn, 'id' | 'tokenVersion'>): Promise<TokenDto> {
    const claims: TokenClaims = { sub: signedIn.id, tv: signedIn.tokenVersion };
    return {
      accessToken: await this.jwt.signAsync(claims),
      expiresIn: this.settings.env.jwtExpiresInSeconds,
    };
  }

  /**
   * Checks an email and password, for the API's login and the sign-in page alike. Every attempt
   * is audited, with the email tried but never the password.
   */
  async verifyCredentials(
    request: AuditActor,
    email: string,
    password: string,
  ): Promise<SignedIn | undefined> {
    const tried = normaliseEmail(email);
    const credentials = await this.db.read((sql) => this.users.findCredentialsByEmail(sql, tried));
    const valid = await this.passwords.verify(credentials?.passwordHash, password);
    const succeeded = valid && credentials !== undefined && credentials.active;

    await this.db.transaction(async (sql) => {
      if (succeeded && this.passwords.needsRehash(credentials.passwordHash)) {
        await this.users.rehashPassword(sql, credentials.id, await this.passwords.hash(password));
      }
      await this.audit.record(
        sql,
        { ...request, id: credentials?.id ?? null },
        {
          action: succeeded ? 'auth.login_succeeded' : 'auth.login_failed',
          entityType: 'user',
          entityId: credentials?.id ?? null,
          details: succeeded
            ? {}
            : {
                email: tried,
                reason: !credentials ? 'unknown_email' : !valid ? 'wrong_password' : 'inactive',
              },
        },
      );
    });
    if (!succeeded) return undefined;
    return {
      id: credentials.id,
      tokenVersion: credentials.tokenVersion,
      displayName: credentials.displayName,
    };
  }
}
