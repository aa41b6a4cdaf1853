import { needsLocality, normaliseEmail, removesLastActiveAdmin } from './user-rules';

describe('user rules', () => {
  it.each([
    ['practitioner', true],
    ['locality_manager', true],
    ['social_care', true],
    ['performance_manager', false],
    ['admin', false],
  ] as const)('a %s needs a locality: %s', (role, expected) => {
    expect(needsLocality(role)).toBe(expected);
  });

  it('keeps emails in lower case without surrounding spaces', () => {
    expect(normaliseEmail('  Jo.Bloggs@Example.GOV.uk ')).toBe('jo.bloggs@example.gov.uk');
  });

  it.each([
    // before, after, other active admins, removes the last one
    [{ role: 'admin', active: true }, { role: 'admin', active: false }, 0, true],
    [{ role: 'admin', active: true }, { role: 'practitioner', active: true }, 0, true],
    [{ role: 'admin', active: true }, { role: 'admin', active: false }, 1, false],
    [{ role: 'admin', active: false }, { role: 'admin', active: false }, 0, false],
    [{ role: 'admin', active: true }, { role: 'admin', active: true }, 0, false],
    [{ role: 'practitioner', active: true }, { role: 'practitioner', active: false }, 0, false],
  ] as const)(
    'from %j to %j with %i other admins: last admin removed = %s',
    (before, after, others, expected) => {
      expect(removesLastActiveAdmin(before, after, others)).toBe(expected);
    },
  );
});
