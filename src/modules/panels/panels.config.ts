import { Injectable } from '@nestjs/common';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/project-root';
import { Panel, parsePanels } from './domain/panels';

export const PANELS_FILE = join(PROJECT_ROOT, 'config', 'panels.yaml');

/** The authority's panels (config/panels.yaml), read and checked once at start. */
@Injectable()
export class PanelsConfig {
  readonly panels: readonly Panel[];

  constructor() {
    try {
      this.panels = parsePanels(load(readFileSync(PANELS_FILE, 'utf8')));
    } catch (error) {
      throw new Error(
        `config/panels.yaml: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }

  find(code: string): Panel | undefined {
    return this.panels.find((panel) => panel.code === code);
  }

  nameOf(code: string): string {
    return this.find(code)?.name ?? code;
  }
}
