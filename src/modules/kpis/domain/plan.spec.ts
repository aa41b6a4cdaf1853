import { load } from 'js-yaml';
import { readFileSync } from 'fs';
import { join } from 'path';
import { METRIC_NAMES } from './catalogue';
import { indicatorsOf, parsePlan } from './plan';

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
