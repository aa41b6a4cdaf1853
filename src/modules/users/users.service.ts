import { Injectable } from '@nestjs/common';
import type { Actor, AuthUser } from '../../common/auth/actor';
import { Passwords } from '../../common/auth/passwords';
import type { Role } from '../../common/domain/roles';
import { AuditLog, AuditActor } from '../../common/audit/audit-log';
import { DomainError, notFound, staleVersion } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { AgenciesService } from '../agencies/agencies.service';
import { LocalitiesService } from '../localities/localities.service';
import { ActiveUsers } from './active-users';
import { needsLocality, normaliseEmail, removesLastActiveAdmin } from './domain/user-rules';
import type { CreateUserDto, UpdateUserDto, UserListQuery } from './dto/user.dto';
import { Credentials, UserChanges, UserRow, UsersRepository } from './users.repository';

/** A user as another user sees them on a case. */
export interface Colleague {
  id: string;
  displayName: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  active: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesService,
    private readonly localities: LocalitiesService,
    private readonly passwords: Passwords,
    private readonly audit: AuditLog,
    private readonly active: ActiveUsers,
  ) {}

  // Reads and writes for other modules (auth, cases, referrals), inside the caller's transaction.

  findById(sql: Sql, id: string): Promise<UserRow | undefined> {
    return this.users.findById(sql, id);
  }

  findCredentialsByEmail(sql: Sql, email: string): Promise<Credentials | undefined> {
    return this.users.findCredentialsByEmail(sql, email);
  }

  /** The signed-in user a token names, if still active and the token not older than a password change. */
  findAuthUser(sql: Sql, id: string, tokenVersion: number): Promise<AuthUser | undefined> {
    return this.users.findAuthUser(sql, id, tokenVersion);
  }

  /**
   * The signed-in user a token names, as `findAuthUser` answers it, for the guard of every
   * request (the API's bearer tokens, the web app's sessions): from a cache of a few seconds
   * that any change to the user clears at once in every process, or, while that cannot be
   * guaranteed (Redis down), from PostgreSQL (docs/domain.md#signed-in-user-cache).
   */
  activeUser(id: string, tokenVersion: number): Promise<AuthUser | undefined> {
    return this.active.get(id, tokenVersion, () =>
      this.db.read((sql) => this.users.findAuthUser(sql, id, tokenVersion)),
    );
  }

  /** After a change to user `id` has committed: no process answers the old user again. */
  userChanged(id: string): Promise<void> {
    return this.active.changed(id);
  }

  /** Users as a colleague reads them: name, role and agency (for the TAC pages). */
  async colleagues(sql: Sql, ids: Iterable<string>): Promise<Map<string, Colleague>> {
    const found = new Map<string, Colleague>();
    for (const id of new Set(ids)) {
      const user = await this.users.findById(sql, id);
      if (user) found.set(id, await this.colleagueOf(sql, user));
    }
    return found;
  }

  /** Active practitioners and locality managers whose name contains `name`: who may join a TAC. */
  async findColleagues(sql: Sql, name: string, limit: number): Promise<Colleague[]> {
    const rows = await this.users.findActiveByName(
      sql,
      name,
      ['practitioner', 'locality_manager'],
      limit,
    );
    const colleagues: Colleague[] = [];
    for (const row of rows) colleagues.push(await this.colleagueOf(sql, row));
    return colleagues;
  }

  private async colleagueOf(sql: Sql, user: UserRow): Promise<Colleague> {
    const agency = await this.agencies.findById(sql, user.agencyId);
    return {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      agencyId: user.agencyId,
      agencyName: agency?.name ?? '',
      active: user.active,
    };
  }

  rehashPassword(sql: Sql, id: string, passwordHash: string): Promise<void> {
    return this.users.rehashPassword(sql, id, passwordHash);
  }

  async create(actor: AuditActor, input: CreateUserDto): Promise<UserRow> {
    const email = normaliseEmail(input.email);
    const passwordHash = await this.passwords.hash(input.password);
    return this.db.transaction(async (sql) => {
      if (await this.users.emailTaken(sql, email)) {
        throw new DomainError('ALREADY_EXISTS', 'A user with this email already exists');
      }
      await this.checkReferences(sql, {
        role: input.role,
        agencyId: input.agencyId,
        localityIds: input.localityIds,
        managerUserId: input.managerUserId ?? null,
      });
      const id = await this.users.insert(sql, {
        email,
        displayName: input.displayName,
        role: input.role,
        agencyId: input.agencyId,
        localityIds: input.localityIds,
        managerUserId: input.managerUserId ?? null,
        passwordHash,
      });
      await this.audit.record(sql, actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        details: { role: input.role, agencyId: input.agencyId, localityIds: input.localityIds },
      });
      return (await this.users.findById(sql, id))!;
    });
  }

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserRow> {
    try {
      return await this.updateInTransaction(actor, id, input);
    } finally {
      // Also after a failure: a commit whose answer was lost must not leave the old user cached.
      await this.active.changed(id);
    }
  }

  private async updateInTransaction(
    actor: Actor,
    id: string,
    input: UpdateUserDto,
  ): Promise<UserRow> {
    const passwordHash =
      input.password === undefined ? undefined : await this.passwords.hash(input.password);
    return this.db.transaction(async (sql) => {
      const current = await this.users.findById(sql, id);
      if (!current) throw notFound('User');
      if (current.version !== input.version) throw staleVersion('User');

      const after = {
        role: input.role ?? current.role,
        active: input.active ?? current.active,
        agencyId: input.agencyId ?? current.agencyId,
        localityIds: input.localityIds ?? current.localityIds,
        managerUserId:
          input.managerUserId === undefined ? current.managerUserId : input.managerUserId,
      };
      if (after.managerUserId === id) {
        throw new DomainError('VALIDATION_FAILED', 'managerUserId cannot be the user themselves');
      }
      await this.checkReferences(sql, after);
      if (
        removesLastActiveAdmin(current, after, await this.users.countOtherActiveAdmins(sql, id))
      ) {
        throw new DomainError('LAST_ACTIVE_ADMIN', 'This change would leave no active admin');
      }

      const changes: UserChanges = {
        displayName: input.displayName,
        role: input.role,
        agencyId: input.agencyId,
        localityIds: input.localityIds,
        managerUserId: input.managerUserId,
        active: input.active,
        passwordHash,
        revokeTokens: passwordHash !== undefined || (current.active && after.active === false),
      };
      if (!(await this.users.update(sql, id, input.version, changes))) throw staleVersion('User');
      await this.audit.record(sql, actor, {
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        details: { fields: Object.keys(input).filter((field) => field !== 'version') },
      });
      return (await this.users.findById(sql, id))!;
    });
  }

  async get(id: string): Promise<UserRow> {
    const user = await this.db.read((sql) => this.users.findById(sql, id));
    if (!user) throw notFound('User');
    return user;
  }

  /** Users by display name; `name` (the admin pages' "Find a user") narrows by name or email. */
  async list(query: UserListQuery, name?: string): Promise<Page<UserRow>> {
    const limit = pageLimit(query);
    const rows = await this.db.read((sql) =>
      this.users.list(
        sql,
        { role: query.role, localityId: query.localityId, active: query.active, name },
        decodeCursor(query.cursor, 2),
        limit,
      ),
    );
    return toPage(
      rows,
      limit,
      (row) => [row.displayName, row.id],
      (row) => row,
    );
  }

  private async checkReferences(
    sql: Sql,
    user: { role: Role; agencyId: string; localityIds: string[]; managerUserId: string | null },
  ): Promise<void> {
    if (needsLocality(user.role) && user.localityIds.length === 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `localityIds must name at least one locality for a ${user.role}`,
      );
    }
    if (!(await this.agencies.findById(sql, user.agencyId))) {
      throw new DomainError('UNKNOWN_REFERENCE', 'agencyId does not refer to an agency');
    }
    if ((await this.localities.missing(sql, user.localityIds)).length > 0) {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        'localityIds contains an id that is not a locality',
      );
    }
    if (user.managerUserId !== null && !(await this.users.findById(sql, user.managerUserId))) {
      throw new DomainError('UNKNOWN_REFERENCE', 'managerUserId does not refer to a user');
    }
  }
}
