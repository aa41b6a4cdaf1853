import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../common/errors/domain-error';
import { PROJECT_ROOT } from '../../config/project-root';
import {
  frameworkOn,
  parseAssessmentFrameworks,
  type AssessmentFramework,
} from './domain/assessment-framework';

export const ASSESSMENT_FRAMEWORK_FILE = join(PROJECT_ROOT, 'config', 'assessment-framework.yaml');

/**
 * The authority's assessment frameworks by date (config/assessment-framework.yaml), read and
 * checked once at start (docs/domain.md#assessment-frameworks).
 */
@Injectable()
export class AssessmentFrameworks {
  readonly frameworks: readonly AssessmentFramework[];

  constructor() {
    try {
      this.frameworks = parseAssessmentFrameworks(
        load(readFileSync(ASSESSMENT_FRAMEWORK_FILE, 'utf8')),
      );
    } catch (error) {
      throw new Error(
        `config/assessment-framework.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }

  /** The framework in force on a referral date; 422 before the first framework starts. */
  on(referredAt: string): AssessmentFramework {
    try {
      return frameworkOn(this.frameworks, referredAt);
    } catch (error) {
      throw new DomainError('RULE_VIOLATED', (error as Error).message);
    }
  }
}
