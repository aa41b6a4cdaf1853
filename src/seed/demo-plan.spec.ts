import { ROLES } from '../common/domain/roles';
import { demoPlan, type Step, type StepContext } from './demo-plan';

/** Runs the plan's steps in date order (as the seed does) against a recording stand-in API. */
async function callsOf(steps: Step[]): Promise<{ calls: string[]; roles: Set<unknown> }> {
  const calls: string[] = [];
  const roles = new Set<unknown>();
  let next = 0;
  const context: StepContext = {
    api: (_token, method, path, body) => {
      calls.push(`${method} ${path}`);
      if (path === '/users') roles.add((body as { role?: unknown }).role);
      next += 1;
      return Promise.resolve({ id: `id-${next}`, accessToken: `token-${next}`, version: 1 });
    },
    tokens: new Map(),
    ids: new Map(),
  };
  const ordered = steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => (a.step.on === b.step.on ? a.index - b.index : a.step.on < b.step.on ? -1 : 1));
  for (const { step } of ordered) await step.run(context);
  return { calls, roles };
}

const count = (calls: string[], call: string): number => calls.filter((c) => c === call).length;

describe('the demo plan', () => {
  it('is the same every time (seeded), and stays within its dates', () => {
    const first = demoPlan('small').map((step) => step.on);
    const second = demoPlan('small').map((step) => step.on);
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(100);
    expect(first.every((day) => day >= '2024-04-01' && day <= '2026-09-30')).toBe(true);
  });

  it('starts a few hundred cases and a few hundred referrals at full size, in three localities with users of every role', async () => {
    const { calls, roles } = await callsOf(demoPlan('full'));
    const cases = count(calls, 'POST /cases');
    const referrals = count(calls, 'POST /referrals');
    expect(cases).toBeGreaterThanOrEqual(200);
    expect(cases).toBeLessThan(1_000);
    expect(referrals).toBeGreaterThanOrEqual(200);
    expect(referrals).toBeLessThan(1_000);
    expect(count(calls, 'POST /localities')).toBe(3);
    // The admin is the first admin, created at start; the plan creates every other role.
    expect(calls[0]).toBe('POST /auth/login');
    expect([...roles].sort()).toEqual(ROLES.filter((role) => role !== 'admin').sort());
  });
});
