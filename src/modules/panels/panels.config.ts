import { Injectable } from '@nestjs/common';
import { InjectAuthorityFile } from '../../config/authority-files';
import type { Panel } from './domain/panels';
import { PANELS_FILE } from './panels.file';

/** The authority's panels (config/panels.yaml, or AUTHORITY_CONFIG_DIR's), by code. */
@Injectable()
export class PanelsConfig {
  constructor(@InjectAuthorityFile(PANELS_FILE) readonly panels: readonly Panel[]) {}

  find(code: string): Panel | undefined {
    return this.panels.find((panel) => panel.code === code);
  }

  nameOf(code: string): string {
    return this.find(code)?.name ?? code;
  }
}
