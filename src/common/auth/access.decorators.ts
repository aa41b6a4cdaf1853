import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorResponse } from '../errors/error-response';
import type { Actor, AuthUser } from './actor';
import type { Role } from '../domain/roles';

export const PUBLIC_KEY = 'continuum:public';
export const ROLES_KEY = 'continuum:roles';
/** Set on the web app's page controllers (src/web/page-controller.ts): signed in by session. */
export const WEB_PAGE_KEY = 'continuum:web-page';

/** No sign-in needed (login and health only). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * Who may call a route. Every authenticated route declares its roles; the list is enforced
 * by RolesGuard and shown in the OpenAPI document (`x-roles`).
 */
export function Access(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiExtension('x-roles', roles),
    ApiUnauthorizedResponse({ description: 'No valid bearer token', type: ErrorResponse }),
    ApiForbiddenResponse({
      description: `Allowed roles: ${roles.join(', ')}`,
      type: ErrorResponse,
    }),
  );
}

export type RequestWithUser = Request & { user?: AuthUser; id?: string };

export function actorOf(request: RequestWithUser): Actor {
  if (!request.user) throw new Error('actorOf() used on a public route');
  return { ...request.user, requestId: String(request.id ?? ''), ip: request.ip ?? null };
}

/** The signed-in user with the request id and address, for rules and audit rows. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    actorOf(context.switchToHttp().getRequest<RequestWithUser>()),
);
