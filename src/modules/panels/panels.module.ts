import { Module } from '@nestjs/common';
import { authorityFileProvider } from '../../config/authority-files';
import { PanelsConfig } from './panels.config';
import { PanelsController } from './panels.controller';
import { PANELS_FILE } from './panels.file';
import { PanelsRepository } from './panels.repository';
import { PanelsService } from './panels.service';

@Module({
  controllers: [PanelsController],
  providers: [PanelsService, PanelsRepository, PanelsConfig, authorityFileProvider(PANELS_FILE)],
  exports: [PanelsService],
})
export class PanelsModule {}
