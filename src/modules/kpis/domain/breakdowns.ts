/**
 * Equality breakdowns of child-level indicators (docs/domain.md#breakdowns-and-suppression):
 * the dimensions, their groups in the order they are published, and how a child falls in one.
 * The SQL of each metric's breakdown (kpis.repository.ts) groups by the expressions built here.
 */
import { ETHNIC_GROUPS, ETHNICITIES } from '../../children/domain/dfe-codes';

export const BREAKDOWNS = ['gender', 'ethnic_group', 'disability', 'age_band'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export function isBreakdown(value: unknown): value is Breakdown {
  return typeof value === 'string' && (BREAKDOWNS as readonly string[]).includes(value);
}

/** DfE census ethnicity codes by their major group (children/domain/dfe-codes.ts). */
export const ETHNIC_MAJOR_GROUP: Readonly<Record<string, string>> = Object.fromEntries(
  ETHNICITIES.map((e) => [e.code, e.group]),
);

/** Every group of each dimension, in published order; a group with no children is shown as 0. */
export const BREAKDOWN_GROUPS: Readonly<Record<Breakdown, readonly string[]>> = {
  gender: ['female', 'male', 'other', 'unknown'],
  ethnic_group: ETHNIC_GROUPS,
  disability: ['disabled', 'not_disabled'],
  age_band: ['0-4', '5-9', '10-15', '16-17'],
};

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The SQL expression giving a child's group, over `children ch` and the row's date `on_date`
 * (the age band is the age on the day the row is counted: a referral's date, the period's last
 * day for a state on that day). Built from the constants above only, never from input.
 */
export function groupExpression(breakdown: Breakdown): string {
  switch (breakdown) {
    case 'gender':
      return 'ch.gender';
    case 'disability':
      return "CASE WHEN ch.disability THEN 'disabled' ELSE 'not_disabled' END";
    case 'age_band':
      // Under 0 (a date before birth) counts as 0-4; 18 or over on the day as 16-17, the last
      // band of children's services.
      return `CASE WHEN date_part('year', age(b.on_date, ch.date_of_birth)) < 5 THEN '0-4'
                   WHEN date_part('year', age(b.on_date, ch.date_of_birth)) < 10 THEN '5-9'
                   WHEN date_part('year', age(b.on_date, ch.date_of_birth)) < 16 THEN '10-15'
                   ELSE '16-17' END`;
    case 'ethnic_group':
      return `CASE ch.ethnicity ${Object.entries(ETHNIC_MAJOR_GROUP)
        .map(([code, group]) => `WHEN ${quote(code)} THEN ${quote(group)}`)
        .join(' ')} ELSE 'Not known' END`;
  }
}
