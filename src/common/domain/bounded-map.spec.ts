import { BoundedMap } from './bounded-map';

describe('BoundedMap', () => {
  it('keeps what it is given, up to its limit', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([1, 2, 3, 3]);
  });

  it('empties itself when a new key would pass its limit, then keeps the new key', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c'), map.size]).toEqual([
      undefined,
      undefined,
      3,
      1,
    ]);
  });

  it('replaces the value of a key it holds without emptying, even when full', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('b', 20);
    expect([map.get('a'), map.get('b'), map.size]).toEqual([1, 20, 2]);
  });

  it('works a value out once and then answers from what it kept', () => {
    const map = new BoundedMap<number, string>(10);
    const asked: number[] = [];
    const compute = (key: number): string => {
      asked.push(key);
      return `#${key}`;
    };
    expect([map.remember(1, compute), map.remember(2, compute), map.remember(1, compute)]).toEqual([
      '#1',
      '#2',
      '#1',
    ]);
    expect(asked).toEqual([1, 2]);
  });

  it('works a value out again once it has been emptied', () => {
    const map = new BoundedMap<number, string>(1);
    let computed = 0;
    const compute = (key: number): string => `#${key}/${++computed}`;
    expect([map.remember(1, compute), map.remember(2, compute), map.remember(1, compute)]).toEqual([
      '#1/1',
      '#2/2',
      '#1/3',
    ]);
  });

  it('forgets one key, or all', () => {
    const map = new BoundedMap<string, number>(5);
    map.set('a', 1);
    map.set('b', 2);
    map.delete('a');
    expect([map.get('a'), map.get('b')]).toEqual([undefined, 2]);
    map.clear();
    expect([map.get('b'), map.size]).toEqual([undefined, 0]);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a limit of %s', (limit) => {
    expect(() => new BoundedMap(limit)).toThrow(RangeError);
  });
});
