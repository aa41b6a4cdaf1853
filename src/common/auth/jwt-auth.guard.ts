import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { AccessTokenVerifier } from './access-token-verifier';
import { PUBLIC_KEY, RequestWithUser } from './access.decorators';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    // Errors from loading the user (database down) are not the caller's fault: they pass on.
    const user = await this.tokens.userOf(request.headers.authorization);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'A valid bearer token is required');
    request.user = user;
    return true;
  }
}
