import { Module } from '@nestjs/common';
import { authorityFileProvider } from '../../config/authority-files';
import { SERVICES_FILE } from './service-directory.file';
import { ServiceDirectoryService } from './service-directory.service';

@Module({
  providers: [ServiceDirectoryService, authorityFileProvider(SERVICES_FILE)],
  exports: [ServiceDirectoryService],
})
export class ServiceDirectoryModule {}
