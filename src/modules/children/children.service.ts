import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { AuditLog } from '../../common/audit/audit-log';
import { DomainError, notFound } from '../../common/errors/domain-error';
import { decodeCursor, Page, pageLimit, toPage } from '../../common/pagination/page';
import { Database, Sql } from '../../database/database';
import { isIsoDate } from '../../common/domain/iso-date';
import { ChildrenRepository, ChildSearch } from './children.repository';
import { nameMatchKey } from './domain/child-identity';
import { disabledByCodes, ETHNICITY_NOT_OBTAINED } from './domain/dfe-codes';
import { isValidNhsNumber, normaliseNhsNumber } from './domain/nhs-number';
import { isValidUpn, normaliseUpn } from './domain/upn';
import type {
  ChildDto,
  ChildSearchQuery,
  CreateChildDto,
  CreatedChildDto,
  HouseholdDto,
} from './dto/child.dto';

/** Reads a search term as the identifier it looks like, else as a name. */
export function readChildSearch(q: string): ChildSearch {
  const term: unknown = q; // isIsoDate would narrow a string to never when it answers false
  if (isIsoDate(term)) return { kind: 'dateOfBirth', value: term };
  const nhs = normaliseNhsNumber(q);
  if (/^\d{10}$/.test(nhs) && isValidNhsNumber(nhs)) return { kind: 'nhsNumber', value: nhs };
  const upn = normaliseUpn(q);
  if (isValidUpn(upn)) return { kind: 'upn', value: upn };
  // Each word as names are compared (child-identity.ts); every word must appear.
  const words = q.split(/\s+/).map((word) => nameMatchKey(word, '').replace(/\|$/, ''));
  return { kind: 'name', value: words.filter(Boolean).join(' ') };
}

@Injectable()
export class ChildrenService {
  constructor(
    private readonly db: Database,
    private readonly children: ChildrenRepository,
    private readonly audit: AuditLog,
  ) {}

  /** A child the actor may see, inside the caller's transaction (for other modules). */
  findVisible(sql: Sql, actor: Actor, id: string): Promise<ChildDto | undefined> {
    return this.children.findVisible(sql, actor, id);
  }

  /** The child's locality, inside the caller's transaction (for other modules). */
  localityOf(sql: Sql, id: string): Promise<string | undefined> {
    return this.children.localityOf(sql, id);
  }

  /** Children's display names by id, inside the caller's transaction (for other modules' lists). */
  namesOf(sql: Sql, ids: readonly string[]): Promise<Map<string, string>> {
    return this.children.namesOf(sql, ids);
  }

  async register(actor: Actor, input: CreateChildDto): Promise<CreatedChildDto> {
    if (!actor.localityIds.includes(input.localityId)) {
      throw new DomainError('FORBIDDEN', 'You can register children only in your own localities');
    }
    if (input.householdId !== undefined && input.siblingOfChildId !== undefined) {
      throw new DomainError('VALIDATION_FAILED', 'give householdId or siblingOfChildId, not both');
    }
    const nameKey = nameMatchKey(input.givenName, input.familyName);
    return this.db.transaction(async (sql) => {
      const sibling = await this.sibling(sql, actor, input.siblingOfChildId);
      const child = await this.children.insert(sql, {
        givenName: input.givenName,
        familyName: input.familyName,
        nameKey,
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        localityId: input.localityId,
        postcode: input.postcode?.toUpperCase() ?? null,
        ethnicity: input.ethnicity ?? ETHNICITY_NOT_OBTAINED,
        nhsNumber: input.nhsNumber ?? null,
        upn: input.upn ?? null,
        // docs/domain.md#dfe-codes: a list of codes decides; without one, the flag as given.
        disability: disabledByCodes(input.disabilities ?? []) ?? input.disability ?? false,
        disabilities: input.disabilities ?? [],
        householdId: sibling?.householdId ?? input.householdId ?? null,
        createdBy: actor.id,
      });
      const possibleDuplicates = await this.children.possibleDuplicates(sql, actor, {
        ...child,
        nameKey,
      });
      await this.audit.recordMany(sql, actor, [
        {
          action: 'child.created',
          entityType: 'child',
          entityId: child.id,
          childId: child.id,
          details: {
            possibleDuplicates: possibleDuplicates.length,
            ...(sibling ? { siblingOfChildId: sibling.id } : {}),
          },
        },
        // The sibling's record changes when its household is made for the two of them.
        ...(sibling?.made
          ? [
              {
                action: 'child.household_made',
                entityType: 'child',
                entityId: sibling.id,
                childId: sibling.id,
                details: { siblingChildId: child.id },
              },
            ]
          : []),
      ]);
      return { ...child, possibleDuplicates };
    });
  }

  /** The child whose household a new child joins: one the actor may see, else 404 as for any unknown child. */
  private async sibling(
    sql: Sql,
    actor: Actor,
    siblingOfChildId: string | undefined,
  ): Promise<{ id: string; householdId: string; made: boolean } | undefined> {
    if (siblingOfChildId === undefined) return undefined;
    if (!(await this.children.findVisible(sql, actor, siblingOfChildId))) throw notFound('Child');
    return {
      id: siblingOfChildId,
      ...(await this.children.ensureHousehold(sql, siblingOfChildId)),
    };
  }

  /** The other children of the child's household whom the actor may see (docs/domain.md#household). */
  async household(actor: Actor, id: string): Promise<HouseholdDto> {
    return this.db.transaction(async (sql) => {
      const child = await this.children.findVisible(sql, actor, id);
      if (!child) throw notFound('Child');
      const members =
        child.householdId === null
          ? []
          : await this.children.householdMembers(sql, actor, child.householdId, id);
      await this.audit.recordMany(sql, actor, [
        {
          action: 'child.household_read',
          entityType: 'child',
          entityId: id,
          childId: id,
          details: { members: members.length },
        },
        ...members.map((member) => ({
          action: 'child.listed',
          entityType: 'child',
          entityId: member.childId,
          childId: member.childId,
          details: { household: true },
        })),
      ]);
      return { householdId: child.householdId, members };
    });
  }

  async get(actor: Actor, id: string): Promise<ChildDto> {
    return this.db.transaction(async (sql) => {
      const child = await this.children.findVisible(sql, actor, id);
      if (!child) throw notFound('Child');
      await this.audit.record(sql, actor, {
        action: 'child.read',
        entityType: 'child',
        entityId: id,
        childId: id,
      });
      return child;
    });
  }

  async search(actor: Actor, query: ChildSearchQuery): Promise<Page<ChildDto>> {
    const limit = pageLimit(query);
    const search = query.q === undefined ? undefined : readChildSearch(query.q);
    return this.db.transaction(async (sql) => {
      const rows = await this.children.search(
        sql,
        actor,
        search,
        decodeCursor(query.cursor, 3),
        limit,
      );
      const page = toPage(
        rows,
        limit,
        (row) => [row.familyName, row.givenName, row.id],
        (row) => row,
      );
      await this.audit.recordListed(
        sql,
        actor,
        'child.listed',
        'child',
        page.items.map((child) => ({ id: child.id, childId: child.id })),
        { search: search?.kind ?? 'none' },
      );
      return page;
    });
  }
}
