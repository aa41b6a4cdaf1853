/**
 * A map that holds at most `limit` entries and empties itself when a new key would pass that:
 * the per-process memo of answers that are slow to work out and asked for again and again (a
 * London date, a London instant, a set of non-working days, a signed-in user). Clearing all at
 * once, rather than evicting the oldest, keeps every call O(1) with nothing to track; the
 * limits are far above the number of keys a process uses in practice, so it seldom happens.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`a bounded map's limit must be a whole number from 1, got ${limit}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` under `key`, first emptying the map if `key` is new and the map is full. */
  set(key: K, value: V): void {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
  }

  /** The value kept for `key`, or else `compute(key)`, kept. */
  remember(key: K, compute: (key: K) => V): V {
    const kept = this.entries.get(key);
    if (kept !== undefined) return kept;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
