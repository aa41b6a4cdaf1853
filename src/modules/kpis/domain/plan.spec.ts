import { load } from 'js-yaml';
import { readFileSync } from 'fs';
import { join } from 'path';
import { METRIC_NAMES } from './catalogue';
import { indicatorsOf, parsePlan, planReferenceErrors } from './plan';

const shipped = (): Record<string, unknown> =>
  load(readFileSync(join(__dirname, '../../../../config/plans/default.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;

describe('the default plan', () => {
  it('has an indicator on every catalogue metric, each computed one with code equal to the metric', () => {
    const indicators = indicatorsOf(parsePlan(shipped()));
    expect([...new Set(indicators.map((i) => i.metric))].sort()).toEqual([...METRIC_NAMES].sort());
    const computed = indicators.filter((i) => i.metric !== 'entered');
    expect(computed.map((i) => i.code).sort()).toEqual(
      METRIC_NAMES.filter((m) => m !== 'entered').sort(),
    );
    expect(computed.every((i) => i.code === i.metric)).toBe(true);
  });

  it('gives every indicator its lead agency, lead officer and the board that monitors it', () => {
    for (const indicator of indicatorsOf(parsePlan(shipped()))) {
      expect(indicator).toMatchObject({
        leadAgency: expect.any(String),
        leadOfficer: expect.any(String),
        monitoredBy: "Children's Trust Board, quarterly",
      });
    }
  });

  it('carries the plan report: the areas baseline, entered figures from other systems', () => {
    const plan = parsePlan(shipped());
    const byCode = new Map(indicatorsOf(plan).map((i) => [i.code, i]));
    expect(byCode.get('areas_0_4_referrals_below_10_per_1000')).toMatchObject({
      baseline: { period: 'FY2008-09', value: 22 },
      polarity: 'higher_is_better',
    });
    expect(byCode.get('service_starts')?.serviceCode).toBe('triple_p');
    for (const code of [
      'children_missing_from_home',
      'children_missing_from_school',
      'children_missing_from_care',
      'child_protection_plans_two_years',
    ]) {
      expect(byCode.get(code)).toMatchObject({ metric: 'entered', frequency: 'monthly' });
    }
    expect(byCode.get('school_attendance_pct')).toMatchObject({
      frequency: 'annual',
      unit: 'percent',
    });
    expect(plan.years).toEqual({ from: 'FY2008-09', to: 'FY2026-27' });
  });

  it('carries the action-plan indicators with frequency, polarity and targets', () => {
    const byCode = new Map(indicatorsOf(parsePlan(shipped())).map((i) => [i.code, i]));
    expect(byCode.get('caf_action_plans_implemented_pct')).toMatchObject({
      frequency: 'quarterly',
      polarity: 'higher_is_better',
    });
    expect(byCode.get('initial_assessments_in_7_days_pct')?.title).toMatch(/NI59/);
    expect(byCode.get('core_assessments_in_35_days_pct')?.title).toMatch(/NI60/);
    expect(byCode.get('re_referral_pct')?.polarity).toBe('lower_is_better');
    expect(byCode.get('localities_0_4_referrals_below_10_per_1000')?.targets['FY2011-12']).toBe(3);
  });
});

describe('parsePlan refuses, naming the place', () => {
  const indicator = {
    code: 'i',
    title: 'I',
    metric: 'referrals',
    frequency: 'quarterly',
    polarity: 'higher_is_better',
  };
  const plan = (over: Record<string, unknown> = {}) => ({
    id: 'p',
    name: 'P',
    themes: [
      {
        code: 't',
        title: 'T',
        priorities: [{ code: 'p', title: 'P', indicators: [{ ...indicator, ...over }] }],
      },
    ],
  });
  const at = 'themes[0].priorities[0].indicators[0]';

  it.each([
    [{ metric: 'nope' }, `${at}.metric is not a catalogue metric`],
    [{ frequency: 'weekly' }, `${at}.frequency must be one of monthly, quarterly, annual`],
    [{ polarity: 'up' }, `${at}.polarity must be one of`],
    [{ targets: { '2011': 1 } }, `${at}.targets.2011 is not a financial year`],
    [{ targets: { 'FY2011-13': 1 } }, `${at}.targets.FY2011-13 is not a financial year`],
    [{ targets: { 'FY2011-12': -1 } }, `${at}.targets.FY2011-12 must be a number from 0`],
    [{ colour: 'red' }, `${at}.colour is not a known key`],
    [{ code: 'Bad Code' }, `${at}.code must be lower-case`],
    [{ unit: 'percent' }, `${at}.unit is only for metric entered`],
    [{ serviceCode: 'triple_p' }, `${at}.serviceCode is only for metric service_starts`],
    [{ baseline: { period: '2008', value: 1 } }, `${at}.baseline.period`],
    [{ baseline: { period: 'FY2008-09' } }, `${at}.baseline.value is missing`],
    [{ leadOfficer: '' }, `${at}.leadOfficer must be a non-empty text`],
    [{ metric: 'entered', unit: 'median' }, `${at}.unit must be one of count, percent, rate`],
  ])('%j', (over, message) => {
    expect(() => parsePlan(plan(over))).toThrow(message);
  });

  it('a repeated indicator code', () => {
    const twice = plan();
    twice.themes[0].priorities[0].indicators.push({ ...indicator });
    expect(() => parsePlan(twice)).toThrow('indicators[1].code i is already used');
  });

  it('a role that does not exist, or a missing key', () => {
    expect(() => parsePlan({ ...plan(), alsoVisibleTo: ['parent'] })).toThrow('alsoVisibleTo[0]');
    expect(() => parsePlan({ id: 'p', themes: [] })).toThrow('name is missing');
  });
});

describe('planReferenceErrors: what a plan names must be in the authority’s other files', () => {
  const known = { panels: ['complex_care', 'step_up'], services: ['triple_p', 'family_group'] };
  const planWith = (...indicators: Record<string, unknown>[]) =>
    parsePlan({
      id: 'p',
      name: 'P',
      themes: [
        {
          code: 't',
          title: 'T',
          priorities: [
            {
              code: 'p',
              title: 'P',
              indicators: indicators.map((over, n) => ({
                code: `i${n}`,
                title: 'I',
                frequency: 'quarterly',
                polarity: 'higher_is_better',
                ...over,
              })),
            },
          ],
        },
      ],
    });
  const at = (n: number) => `themes[0].priorities[0].indicators[${n}]`;

  it.each([
    [
      'a known panel',
      { metric: 'panel_children_with_lead_professional_pct', panel: 'step_up' },
      [],
    ],
    ['a known service', { metric: 'service_starts', serviceCode: 'family_group' }, []],
    ['neither', { metric: 'referrals' }, []],
    [
      'an unknown panel',
      { metric: 'panel_children_with_lead_professional_pct', panel: 'complex' },
      [`${at(0)}.panel complex is not a panel of panels.yaml (complex_care, step_up)`],
    ],
    [
      'an unknown service',
      { metric: 'service_starts', serviceCode: 'triple' },
      [`${at(0)}.serviceCode triple is not a service of services.yaml (triple_p, family_group)`],
    ],
  ])('%s', (_name, indicator, errors) => {
    expect(planReferenceErrors(planWith(indicator), known)).toEqual(errors);
  });

  it('names each mistake of several, at its own place', () => {
    const plan = planWith(
      { metric: 'referrals' },
      { metric: 'service_starts', serviceCode: 'nope' },
      { metric: 'panel_children_with_lead_professional_pct', panel: 'nope' },
    );
    expect(planReferenceErrors(plan, known).map((e) => e.split(' ')[0])).toEqual([
      `${at(1)}.serviceCode`,
      `${at(2)}.panel`,
    ]);
  });

  it('finds nothing wrong with the shipped plan and the shipped files', () => {
    const codes = (file: string, key: string) =>
      (
        load(readFileSync(join(__dirname, '../../../../config', file), 'utf8')) as Record<
          string,
          { code: string }[]
        >
      )[key].map((entry) => entry.code);
    expect(
      planReferenceErrors(parsePlan(shipped()), {
        panels: codes('panels.yaml', 'panels'),
        services: codes('services.yaml', 'services'),
      }),
    ).toEqual([]);
  });
});
