import { mayRecordHearing, parsePanels } from './panels';

describe('the panels configuration', () => {
  it('reads the panels with their codes and names', () => {
    expect(
      parsePanels({ panels: [{ code: 'complex_care', name: ' Complex Care Panel ' }] }),
    ).toEqual([{ code: 'complex_care', name: 'Complex Care Panel' }]);
  });

  it.each([
    [null, /non-empty list/],
    [{ panels: [] }, /non-empty list/],
    [{ panels: [{ code: 'Bad Code', name: 'x' }] }, /panels\[0\]\.code/],
    [{ panels: [{ code: 'ok', name: '' }] }, /panels\[0\]\.name/],
    [
      {
        panels: [
          { code: 'a', name: 'A' },
          { code: 'a', name: 'B' },
        ],
      },
      /named twice/,
    ],
  ])('refuses %j', (document, message) => {
    expect(() => parsePanels(document)).toThrow(message);
  });
});

describe('who records a panel hearing', () => {
  it.each([
    ['a locality manager', { id: 'm', role: 'locality_manager' }, 'lp', true],
    ['the lead professional', { id: 'lp', role: 'practitioner' }, 'lp', true],
    ['another practitioner', { id: 'p', role: 'practitioner' }, 'lp', false],
    [
      'a practitioner on a case without a lead professional',
      { id: 'p', role: 'practitioner' },
      null,
      false,
    ],
    ['a social care worker', { id: 's', role: 'social_care' }, 'lp', false],
  ])('%s: %s', (_who, actor, lead, allowed) => {
    expect(mayRecordHearing(actor, lead)).toBe(allowed);
  });
});
