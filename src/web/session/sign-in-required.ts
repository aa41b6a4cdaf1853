/** A page needs a signed-in session: the error filter redirects to /sign-in. */
export class SignInRequired extends Error {
  override name = 'SignInRequired';
}

/**
 * Where to go back to after signing in: only a path on this site (never `//host`, a scheme,
 * or a backslash that some browsers read as a slash), and never the sign-in page itself.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return undefined;
  if (/^\/sign-(in|out)(\/|\?|$)/.test(value)) return undefined;
  return value;
}
