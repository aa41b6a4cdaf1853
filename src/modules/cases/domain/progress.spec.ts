import { caseProgress, needsReduced, type CompletedVersion } from './progress';

const version = (versionNo: number, levels: Record<string, number>): CompletedVersion => ({
  versionNo,
  completedAt: `2011-0${versionNo}-01T10:00:00Z`,
  elements: Object.entries(levels).map(([code, level]) => ({ code, level })),
});

describe('distance travelled between the first and the latest completed CAF', () => {
  it('compares element by element, in the order of the national form', () => {
    const progress = caseProgress([
      version(3, { wider_family: 1, general_health: 0 }),
      version(1, { general_health: 2, wider_family: 2 }),
      version(2, { general_health: 3 }),
    ]);
    expect(progress).toEqual({
      first: { version: 1, completedAt: '2011-01-01T10:00:00Z' },
      latest: { version: 3, completedAt: '2011-03-01T10:00:00Z' },
      elements: [
        { code: 'general_health', first: 2, latest: 0, change: -2 },
        { code: 'wider_family', first: 2, latest: 1, change: -1 },
      ],
      totalFirst: 4,
      totalLatest: 1,
    });
    expect(needsReduced(progress)).toBe(true);
  });

  it.each([
    ['lower total: reduced', { general_health: 2 }, { general_health: 1 }, true],
    ['same total: not reduced', { general_health: 2 }, { general_health: 2 }, false],
    ['higher total: not reduced', { general_health: 1 }, { general_health: 3 }, false],
    [
      'an element dropped from the review counts as 0 in the total',
      { general_health: 1, aspirations: 1 },
      { general_health: 1 },
      true,
    ],
    [
      'an element added at the review counts in the total',
      { general_health: 1 },
      { general_health: 1, aspirations: 2 },
      false,
    ],
  ])('%s', (_name, first, latest, reduced) => {
    expect(needsReduced(caseProgress([version(1, first), version(2, latest)]))).toBe(reduced);
  });

  it('marks an element assessed in only one version with no change', () => {
    const progress = caseProgress([
      version(1, { aspirations: 1 }),
      version(2, { general_health: 1 }),
    ]);
    expect(progress?.elements).toEqual([
      { code: 'general_health', first: null, latest: 1, change: null },
      { code: 'aspirations', first: 1, latest: null, change: null },
    ]);
  });

  it('has nothing to compare with one completed version, and no progress with none', () => {
    const one = caseProgress([version(1, { general_health: 2 })]);
    expect(one?.first).toEqual(one?.latest);
    expect(needsReduced(one)).toBeNull();
    expect(caseProgress([])).toBeNull();
  });
});
