import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/actor';
import { MAX_PAGE_SIZE } from '../../common/pagination/page';
import { Database } from '../../database/database';
import { ChildrenService } from '../children/children.service';
import { UsersService } from '../users/users.service';
import type { Dated } from './assessment-support';
import type { CoreAssessmentRow } from './assessments.repository';
import { CoreAssessmentsService } from './core-assessments.service';

/** A social care worker as the pages offer them (to assign an assessment, or a manager's team). */
export interface Worker {
  id: string;
  displayName: string;
  managerUserId: string | null;
}

/**
 * What the social care pages need besides the API's answers: the names of the children and
 * users those answers name, the social care workers to assign, a manager's team (the workers
 * whose manager they are), and an initial assessment's core assessment. The records themselves
 * are read through the referral and assessment services (their visibility and audit).
 */
@Injectable()
export class ReferralPagesService {
  constructor(
    private readonly db: Database,
    private readonly children: ChildrenService,
    private readonly users: UsersService,
    private readonly core: CoreAssessmentsService,
  ) {}

  /** Children's names by id, for records the actor has just been shown (and audited for). */
  childNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    return this.db.read((sql) => this.children.namesOf(sql, unique));
  }

  /** Users' display names by id. */
  async userNames(ids: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
    const names: Record<string, string> = {};
    await this.db.read(async (sql) => {
      for (const id of unique) {
        const user = await this.users.findById(sql, id);
        if (user) names[id] = user.displayName;
      }
    });
    return names;
  }

  /** The active social care workers, by name. */
  async socialCareWorkers(): Promise<Worker[]> {
    const workers: Worker[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.users.list({
        role: 'social_care',
        active: true,
        limit: MAX_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      for (const u of page.items) {
        workers.push({ id: u.id, displayName: u.displayName, managerUserId: u.managerUserId });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return workers;
  }

  /** The social care workers whose manager the actor is (none: the actor manages no team). */
  async teamOf(actor: Actor): Promise<Worker[]> {
    return (await this.socialCareWorkers()).filter((w) => w.managerUserId === actor.id);
  }

  /** The core assessment started from an initial assessment the actor has just read, if any. */
  coreForInitial(initialAssessmentId: string): Promise<Dated<CoreAssessmentRow> | null> {
    return this.db.read((sql) => this.core.coreForInitial(sql, initialAssessmentId));
  }
}
