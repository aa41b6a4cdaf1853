/**
 * The plan (the Children and Young People's Plan, docs/domain.md#indicators): themes, priorities and
 * indicators, each indicator on a catalogue metric with a frequency, a polarity and targets per
 * financial year. Read from config/plans/*.yaml or given by an admin; checked here so that a
 * mistake stops the start (or answers 400) naming where it is.
 */
import { ROLES, type Role } from '../../../common/domain/roles';
import { CATALOGUE, isMetricName, type MetricName, type Unit } from './catalogue';
import type { PlanYears } from './entered-values';
import type { Polarity } from './indicators';
import { parsePeriod, PeriodError } from './periods';

export type Frequency = 'monthly' | 'quarterly' | 'annual';

export interface PlanIndicator {
  code: string;
  title: string;
  metric: MetricName;
  frequency: Frequency;
  polarity: Polarity;
  /** Where the indicator comes from (e.g. the action plan line or national indicator). */
  source?: string;
  /** Target value per financial year, e.g. { "FY2011-12": 80 }. */
  targets: Record<string, number>;
  /** Where the plan started from: "22 of 82 in FY2008-09". */
  baseline?: { period: string; value: number };
  /** The agency that leads on it, its officer, and the board or group that reviews it. */
  leadAgency?: string;
  leadOfficer?: string;
  monitoredBy?: string;
  /** Entered indicators only: how the figure reads (a count, a percentage, a rate). */
  unit?: Exclude<Unit, 'median'>;
  /** service_starts only: the one service of config/services.yaml to count. */
  serviceCode?: string;
  /** panel_children_with_lead_professional_pct only: the panel of config/panels.yaml. */
  panel?: string;
}

export interface PlanPriority {
  code: string;
  title: string;
  indicators: PlanIndicator[];
}

export interface PlanTheme {
  code: string;
  title: string;
  priorities: PlanPriority[];
}

export interface Plan {
  id: string;
  name: string;
  /** Roles that may read indicator values besides performance managers, locality managers and admins. */
  alsoVisibleTo: Role[];
  /** The financial years the plan covers; entered figures must fall inside them. */
  years?: PlanYears;
  /** Working days after a period ends before it is snapshotted on its own (default 10). */
  snapshotAfterWorkingDays?: number;
  themes: PlanTheme[];
}

export const DEFAULT_SNAPSHOT_AFTER_WORKING_DAYS = 10;

export class PlanError extends Error {}

const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'annual'];
const POLARITIES: readonly Polarity[] = ['higher_is_better', 'lower_is_better'];
const CODE = /^[a-z0-9][a-z0-9_]{0,79}$/;
const FINANCIAL_YEAR = /^FY(\d{4})-(\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapping(
  value: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (!isRecord(value)) throw new PlanError(`${path || 'the plan'} must be a mapping`);
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) {
      throw new PlanError(`${path}${path ? '.' : ''}${key} is not a known key`);
    }
  }
  for (const key of required) {
    if (!(key in value)) throw new PlanError(`${path}${path ? '.' : ''}${key} is missing`);
  }
  return value;
}

function text(value: unknown, path: string, max = 300): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new PlanError(`${path} must be a non-empty text of at most ${max} characters`);
  }
  return value;
}

function code(value: unknown, path: string): string {
  if (typeof value !== 'string' || !CODE.test(value)) {
    throw new PlanError(`${path} must be lower-case letters, digits and _ (at most 80)`);
  }
  return value;
}

function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new PlanError(`${path} must be a non-empty list`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new PlanError(`${path} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function parseTargets(value: unknown, path: string): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value))
    throw new PlanError(`${path} must map financial years (FY2011-12) to numbers`);
  const targets: Record<string, number> = {};
  for (const [year, target] of Object.entries(value)) {
    const match = FINANCIAL_YEAR.exec(year);
    if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
      throw new PlanError(`${path}.${year} is not a financial year like FY2011-12`);
    }
    if (typeof target !== 'number' || !Number.isFinite(target) || target < 0 || target > 1e9) {
      throw new PlanError(`${path}.${year} must be a number from 0`);
    }
    targets[year] = target;
  }
  return targets;
}

/** The plan from a parsed YAML or JSON document; PlanError naming the place otherwise. */
export function parsePlan(document: unknown): Plan {
  const root = mapping(
    document,
    '',
    ['id', 'name', 'themes'],
    ['alsoVisibleTo', 'years', 'snapshotAfterWorkingDays'],
  );
  // Codes are unique among the themes, among the priorities and among the indicators.
  const seen = new Map<string, string>();
  const unique = (value: string, path: string): string => {
    const kind = path.replace(/\[\d+\]/g, '');
    const earlier = seen.get(`${kind} ${value}`);
    if (earlier) throw new PlanError(`${path} ${value} is already used at ${earlier}`);
    seen.set(`${kind} ${value}`, path);
    return value;
  };
  const alsoVisibleTo =
    root['alsoVisibleTo'] === undefined
      ? []
      : (() => {
          if (!Array.isArray(root['alsoVisibleTo']))
            throw new PlanError('alsoVisibleTo must be a list of roles');
          return root['alsoVisibleTo'].map((role, i) => oneOf(role, ROLES, `alsoVisibleTo[${i}]`));
        })();
  const themes = list(root['themes'], 'themes').map((rawTheme, t): PlanTheme => {
    const tPath = `themes[${t}]`;
    const theme = mapping(rawTheme, tPath, ['code', 'title', 'priorities']);
    return {
      code: unique(code(theme['code'], `${tPath}.code`), `${tPath}.code`),
      title: text(theme['title'], `${tPath}.title`),
      priorities: list(theme['priorities'], `${tPath}.priorities`).map((rawPriority, p) => {
        const pPath = `${tPath}.priorities[${p}]`;
        const priority = mapping(rawPriority, pPath, ['code', 'title', 'indicators']);
        return {
          code: unique(code(priority['code'], `${pPath}.code`), `${pPath}.code`),
          title: text(priority['title'], `${pPath}.title`),
          indicators: list(priority['indicators'], `${pPath}.indicators`).map((rawIndicator, i) => {
            const iPath = `${pPath}.indicators[${i}]`;
            const indicator = mapping(
              rawIndicator,
              iPath,
              ['code', 'title', 'metric', 'frequency', 'polarity'],
              [
                'source',
                'targets',
                'baseline',
                'leadAgency',
                'leadOfficer',
                'monitoredBy',
                'unit',
                'serviceCode',
                'panel',
              ],
            );
            const metric = indicator['metric'];
            if (!isMetricName(metric))
              throw new PlanError(`${iPath}.metric is not a catalogue metric`);
            const only = (key: string, wanted: MetricName) => {
              if (indicator[key] !== undefined && metric !== wanted) {
                throw new PlanError(`${iPath}.${key} is only for metric ${wanted}`);
              }
            };
            only('unit', 'entered');
            only('serviceCode', 'service_starts');
            only('panel', 'panel_children_with_lead_professional_pct');
            if (metric === 'panel_children_with_lead_professional_pct' && !indicator['panel']) {
              throw new PlanError(`${iPath}.panel is missing (the panel whose hearings count)`);
            }
            const optionalText = (key: 'leadAgency' | 'leadOfficer' | 'monitoredBy') =>
              indicator[key] === undefined
                ? {}
                : { [key]: text(indicator[key], `${iPath}.${key}`) };
            return {
              code: unique(code(indicator['code'], `${iPath}.code`), `${iPath}.code`),
              title: text(indicator['title'], `${iPath}.title`),
              metric,
              frequency: oneOf(indicator['frequency'], FREQUENCIES, `${iPath}.frequency`),
              polarity: oneOf(indicator['polarity'], POLARITIES, `${iPath}.polarity`),
              ...(indicator['source'] === undefined
                ? {}
                : { source: text(indicator['source'], `${iPath}.source`, 500) }),
              targets: parseTargets(indicator['targets'], `${iPath}.targets`),
              ...(indicator['baseline'] === undefined
                ? {}
                : { baseline: baseline(indicator['baseline'], `${iPath}.baseline`) }),
              ...optionalText('leadAgency'),
              ...optionalText('leadOfficer'),
              ...optionalText('monitoredBy'),
              ...(indicator['unit'] === undefined
                ? {}
                : { unit: oneOf(indicator['unit'], ENTERED_UNITS, `${iPath}.unit`) }),
              ...(indicator['serviceCode'] === undefined
                ? {}
                : { serviceCode: code(indicator['serviceCode'], `${iPath}.serviceCode`) }),
              ...(indicator['panel'] === undefined
                ? {}
                : { panel: code(indicator['panel'], `${iPath}.panel`) }),
            };
          }),
        };
      }),
    };
  });
  const snapshotAfter = root['snapshotAfterWorkingDays'];
  if (
    snapshotAfter !== undefined &&
    (typeof snapshotAfter !== 'number' ||
      !Number.isInteger(snapshotAfter) ||
      snapshotAfter < 1 ||
      snapshotAfter > 60)
  ) {
    throw new PlanError('snapshotAfterWorkingDays must be a whole number of working days, 1 to 60');
  }
  return {
    id: code(root['id'], 'id'),
    name: text(root['name'], 'name'),
    alsoVisibleTo,
    ...(root['years'] === undefined ? {} : { years: years(root['years']) }),
    ...(snapshotAfter === undefined ? {} : { snapshotAfterWorkingDays: snapshotAfter }),
    themes,
  };
}

const ENTERED_UNITS = ['count', 'percent', 'rate'] as const;

function financialYearText(value: unknown, path: string): string {
  const match = typeof value === 'string' ? FINANCIAL_YEAR.exec(value) : null;
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new PlanError(`${path} is not a financial year like FY2011-12`);
  }
  return value as string;
}

function years(value: unknown): PlanYears {
  const raw = mapping(value, 'years', ['from', 'to']);
  const result = {
    from: financialYearText(raw['from'], 'years.from'),
    to: financialYearText(raw['to'], 'years.to'),
  };
  if (result.from > result.to) throw new PlanError('years.from is after years.to');
  return result;
}

function baseline(value: unknown, path: string): { period: string; value: number } {
  const raw = mapping(value, path, ['period', 'value']);
  try {
    parsePeriod(raw['period'] as string);
  } catch (error) {
    if (error instanceof PeriodError) throw new PlanError(`${path}.period: ${error.message}`);
    throw error;
  }
  const number = raw['value'];
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new PlanError(`${path}.value must be a number`);
  }
  return { period: raw['period'] as string, value: number };
}

/** The unit an indicator's figures read in: the metric's, or an entered one's own. */
export function unitOfIndicator(indicator: PlanIndicator): Unit {
  return indicator.metric === 'entered'
    ? (indicator.unit ?? 'count')
    : CATALOGUE[indicator.metric].unit;
}

/**
 * The financial years the plan covers: as it says, or else from its earliest to its latest
 * target or baseline year (the current financial year when it names none).
 */
export function planYears(plan: Plan, today: string): PlanYears {
  if (plan.years) return plan.years;
  const named = indicatorsOf(plan).flatMap((i) => [
    ...Object.keys(i.targets),
    ...(i.baseline ? [parsePeriod(i.baseline.period).financialYear] : []),
  ]);
  if (named.length === 0) {
    const current = parsePeriod(today.slice(0, 7)).financialYear;
    return { from: current, to: current };
  }
  named.sort();
  return { from: named[0], to: named[named.length - 1] };
}

/** Every indicator of the plan, in plan order. */
export function indicatorsOf(plan: Plan): PlanIndicator[] {
  return plan.themes.flatMap((theme) => theme.priorities.flatMap((p) => p.indicators));
}

/** The codes of the authority's other rule files that a plan's indicators may name. */
export interface PlanReferences {
  panels: readonly string[];
  services: readonly string[];
}

/**
 * What a plan names that the authority's files do not hold: an indicator's `panel` not in
 * config/panels.yaml, or its `serviceCode` not in config/services.yaml. Each mistake is named by
 * its path in the plan, with the codes there are (none: the plan fits).
 */
export function planReferenceErrors(plan: Plan, known: PlanReferences): string[] {
  const errors: string[] = [];
  plan.themes.forEach((theme, t) =>
    theme.priorities.forEach((priority, p) =>
      priority.indicators.forEach((indicator, i) => {
        const path = `themes[${t}].priorities[${p}].indicators[${i}]`;
        if (indicator.panel !== undefined && !known.panels.includes(indicator.panel)) {
          errors.push(
            `${path}.panel ${indicator.panel} is not a panel of panels.yaml (${known.panels.join(', ')})`,
          );
        }
        if (
          indicator.serviceCode !== undefined &&
          !known.services.includes(indicator.serviceCode)
        ) {
          errors.push(
            `${path}.serviceCode ${indicator.serviceCode} is not a service of services.yaml (${known.services.join(', ')})`,
          );
        }
      }),
    ),
  );
  return errors;
}
