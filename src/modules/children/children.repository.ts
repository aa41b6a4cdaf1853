import { Injectable } from '@nestjs/common';
import { caseVisibleTo, childVisibleTo, referralVisibleTo } from '../../common/access/visibility';
import type { Actor } from '../../common/auth/actor';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams } from '../../database/sql-params';
import type { DisabilityCode, EthnicityCode } from './domain/dfe-codes';
import type { ChildDto, Gender, HouseholdMemberDto } from './dto/child.dto';

export interface NewChild {
  givenName: string;
  familyName: string;
  nameKey: string;
  dateOfBirth: string;
  gender: Gender;
  localityId: string;
  postcode: string | null;
  ethnicity: EthnicityCode;
  nhsNumber: string | null;
  upn: string | null;
  disability: boolean;
  disabilities: DisabilityCode[];
  householdId: string | null;
  createdBy: string;
}

/** How a search term is read: a date, an NHS number, a UPN, or (part of) a name. */
export type ChildSearch =
  | { kind: 'dateOfBirth'; value: string }
  | { kind: 'nhsNumber'; value: string }
  | { kind: 'upn'; value: string }
  | { kind: 'name'; value: string };

export const CHILD_COLUMNS = `
  ch.id, ch.given_name AS "givenName", ch.family_name AS "familyName", ch.date_of_birth AS "dateOfBirth",
  ch.gender, ch.locality_id AS "localityId", ch.postcode, ch.ethnicity, ch.nhs_number AS "nhsNumber",
  ch.upn, ch.disability, ch.disabilities, ch.household_id AS "householdId", ch.version,
  ch.created_at AS "createdAt"`;

@Injectable()
export class ChildrenRepository {
  async insert(sql: Sql, child: NewChild): Promise<ChildDto> {
    const row = await sql.one<ChildDto>(
      `INSERT INTO children AS ch (given_name, family_name, name_key, date_of_birth, gender, locality_id, postcode,
         ethnicity, nhs_number, upn, disability, household_id, created_by, disabilities)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       RETURNING ${CHILD_COLUMNS}`,
      [
        child.givenName,
        child.familyName,
        child.nameKey,
        child.dateOfBirth,
        child.gender,
        child.localityId,
        child.postcode,
        child.ethnicity,
        child.nhsNumber,
        child.upn,
        child.disability,
        child.householdId,
        child.createdBy,
        child.disabilities,
      ],
    );
    return row!;
  }

  /**
   * Other children with the same name and date of birth in the locality (index
   * children_duplicate_idx) that the actor may see: one they may not see is not named to them
   * (docs/domain.md#access: its existence must not leak).
   */
  async possibleDuplicates(
    sql: Sql,
    actor: Actor,
    child: { id: string; localityId: string; nameKey: string; dateOfBirth: string },
  ): Promise<string[]> {
    const p = new SqlParams();
    const rows = await sql.rows<{ id: string }>(
      `SELECT ch.id FROM children ch
       WHERE ch.locality_id = ${p.add(child.localityId)} AND ch.name_key = ${p.add(child.nameKey)}
         AND ch.date_of_birth = ${p.add(child.dateOfBirth)} AND ch.id <> ${p.add(child.id)}
         AND ${childVisibleTo(actor, 'ch', p)}
       ORDER BY ch.created_at, ch.id`,
      p.values,
    );
    return rows.map((row) => row.id);
  }

  /** The child if the actor may see it; undefined otherwise (the caller answers 404 either way). */
  async findVisible(sql: Sql, actor: Actor, id: string): Promise<ChildDto | undefined> {
    const p = new SqlParams();
    return sql.one<ChildDto>(
      `SELECT ${CHILD_COLUMNS} FROM children ch WHERE ch.id = ${p.add(id)} AND ${childVisibleTo(actor, 'ch', p)}`,
      p.values,
    );
  }

  async search(
    sql: Sql,
    actor: Actor,
    search: ChildSearch | undefined,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<ChildDto[]> {
    const p = new SqlParams();
    const where = [childVisibleTo(actor, 'ch', p)];
    if (search?.kind === 'dateOfBirth') where.push(`ch.date_of_birth = ${p.add(search.value)}`);
    if (search?.kind === 'nhsNumber') where.push(`ch.nhs_number = ${p.add(search.value)}`);
    if (search?.kind === 'upn') where.push(`ch.upn = ${p.add(search.value)}`);
    if (search?.kind === 'name') {
      // Every word of the search appears in the name (trigram index children_name_trgm_idx).
      for (const word of search.value.split(' ').filter(Boolean)) {
        where.push(`ch.name_key LIKE ${p.add(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
      }
    }
    if (after) {
      where.push(
        `(ch.family_name, ch.given_name, ch.id) > (${p.add(after[0])}, ${p.add(after[1])}, ${p.add(after[2])}::uuid)`,
      );
    }
    return sql.rows<ChildDto>(
      `SELECT ${CHILD_COLUMNS} FROM children ch WHERE ${where.join(' AND ')}
       ORDER BY ch.family_name, ch.given_name, ch.id LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
  }

  /** The child's locality, whoever asks: for rules that need it after access is settled. */
  /** The names of children the caller has already been allowed to see (through their cases). */
  async namesOf(sql: Sql, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await sql.rows<{ id: string; name: string }>(
      `SELECT id, given_name || ' ' || family_name AS name FROM children WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async localityOf(sql: Sql, id: string): Promise<string | undefined> {
    return (
      await sql.one<{ localityId: string }>(
        'SELECT locality_id AS "localityId" FROM children WHERE id = $1',
        [id],
      )
    )?.localityId;
  }

  /** The child's household, made for them if they have none (a sibling joins it). */
  async ensureHousehold(
    sql: Sql,
    childId: string,
  ): Promise<{ householdId: string; made: boolean }> {
    const made = await sql.one<{ householdId: string }>(
      `UPDATE children SET household_id = gen_random_uuid(), version = version + 1, updated_at = now()
       WHERE id = $1 AND household_id IS NULL RETURNING household_id AS "householdId"`,
      [childId],
    );
    if (made) return { householdId: made.householdId, made: true };
    const row = await sql.one<{ householdId: string }>(
      'SELECT household_id AS "householdId" FROM children WHERE id = $1',
      [childId],
    );
    return { householdId: row!.householdId, made: false };
  }

  /**
   * The other children of the household the actor may see (index children_household_idx), with
   * the open case and the open referral of each that the actor may see: a child they may not
   * see is neither named nor counted.
   */
  async householdMembers(
    sql: Sql,
    actor: Actor,
    householdId: string,
    exceptChildId: string,
  ): Promise<HouseholdMemberDto[]> {
    const p = new SqlParams();
    return sql.rows<HouseholdMemberDto>(
      `SELECT ch.id AS "childId", ch.given_name AS "givenName", ch.family_name AS "familyName",
              ch.date_of_birth AS "dateOfBirth",
              (SELECT json_build_object('id', c.id, 'status', c.status, 'tier', c.tier,
                        'leadProfessional', CASE WHEN lu.id IS NULL THEN NULL
                          ELSE json_build_object('id', lu.id, 'displayName', lu.display_name) END)
               FROM cases c LEFT JOIN users lu ON lu.id = c.lead_professional_id
               WHERE c.child_id = ch.id AND c.status <> 'closed' AND ${caseVisibleTo(actor, 'c', p)}) AS "openCase",
              (SELECT json_build_object('id', r.id, 'referredAt', r.referred_at,
                        'status', CASE WHEN r.outcome IS NULL THEN 'awaiting_decision' ELSE 'decided' END,
                        'outcome', r.outcome)
               FROM referrals r
               WHERE r.child_id = ch.id AND r.episode_ended_on IS NULL AND ${referralVisibleTo(actor, 'r', p)}
               ORDER BY r.referred_at DESC, r.created_at DESC LIMIT 1) AS "openReferral"
       FROM children ch
       WHERE ch.household_id = ${p.add(householdId)} AND ch.id <> ${p.add(exceptChildId)}
         AND ${childVisibleTo(actor, 'ch', p)}
       ORDER BY ch.date_of_birth, ch.family_name, ch.given_name, ch.id`,
      p.values,
    );
  }
}
