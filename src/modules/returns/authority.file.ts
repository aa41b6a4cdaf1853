import { authorityFile } from '../../config/authority-files';
import { parseAuthority } from './domain/authority';

/** The authority's 3-digit LEA code and name (docs/domain.md#children-in-need-census). */
export const AUTHORITY_FILE = authorityFile('authority.yaml', parseAuthority);
