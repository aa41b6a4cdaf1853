import { demoPlan } from './demo-plan';

describe('the demo plan', () => {
  it('is the same every time (seeded), and stays within its dates', () => {
    const first = demoPlan('small').map((step) => step.on);
    const second = demoPlan('small').map((step) => step.on);
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(100);
    expect(first.every((day) => day >= '2024-04-01' && day <= '2026-09-30')).toBe(true);
  });

  it('is a few hundred cases and referrals at full size', () => {
    expect(demoPlan('full').length).toBeGreaterThan(4_000);
  });
});
