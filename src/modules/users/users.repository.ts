import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/actor';
import type { Role } from '../../common/domain/roles';
import type { CursorKey } from '../../common/pagination/page';
import type { Sql } from '../../database/database';
import { SqlParams, versionedSet } from '../../database/sql-params';

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  agencyId: string;
  localityIds: string[];
  managerUserId: string | null;
  active: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Credentials {
  id: string;
  active: boolean;
  passwordHash: string;
  tokenVersion: number;
  displayName: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  agencyId: string;
  localityIds: string[];
  managerUserId: string | null;
  passwordHash: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  agencyId?: string;
  managerUserId?: string | null;
  active?: boolean;
  passwordHash?: string;
  localityIds?: string[];
  /** Set when older tokens must stop working (deactivation, new password). */
  revokeTokens?: boolean;
}

/** The column of each field of a change that is one. */
const USER_CHANGE_COLUMNS = {
  displayName: 'display_name',
  role: 'role',
  agencyId: 'agency_id',
  managerUserId: 'manager_user_id',
  active: 'active',
  passwordHash: 'password_hash',
} as const;

export interface UserFilter {
  role?: Role;
  localityId?: string;
  active?: boolean;
  /** Part of the display name or email (any case). */
  name?: string;
}

const USER_COLUMNS = `
  u.id, u.email, u.display_name AS "displayName", u.role, u.agency_id AS "agencyId",
  u.manager_user_id AS "managerUserId", u.active, u.version,
  u.created_at AS "createdAt", u.updated_at AS "updatedAt",
  COALESCE((SELECT array_agg(ul.locality_id ORDER BY ul.locality_id) FROM user_localities ul
            WHERE ul.user_id = u.id), '{}') AS "localityIds"`;

/** The advisory lock two instances starting together take before creating the first admin. */
const INITIAL_ADMIN_LOCK = 4_127_730_102;

@Injectable()
export class UsersRepository {
  /** Held to the end of the transaction: one starting instance at a time creates the first admin. */
  async lockInitialAdmin(sql: Sql): Promise<void> {
    await sql.exec('SELECT pg_advisory_xact_lock($1)', [INITIAL_ADMIN_LOCK]);
  }

  async findById(sql: Sql, id: string): Promise<UserRow | undefined> {
    return sql.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  }

  async findCredentialsByEmail(sql: Sql, email: string): Promise<Credentials | undefined> {
    return sql.one<Credentials>(
      `SELECT id, active, password_hash AS "passwordHash", token_version AS "tokenVersion",
              display_name AS "displayName"
       FROM users WHERE lower(email) = lower($1)`,
      [email],
    );
  }

  /** The user behind a token, if the token is still valid for them. */
  async findAuthUser(sql: Sql, id: string, tokenVersion: number): Promise<AuthUser | undefined> {
    return sql.one<AuthUser>(
      `SELECT u.id, u.role, u.agency_id AS "agencyId", u.manager_user_id AS "managerUserId",
              COALESCE((SELECT array_agg(ul.locality_id) FROM user_localities ul WHERE ul.user_id = u.id), '{}')
                AS "localityIds"
       FROM users u WHERE u.id = $1 AND u.active AND u.token_version = $2`,
      [id, tokenVersion],
    );
  }

  async list(
    sql: Sql,
    filter: UserFilter,
    after: CursorKey | undefined,
    limit: number,
  ): Promise<UserRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (filter.role) where.push(`u.role = ${param(filter.role)}`);
    if (filter.active !== undefined) where.push(`u.active = ${param(filter.active)}`);
    if (filter.name) {
      const like = param(`%${filter.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.display_name ILIKE ${like} OR u.email ILIKE ${like})`);
    }
    if (filter.localityId) {
      where.push(
        `EXISTS (SELECT 1 FROM user_localities f WHERE f.user_id = u.id AND f.locality_id = ${param(filter.localityId)})`,
      );
    }
    if (after)
      where.push(`(u.display_name, u.id) > (${param(after[0])}, ${param(after[1])}::uuid)`);
    return sql.rows<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY u.display_name, u.id LIMIT ${param(limit + 1)}`,
      params,
    );
  }

  /** Active users of `roles` whose name contains `name` (any case), by name. */
  async findActiveByName(
    sql: Sql,
    name: string,
    roles: readonly Role[],
    limit: number,
  ): Promise<UserRow[]> {
    const pattern = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return sql.rows<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u
       WHERE u.active AND u.role = ANY($2::text[]) AND u.display_name ILIKE $1
       ORDER BY u.display_name, u.id LIMIT $3`,
      [pattern, roles, limit],
    );
  }

  async countOtherActiveAdmins(sql: Sql, exceptUserId: string | null): Promise<number> {
    const row = await sql.one<{ count: number }>(
      `SELECT count(*) AS count FROM users WHERE role = 'admin' AND active AND id IS DISTINCT FROM $1`,
      [exceptUserId],
    );
    return row?.count ?? 0;
  }

  async emailTaken(sql: Sql, email: string): Promise<boolean> {
    return (
      (await sql.one(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email])) !== undefined
    );
  }

  async insert(sql: Sql, user: NewUser): Promise<string> {
    const row = await sql.one<{ id: string }>(
      `INSERT INTO users (email, display_name, role, agency_id, manager_user_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        user.email,
        user.displayName,
        user.role,
        user.agencyId,
        user.managerUserId,
        user.passwordHash,
      ],
    );
    await this.replaceLocalities(sql, row!.id, user.localityIds);
    return row!.id;
  }

  /** Applies the changes if the user is still at `version`; false when it has moved on. */
  async update(sql: Sql, id: string, version: number, changes: UserChanges): Promise<boolean> {
    const { localityIds, revokeTokens, ...columns } = changes;
    const p = new SqlParams();
    const set = versionedSet(p, USER_CHANGE_COLUMNS, columns);
    if (revokeTokens) set.push('token_version = token_version + 1');
    const updated = await sql.exec(
      `UPDATE users SET ${set.join(', ')} WHERE id = ${p.add(id)} AND version = ${p.add(version)}`,
      p.values,
    );
    if (updated === 1 && localityIds) await this.replaceLocalities(sql, id, localityIds);
    // Revoking tokens ends the user's web sessions too (signed out everywhere, at once).
    if (updated === 1 && revokeTokens) await this.deleteWebSessions(sql, id);
    return updated === 1;
  }

  /** Ends every web session of a user (see migrations/…-WebSessions.ts). */
  async deleteWebSessions(sql: Sql, id: string): Promise<number> {
    return sql.exec('DELETE FROM web_sessions WHERE user_id = $1', [id]);
  }

  async rehashPassword(sql: Sql, id: string, passwordHash: string): Promise<void> {
    await sql.exec('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]);
  }

  private async replaceLocalities(sql: Sql, userId: string, localityIds: string[]): Promise<void> {
    await sql.exec('DELETE FROM user_localities WHERE user_id = $1', [userId]);
    if (localityIds.length > 0) {
      await sql.exec(
        `INSERT INTO user_localities (user_id, locality_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [userId, localityIds],
      );
    }
  }
}
