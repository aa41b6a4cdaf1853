import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';
import { parseServiceDirectory, type DirectoryService } from './domain/service-directory';

export const SERVICES_FILE = join(PROJECT_ROOT, 'config', 'services.yaml');

/** The authority's service directory, read and checked once at start. */
@Injectable()
export class ServiceDirectoryService {
  readonly services: readonly DirectoryService[];
  private readonly byCode: ReadonlyMap<string, DirectoryService>;

  constructor() {
    try {
      this.services = parseServiceDirectory(load(readFileSync(SERVICES_FILE, 'utf8')));
    } catch (error) {
      throw new Error(
        `config/services.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
    this.byCode = new Map(this.services.map((s) => [s.code, s]));
  }

  find(code: string): DirectoryService | undefined {
    return this.byCode.get(code);
  }
}
