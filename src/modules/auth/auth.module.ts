import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { createSecretKey } from 'node:crypto';
import { Settings } from '../../config/settings';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AccessTokens, JWT_ALGORITHM } from './access-tokens';
import { APP_PASSPORT, createAppPassport } from './app-passport';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { SignInPageController } from './pages/sign-in.page.controller';
import { LoginThrottlerGuard } from './login-throttler.guard';

/** Sign-in attempts allowed per email tried, whichever addresses they come from. */
export const LOGIN_ATTEMPTS_PER_EMAIL = { limit: 10, ttlMs: 300_000 } as const;

function emailTried(request: Request): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      inject: [Settings],
      useFactory: (settings: Settings) => ({
        // A key object, made once: given the string, jsonwebtoken first tries (and fails) to
        // parse it as a public key on every verify, ~0.6 ms of CPU a request.
        secret: createSecretKey(Buffer.from(settings.jwtSecret, 'utf8')),
        signOptions: { algorithm: JWT_ALGORITHM, expiresIn: settings.env.jwtExpiresInSeconds },
        verifyOptions: { algorithms: [JWT_ALGORITHM] },
      }),
    }),
    // Login attempts: per address (generous: a council office signs in from one address), and
    // per email tried, which stops guessing one account's password even from many addresses.
    ThrottlerModule.forRoot({
      throttlers: [
        { name: 'address', ttl: 60_000, limit: 300 },
        {
          name: 'email',
          ttl: LOGIN_ATTEMPTS_PER_EMAIL.ttlMs,
          limit: LOGIN_ATTEMPTS_PER_EMAIL.limit,
          getTracker: (request) => emailTried(request as Request),
        },
      ],
    }),
  ],
  controllers: [AuthController, SignInPageController],
  providers: [
    AuthService,
    AccessTokens,
    LoginThrottlerGuard,
    { provide: APP_PASSPORT, useFactory: createAppPassport },
    JwtStrategy,
    LocalStrategy,
  ],
  // For the global guards: bearer tokens (JwtAuthGuard) and web sessions (WebSessionGuard).
  // AuthService: the dashboard's token from the web session.
  exports: [AccessTokens, APP_PASSPORT, AuthService],
})
export class AuthModule {}
