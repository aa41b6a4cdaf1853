/**
 * The plan (the Children and Young People's Plan, docs/domain.md#indicators): themes, priorities and
 * indicators, each indicator on a catalogue metric with a frequency, a polarity and targets per
 * financial year. Read from config/plans/*.yaml or given by an admin; checked here so that a
 * mistake stops the start (or answers 400) naming where it is.
 */
import { ROLES, type Role } from '../../../common/domain/roles';
import { isMetricName, type MetricName } from './catalogue';
import type { Polarity } from './indicators';

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
  themes: PlanTheme[];
}

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
  const root = mapping(document, '', ['id', 'name', 'themes'], ['alsoVisibleTo']);
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
              ['source', 'targets'],
            );
            const metric = indicator['metric'];
            if (!isMetricName(metric))
              throw new PlanError(`${iPath}.metric is not a catalogue metric`);
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
            };
          }),
        };
      }),
    };
  });
  return { id: code(root['id'], 'id'), name: text(root['name'], 'name'), alsoVisibleTo, themes };
}

/** Every indicator of the plan, in plan order. */
export function indicatorsOf(plan: Plan): PlanIndicator[] {
  return plan.themes.flatMap((theme) => theme.priorities.flatMap((p) => p.indicators));
}
