import { authorityFile, checkAcrossAuthorityFiles } from '../../config/authority-files';
import { PANELS_FILE } from '../panels/panels.file';
import { SERVICES_FILE } from '../service-directory/service-directory.file';
import { parsePlan, planReferenceErrors } from './domain/plan';

/** The plan shipped with the service, in force until an admin loads another. */
export const DEFAULT_PLAN_FILE = authorityFile('plans/default.yaml', parsePlan);

// Its panels and services must be the authority's (docs/domain.md#indicators).
checkAcrossAuthorityFiles(DEFAULT_PLAN_FILE, (plan, read) =>
  planReferenceErrors(plan, {
    panels: read(PANELS_FILE).map((panel) => panel.code),
    services: read(SERVICES_FILE).map((service) => service.code),
  }),
);
