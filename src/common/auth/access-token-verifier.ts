import type { AuthUser } from './actor';

/**
 * What the global guard needs of bearer tokens: the signed-in user an Authorization header
 * proves, or undefined. The auth module provides it (`AccessTokens`); an abstract class so
 * that it is its own injection token and `common/` never imports a module.
 */
export abstract class AccessTokenVerifier {
  abstract userOf(authorization: string | undefined): Promise<AuthUser | undefined>;
}
