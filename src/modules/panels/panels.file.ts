import { authorityFile } from '../../config/authority-files';
import { parsePanels } from './domain/panels';

/** The authority's panels (docs/domain.md#panels), checked at start. */
export const PANELS_FILE = authorityFile('panels.yaml', parsePanels);
