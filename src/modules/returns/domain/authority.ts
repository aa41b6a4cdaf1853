/**
 * The authority as the Department for Education knows it (config/authority.yaml): its 3-digit
 * LEA code and its name. Read and checked at start; a mistake stops it, naming the key.
 */

export interface Authority {
  /** The 3-digit local education authority code, e.g. '201'. */
  lea: string;
  name: string;
}

export class AuthorityError extends Error {}

const KEYS = ['lea', 'name'];

export function parseAuthority(parsed: unknown): Authority {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AuthorityError('the file must be a mapping of lea and name');
  }
  const value = parsed as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key))
      throw new AuthorityError(`${key} is not a known key (known: lea, name)`);
  }
  if (!('lea' in value)) throw new AuthorityError('lea is missing');
  if (!('name' in value)) throw new AuthorityError('name is missing');
  // An unquoted 201 is a number to YAML; a leading zero (e.g. 021) must be quoted.
  const lea = typeof value['lea'] === 'number' ? String(value['lea']) : value['lea'];
  if (typeof lea !== 'string' || !/^\d{3}$/.test(lea)) {
    throw new AuthorityError("lea must be the authority's 3-digit LEA code, quoted (e.g. '201')");
  }
  const name = value['name'];
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new AuthorityError("name must be the authority's name (1 to 200 characters)");
  }
  return { lea, name: name.trim() };
}
