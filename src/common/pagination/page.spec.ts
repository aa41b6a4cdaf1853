import { DomainError } from '../errors/domain-error';
import {
  type CursorKey,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  pageLimit,
  toPage,
} from './page';

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

function refusalOf(cursor: string, arity: number): DomainError {
  try {
    decodeCursor(cursor, arity);
  } catch (error: unknown) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected the cursor ${JSON.stringify(cursor)} to be refused`);
}

describe('cursors', () => {
  it.each<[string, CursorKey]>([
    ['a date and an id', ['2011-02-03', 42]],
    ['a single string', ['caf-0001']],
    ['a single number', [7]],
    ['a timestamp, a name and an id', ['2011-03-27T01:00:00.000Z', 'Zoë O’Brien', 123]],
    ['zero, negative and fractional numbers', [0, -1, 2.5]],
    ['strings with quotes, commas and brackets', ['a"b', 'c,d', '[e]', '']],
    ['non-ASCII text', ['日本語', '€😀']],
  ])('give back %s unchanged', (_, key) => {
    expect(decodeCursor(encodeCursor(key), key.length)).toEqual(key);
  });

  it.each<[CursorKey]>([[['2011-02-03', 42]], [['日本語', '€😀']], [['a"b/c+d', -1]]])(
    'are URL-safe for %j',
    (key) => {
      expect(encodeCursor(key)).toMatch(/^[A-Za-z0-9_-]+$/);
    },
  );

  it('gives no position when there is no cursor', () => {
    expect(decodeCursor(undefined, 2)).toBeUndefined();
  });

  it.each<[string, string, number]>([
    ['the empty string', '', 1],
    ['text that is not base64', '%%%***', 1],
    ['base64 that is not JSON', base64url('hello'), 1],
    ['truncated JSON', base64url('["a",1'), 2],
    ['a JSON string', base64url('"abc"'), 1],
    ['a JSON number', base64url('42'), 1],
    ['JSON null', base64url('null'), 1],
    ['a JSON object', base64url('{"0":"a","length":1}'), 1],
    ['an empty array', base64url('[]'), 1],
    ['too few parts', encodeCursor(['2011-02-03']), 2],
    ['too many parts', encodeCursor(['2011-02-03', 42, 'x']), 2],
    ['a nested object', base64url('[{"id":1},2]'), 2],
    ['a nested array', base64url('[["a"],1]'), 2],
    ['a null part', base64url('[null,1]'), 2],
    ['a boolean part', base64url('[true,1]'), 2],
  ])('refuses %s as a VALIDATION_FAILED naming the cursor', (_, cursor, arity) => {
    const error = refusalOf(cursor, arity);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/\bcursor\b/);
  });
});

describe('toPage', () => {
  interface Row {
    id: number;
    name: string;
  }
  const rows = (count: number): Row[] =>
    Array.from({ length: count }, (_, i) => ({ id: i + 1, name: `row ${i + 1}` }));
  const keyOf = (row: Row): CursorKey => [row.name, row.id];
  const toItem = (row: Row): string => row.name;

  it('shows limit items and points the next cursor at the last one shown when a row more was fetched', () => {
    const page = toPage(rows(4), 3, keyOf, toItem);
    expect(page.items).toEqual(['row 1', 'row 2', 'row 3']);
    expect(page.nextCursor).toBe(encodeCursor(['row 3', 3]));
    expect(decodeCursor(page.nextCursor ?? undefined, 2)).toEqual(['row 3', 3]);
  });

  it.each([
    ['exactly limit rows', 3, 3],
    ['fewer rows than the limit', 2, 3],
    ['a single row', 1, 3],
    ['no rows', 0, 3],
  ])('has no next cursor with %s', (_, count, limit) => {
    const page = toPage(rows(count), limit, keyOf, toItem);
    expect(page.items).toEqual(rows(count).map(toItem));
    expect(page.nextCursor).toBeNull();
  });

  it('maps each shown row once, in order, and never the extra row', () => {
    const seen: number[] = [];
    toPage(rows(3), 2, keyOf, (row) => seen.push(row.id));
    expect(seen).toEqual([1, 2]);
  });
});

describe('pageLimit', () => {
  it('has a default page size of 50 within the maximum', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(50);
    expect(DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  });

  it.each([
    [{}, 50],
    [{ cursor: encodeCursor([1]) }, 50],
    [{ limit: 1 }, 1],
    [{ limit: 10 }, 10],
    [{ limit: MAX_PAGE_SIZE }, MAX_PAGE_SIZE],
  ])('for the query %j gives a limit of %i', (query, limit) => {
    expect(pageLimit(query)).toBe(limit);
  });
});
