import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';
import { parseAuthority, type Authority } from './domain/authority';

export const AUTHORITY_FILE = join(PROJECT_ROOT, 'config', 'authority.yaml');

/** The authority's LEA code and name (config/authority.yaml), read and checked once at start. */
@Injectable()
export class AuthorityConfig {
  readonly authority: Authority;

  constructor() {
    try {
      this.authority = parseAuthority(load(readFileSync(AUTHORITY_FILE, 'utf8')));
    } catch (error) {
      throw new Error(
        `config/authority.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }
}
