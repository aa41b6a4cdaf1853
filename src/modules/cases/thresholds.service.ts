import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';
import type { AssessedElement, ThresholdRules, TierSuggestion } from './domain/thresholds';
import { parseThresholdRules, suggestTier } from './domain/thresholds';

export const THRESHOLDS_FILE = join(PROJECT_ROOT, 'config', 'thresholds.yaml');

/** The authority's threshold rules (SPEC §4.5), read and validated once at start. */
@Injectable()
export class ThresholdsService {
  readonly rules: ThresholdRules;

  constructor() {
    try {
      this.rules = parseThresholdRules(load(readFileSync(THRESHOLDS_FILE, 'utf8')));
    } catch (error) {
      throw new Error(
        `config/thresholds.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }

  suggest(elements: readonly AssessedElement[]): TierSuggestion {
    return suggestTier(elements, this.rules);
  }
}
