/**
 * Reporting periods (docs/domain.md#periods): a month `2011-04`, a quarter of a financial year
 * `FY2011-12-Q1` (April–June 2011; Q4 is January–March 2012) or a financial year `FY2011-12`
 * (1 April 2011 – 31 March 2012). Dates are calendar dates, inclusive.
 */
import { addDays, type IsoDate } from '../../../common/domain/iso-date';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  id: string;
  kind: PeriodKind;
  /** First day, inclusive. */
  from: IsoDate;
  /** Last day, inclusive. */
  to: IsoDate;
  /** The financial year the period lies in, e.g. `FY2011-12`: targets are set per financial year. */
  financialYear: string;
  /** The calendar year whose mid-year population estimate rates use: the year of `from`. */
  populationYear: number;
  /** Days in the period and in its financial year, for annualising rates. */
  days: number;
  financialYearDays: number;
}

export class PeriodError extends Error {}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function lastDayOfMonth(year: number, month: number): IsoDate {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function daysBetweenInclusive(from: IsoDate, to: IsoDate): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** `FY2011-12` for the financial year that starts in April of `startYear`. */
export function financialYearId(startYear: number): string {
  return `FY${pad(startYear, 4)}-${pad((startYear + 1) % 100)}`;
}

/** The financial year start (April) of the year a date falls in. */
export function financialYearStartOf(date: IsoDate): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

function build(id: string, kind: PeriodKind, from: IsoDate, to: IsoDate): Period {
  const fyStart = financialYearStartOf(from);
  return {
    id,
    kind,
    from,
    to,
    financialYear: financialYearId(fyStart),
    populationYear: Number(from.slice(0, 4)),
    days: daysBetweenInclusive(from, to),
    financialYearDays: daysBetweenInclusive(`${fyStart}-04-01`, `${fyStart + 1}-03-31`),
  };
}

const MONTH = /^(\d{4})-(\d{2})$/;
const FINANCIAL = /^FY(\d{4})-(\d{2})(?:-Q([1-4]))?$/;

/**
 * Parses a period id; PeriodError explaining the accepted forms otherwise. Years 1990–2100.
 */
export function parsePeriod(id: string): Period {
  const invalid = (): never => {
    throw new PeriodError(
      `period ${JSON.stringify(id)} is not a month (2011-04), a quarter (FY2011-12-Q1) or a financial year (FY2011-12)`,
    );
  };
  if (typeof id !== 'string') return invalid();
  const month = MONTH.exec(id);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    if (m < 1 || m > 12 || year < 1990 || year > 2100) return invalid();
    return build(id, 'month', `${month[1]}-${month[2]}-01`, lastDayOfMonth(year, m));
  }
  const fy = FINANCIAL.exec(id);
  if (!fy) return invalid();
  const start = Number(fy[1]);
  if (start < 1990 || start > 2100 || Number(fy[2]) !== (start + 1) % 100) return invalid();
  if (fy[3] === undefined) {
    return build(id, 'year', `${fy[1]}-04-01`, `${pad(start + 1, 4)}-03-31`);
  }
  const quarter = Number(fy[3]);
  const firstMonth = quarter === 4 ? 1 : 1 + quarter * 3; // Q1 April, Q2 July, Q3 October, Q4 January
  const year = quarter === 4 ? start + 1 : start;
  return build(
    id,
    'quarter',
    `${pad(year, 4)}-${pad(firstMonth)}-01`,
    lastDayOfMonth(year, firstMonth + 2),
  );
}

/** The quarter containing a date, e.g. 2011-05-06 → FY2011-12-Q1. */
export function quarterOf(date: IsoDate): Period {
  const [, month] = date.split('-').map(Number);
  const quarter = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  return parsePeriod(`${financialYearId(financialYearStartOf(date))}-Q${quarter}`);
}

/** The `count` quarters ending with `last`, oldest first. */
export function quartersEndingWith(last: Period, count: number): Period[] {
  const quarters: Period[] = [];
  let current = quarterOf(last.to);
  for (let i = 0; i < count; i++) {
    quarters.unshift(current);
    current = quarterOf(addDays(current.from, -1));
  }
  return quarters;
}

/** The month containing a date, e.g. 2011-05-06 → 2011-05. */
export function monthOf(date: IsoDate): Period {
  return parsePeriod(date.slice(0, 7));
}

/** The financial year containing a date, e.g. 2012-01-10 → FY2011-12. */
export function financialYearOf(date: IsoDate): Period {
  return parsePeriod(financialYearId(financialYearStartOf(date)));
}

export type TrendFrequency = 'monthly' | 'quarterly' | 'annual';

/** How many periods a trend shows for each frequency. */
export const TREND_LENGTH: Readonly<Record<TrendFrequency, number>> = {
  monthly: 13,
  quarterly: 8,
  annual: 5,
};

/**
 * The periods of an indicator's trend, oldest first: the 13 months, 8 quarters or 5 financial
 * years ending with the one that holds the last day of `last` (a quarter's trend of a monthly
 * indicator ends with the quarter's last month).
 */
export function trendPeriods(frequency: TrendFrequency, last: Period): Period[] {
  const of = { monthly: monthOf, quarterly: quarterOf, annual: financialYearOf }[frequency];
  const periods: Period[] = [];
  let current = of(last.to);
  for (let i = 0; i < TREND_LENGTH[frequency]; i++) {
    periods.unshift(current);
    current = of(addDays(current.from, -1));
  }
  return periods;
}

/** The periods of `kind` lying wholly inside `outer` (itself, for the same kind). */
export function periodsWithin(outer: Period, kind: PeriodKind): Period[] {
  const of = { month: monthOf, quarter: quarterOf, year: financialYearOf }[kind];
  const periods: Period[] = [];
  let current = of(outer.from);
  while (current.to <= outer.to) {
    if (current.from >= outer.from) periods.push(current);
    current = of(addDays(current.to, 1));
  }
  return periods;
}

/** The last quarter that has ended by `today` (the dashboard opens on it). */
export function lastClosedQuarter(today: IsoDate): Period {
  return quarterOf(addDays(quarterOf(today).from, -1));
}
