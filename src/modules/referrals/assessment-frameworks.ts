import { Injectable } from '@nestjs/common';
import { InjectAuthorityFile } from '../../config/authority-files';
import { DomainError } from '../../common/errors/domain-error';
import { ASSESSMENT_FRAMEWORK_FILE } from './assessment-framework.file';
import { frameworkOn, type AssessmentFramework } from './domain/assessment-framework';

/**
 * The authority's assessment frameworks by date (assessment-framework.yaml, checked at start;
 * docs/domain.md#assessment-frameworks).
 */
@Injectable()
export class AssessmentFrameworks {
  constructor(
    @InjectAuthorityFile(ASSESSMENT_FRAMEWORK_FILE)
    readonly frameworks: readonly AssessmentFramework[],
  ) {}

  /** The framework in force on a referral date; 422 before the first framework starts. */
  on(referredAt: string): AssessmentFramework {
    try {
      return frameworkOn(this.frameworks, referredAt);
    } catch (error) {
      throw new DomainError('RULE_VIOLATED', (error as Error).message);
    }
  }
}
