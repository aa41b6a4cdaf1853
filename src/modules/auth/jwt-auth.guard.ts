import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { APP_PASSPORT, AppPassport, authenticate } from './app-passport';
import { JWT_STRATEGY } from './jwt.strategy';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../../common/auth/actor';
import { PUBLIC_KEY, RequestWithUser, WEB_PAGE_KEY } from '../../common/auth/access.decorators';

/**
 * Every API route needs a valid bearer token unless marked @Public(), checked by passport-jwt
 * (JwtStrategy) on this app's own Passport. Pages are signed in by their session instead
 * (WebSessionGuard).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_PASSPORT) private readonly passport: AppPassport,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(WEB_PAGE_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<RequestWithUser>();
    const { user } = await authenticate<AuthUser>(
      this.passport,
      JWT_STRATEGY,
      request,
      http.getResponse<Response>(),
    );
    if (!user) throw new DomainError('UNAUTHENTICATED', 'A valid bearer token is required');
    request.user = user;
    return true;
  }
}
