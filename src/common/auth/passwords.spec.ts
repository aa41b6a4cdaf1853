import { Passwords } from './passwords';

describe('Passwords', () => {
  const passwords = new Passwords();

  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await passwords.hash('correct horse battery staple');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(passwords.verify(stored, 'correct horse battery staple')).resolves.toBe(true);
    await expect(passwords.verify(stored, 'correct horse battery stapler')).resolves.toBe(false);
  });

  it('answers false for an unknown user without throwing', async () => {
    await expect(passwords.verify(undefined, 'anything at all')).resolves.toBe(false);
  });

  it.each([
    ['$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g', false],
    ['$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g', true],
    ['$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g', true],
    ['not a hash', true],
  ])('asks for a rehash of %s: %s', (stored, expected) => {
    expect(passwords.needsRehash(stored)).toBe(expected);
  });
});
