import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { PUBLIC_KEY, RequestWithUser, ROLES_KEY } from './access.decorators';
import type { Role } from '../domain/roles';

/** Refuses (403) a signed-in user whose role the route does not list. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // A route without @Access is a programming error: deny rather than expose it.
    const user = context.switchToHttp().getRequest<RequestWithUser>().user;
    if (!roles || !user || !roles.includes(user.role)) {
      throw new DomainError('FORBIDDEN', 'Your role does not allow this action');
    }
    return true;
  }
}
