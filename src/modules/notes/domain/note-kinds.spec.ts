import { NOTE_KINDS, noteIsSignificant } from './note-kinds';

describe('a note’s significance', () => {
  it.each(NOTE_KINDS.map((kind) => [kind, kind === 'significant_event'] as const))(
    'defaults for %s to %s',
    (kind, expected) => {
      expect(noteIsSignificant(kind, undefined)).toBe(expected);
    },
  );

  it.each([
    ['significant_event', false, false],
    ['home_visit', true, true],
    ['note', false, false],
  ] as const)('for %s marked %s is %s', (kind, marked, expected) => {
    expect(noteIsSignificant(kind, marked)).toBe(expected);
  });
});
