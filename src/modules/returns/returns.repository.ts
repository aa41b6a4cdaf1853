import { Injectable } from '@nestjs/common';
import type { Sql } from '../../database/database';
import type { DisabilityCode, EthnicityCode } from '../children/domain/dfe-codes';
import type { CollectionYear } from './domain/collection-year';
import type { EpisodeFacts } from './domain/census-episode';

/** One child of the return with its episodes open in the year, as the cursor reads them. */
export interface CensusChildRow {
  childId: string;
  upn: string | null;
  dateOfBirth: string;
  gender: 'male' | 'female' | 'other' | 'unknown';
  ethnicity: EthnicityCode;
  disabilities: DisabilityCode[];
  disability: boolean;
  episodes: EpisodeFacts[];
}

const CURSOR = 'cin_census_children';

/** A referral episode open at some time in the year: referred by its end, not ended before its start. */
function openInYear(alias: string, year: CollectionYear): string {
  // The dates come from a checked four-digit year (parseCollectionYear), never from the caller:
  // a cursor's query is written out, as DECLARE takes no parameters on the simple protocol.
  return `${alias}.referred_at <= DATE '${year.to}'
    AND (${alias}.episode_ended_on IS NULL OR ${alias}.episode_ended_on >= DATE '${year.from}')`;
}

/**
 * The children of the census year with their episodes open in it (and their assessments) as
 * JSON, in child order: the cursor's query (bench:returns sends the same to psql's COPY).
 */
export function censusChildrenSql(year: CollectionYear): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(year.from) || !/^\d{4}-\d{2}-\d{2}$/.test(year.to)) {
    throw new RangeError('collection year dates must be ISO dates');
  }
  // One pass: the year's episodes with their assessments (hash joins), grouped by child.
  return `
      WITH e AS (
        SELECT r.child_id, r.referred_at, r.created_at, r.id,
               json_build_object(
                 'referralId', r.id,
                 'referredAt', r.referred_at,
                 'source', r.source,
                 'cinSource', r.cin_source,
                 'fromCase', r.case_id IS NOT NULL,
                 'referrerAgencyType', a.type,
                 'outcome', r.outcome,
                 'decidedAt', r.decided_at,
                 'endedOn', r.episode_ended_on,
                 'closureReason', r.closure_reason,
                 'primaryNeed', r.primary_need,
                 'initial', CASE WHEN ia.id IS NULL THEN NULL ELSE json_build_object(
                   'id', ia.id, 'completedAt', ia.completed_at, 'outcome', ia.outcome,
                   'factors', ia.factors) END,
                 'core', CASE WHEN ca.id IS NULL THEN NULL ELSE json_build_object(
                   'id', ca.id, 'commencedAt', ca.commenced_at, 'completedAt', ca.completed_at,
                   'factors', ca.factors) END,
                 'single', CASE WHEN sa.id IS NULL THEN NULL ELSE json_build_object(
                   'id', sa.id, 'startedAt', sa.started_at, 'completedAt', sa.completed_at,
                   'outcome', sa.outcome, 'factors', sa.factors) END
               ) AS episode
        FROM referrals r
        JOIN users u ON u.id = r.referrer_user_id
        LEFT JOIN agencies a ON a.id = u.agency_id
        LEFT JOIN initial_assessments ia ON ia.referral_id = r.id
        LEFT JOIN core_assessments ca ON ca.initial_assessment_id = ia.id
        LEFT JOIN single_assessments sa ON sa.referral_id = r.id
        WHERE ${openInYear('r', year)}
      )
      SELECT c.id AS "childId", c.upn, to_char(c.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
             c.gender, c.ethnicity, c.disabilities, c.disability,
             json_agg(e.episode ORDER BY e.referred_at, e.created_at, e.id) AS episodes
      FROM e JOIN children c ON c.id = e.child_id
      GROUP BY c.id
      ORDER BY c.id`;
}

/**
 * The Children in Need census: the children with a referral episode open at some time in a
 * collection year, read through a server-side cursor in child order so that a year at any
 * scale is never held whole, with each child's episodes and their assessments as JSON.
 */
@Injectable()
export class ReturnsRepository {
  /**
   * Opens the cursor on `sql`: a transaction, just begun, that the caller keeps open while it
   * fetches (read only; one snapshot for the whole return).
   */
  async openCensusCursor(sql: Sql, year: CollectionYear): Promise<void> {
    await sql.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // Planned for the whole result (set-based joins), not for its first rows (nested loops).
    await sql.exec('SET LOCAL cursor_tuple_fraction = 1');
    await sql.exec(`
      DECLARE ${CURSOR} NO SCROLL CURSOR FOR
      ${censusChildrenSql(year)}`);
  }

  /** The next `count` children from the cursor; fewer (or none) at its end. */
  async fetchCensusChildren(sql: Sql, count: number): Promise<CensusChildRow[]> {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be positive');
    return sql.rows<CensusChildRow>(`FETCH FORWARD ${count} FROM ${CURSOR}`);
  }

  async closeCensusCursor(sql: Sql): Promise<void> {
    await sql.exec(`CLOSE ${CURSOR}`);
  }
}
