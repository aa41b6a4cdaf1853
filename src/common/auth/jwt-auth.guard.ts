import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { PUBLIC_KEY } from './access.decorators';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    // Errors from loading the user (database down) are not the caller's fault: pass them on.
    if (error instanceof Error) throw error;
    if (error) throw new Error('Authentication failed unexpectedly');
    if (!user) throw new DomainError('UNAUTHENTICATED', 'A valid bearer token is required');
    return user;
  }
}
