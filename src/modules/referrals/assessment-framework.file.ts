import { authorityFile } from '../../config/authority-files';
import { parseAssessmentFrameworks } from './domain/assessment-framework';

/** The assessment timescales by date (docs/domain.md#assessment-frameworks). */
export const ASSESSMENT_FRAMEWORK_FILE = authorityFile(
  'assessment-framework.yaml',
  parseAssessmentFrameworks,
);
