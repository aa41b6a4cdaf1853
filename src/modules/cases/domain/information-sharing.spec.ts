import { mayJoinTac, mayReferFromCase } from './information-sharing';

describe('consent governs sharing', () => {
  it.each([
    [
      'a user of the starter’s agency, without consent',
      { external: false, agencyId: 'a' },
      false,
      true,
    ],
    ['a user of another agency, without consent', { external: false, agencyId: 'b' }, false, false],
    ['an external member, without consent', { external: true }, false, false],
    [
      'a user of the starter’s agency, with consent',
      { external: false, agencyId: 'a' },
      true,
      true,
    ],
    ['a user of another agency, with consent', { external: false, agencyId: 'b' }, true, true],
    ['an external member, with consent', { external: true }, true, true],
  ] as const)('lets %s join the TAC: %s', (_what, joiner, consent, allowed) => {
    expect(mayJoinTac(joiner, 'a', consent)).toBe(allowed);
  });

  it.each([
    [true, false, true],
    [true, true, true],
    [false, true, true],
    [false, false, false],
  ])(
    'with information-sharing consent %s and safeguarding %s, allows a referral from the case: %s',
    (consent, safeguarding, allowed) => {
      expect(mayReferFromCase(consent, safeguarding)).toBe(allowed);
    },
  );
});
