import { Module } from '@nestjs/common';
import { PanelsConfig } from './panels.config';
import { PanelsController } from './panels.controller';
import { PanelsRepository } from './panels.repository';
import { PanelsService } from './panels.service';

@Module({
  controllers: [PanelsController],
  providers: [PanelsService, PanelsRepository, PanelsConfig],
  exports: [PanelsService],
})
export class PanelsModule {}
