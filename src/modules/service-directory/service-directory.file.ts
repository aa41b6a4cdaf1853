import { authorityFile } from '../../config/authority-files';
import { parseServiceDirectory } from './domain/service-directory';

/** The authority's service directory (config/services.yaml). */
export const SERVICES_FILE = authorityFile('services.yaml', parseServiceDirectory);
