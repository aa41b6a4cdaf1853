import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import type { Sql } from '../../database/database';
import { UsersService } from '../users/users.service';
import { CasesRepository } from './cases.repository';
import {
  INFORMATION_SHARING_CONSENT_NEEDED,
  Joiner,
  mayJoinTac,
  mayReferFromCase,
  SAFEGUARDING_NEEDED,
} from './domain/information-sharing';

/** What the family's information-sharing consent allows (docs/domain.md#consent-governs-sharing). */
@Injectable()
export class InformationSharingService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly users: UsersService,
  ) {}

  async hasConsent(sql: Sql, caseId: string): Promise<boolean> {
    const consent = await this.cases.activeConsent(sql, caseId);
    return consent?.scope.includes('information_sharing') ?? false;
  }

  /** 422 naming information-sharing consent when the joiner may not join yet. */
  async assertMayJoin(
    sql: Sql,
    c: { id: string; createdBy: string },
    joiner: Joiner,
  ): Promise<void> {
    const starter = await this.users.findById(sql, c.createdBy);
    if (!starter) return;
    if (!mayJoinTac(joiner, starter.agencyId, await this.hasConsent(sql, c.id))) {
      throw new DomainError('RULE_VIOLATED', INFORMATION_SHARING_CONSENT_NEEDED);
    }
  }

  /** 422 when a referral from the case would share without consent or safeguarding grounds. */
  async assertMayRefer(sql: Sql, caseId: string, safeguarding: boolean): Promise<void> {
    if (!mayReferFromCase(await this.hasConsent(sql, caseId), safeguarding)) {
      throw new DomainError('RULE_VIOLATED', SAFEGUARDING_NEEDED);
    }
  }
}
