import { authorityFile } from '../../config/authority-files';
import { parseThresholdRules } from './domain/thresholds';

/** The authority's threshold rules (docs/domain.md#thresholds), checked at start. */
export const THRESHOLDS_FILE = authorityFile('thresholds.yaml', parseThresholdRules);
