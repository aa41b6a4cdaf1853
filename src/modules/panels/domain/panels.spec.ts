import { parsePanels } from './panels';

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
