/** Collects query parameters while a statement is assembled: `p.add(value)` → `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/**
 * The SET list of a versioned UPDATE: `version = version + 1`, `updated_at = now()`, then each
 * change that is not undefined under its column. `columns` names the column of every field a
 * change may carry, written in the repository: no column name comes from a caller.
 */
export function versionedSet<C extends object>(
  p: SqlParams,
  columns: { readonly [K in keyof C]-?: string },
  changes: C,
): string[] {
  const set = ['version = version + 1', 'updated_at = now()'];
  for (const key of Object.keys(changes) as (keyof C)[]) {
    const value = changes[key];
    if (value !== undefined) set.push(`${columns[key]} = ${p.add(value)}`);
  }
  return set;
}
