import { safeReturnPath } from './sign-in-required';

describe('the page to go back to after signing in', () => {
  it.each([
    ['/notifications', '/notifications'],
    ['/cases/5f0c/assessment?step=2', '/cases/5f0c/assessment?step=2'],
    ['/', '/'],
  ])('keeps the same-site path %s', (given, kept) => {
    expect(safeReturnPath(given)).toBe(kept);
  });

  it.each([
    '//evil.example/x',
    'https://evil.example/',
    '/\\evil.example',
    'javascript:alert(1)',
    '/sign-in',
    '/sign-out',
    '/sign-in?x=1',
    'cases/1',
    '/a b',
    undefined,
    42,
    `/${'a'.repeat(2001)}`,
  ])('refuses %p', (given) => {
    expect(safeReturnPath(given)).toBeUndefined();
  });
});
