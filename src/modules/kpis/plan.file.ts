import { authorityFile } from '../../config/authority-files';
import { parsePlan } from './domain/plan';

/** The plan shipped with the service, in force until an admin loads another. */
export const DEFAULT_PLAN_FILE = authorityFile('plans/default.yaml', parsePlan);
