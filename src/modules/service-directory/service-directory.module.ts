import { Module } from '@nestjs/common';
import { ServiceDirectoryService } from './service-directory.service';

@Module({ providers: [ServiceDirectoryService], exports: [ServiceDirectoryService] })
export class ServiceDirectoryModule {}
