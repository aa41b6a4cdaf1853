import { Injectable } from '@nestjs/common';
import { InjectAuthorityFile } from '../../config/authority-files';
import type { DirectoryService } from './domain/service-directory';
import { SERVICES_FILE } from './service-directory.file';

/** The authority's service directory, read and checked once at start. */
@Injectable()
export class ServiceDirectoryService {
  private readonly byCode: ReadonlyMap<string, DirectoryService>;

  constructor(@InjectAuthorityFile(SERVICES_FILE) readonly services: readonly DirectoryService[]) {
    this.byCode = new Map(services.map((s) => [s.code, s]));
  }

  find(code: string): DirectoryService | undefined {
    return this.byCode.get(code);
  }
}
