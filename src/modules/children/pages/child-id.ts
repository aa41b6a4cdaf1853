import { notFound } from '../../../common/errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A child's id from a page path. Anything that is not an id is the same "Page not found" as a
 * child the user may not see, so that a page never tells the two apart.
 */
export function childIdOf(value: string): string {
  if (!UUID.test(value)) throw notFound('Child');
  return value.toLowerCase();
}
