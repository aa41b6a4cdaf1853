import { Module } from '@nestjs/common';
import { PanelsModule } from '../panels/panels.module';
import { ChronologyController } from './chronology.controller';
import { ChronologyRepository } from './chronology.repository';
import { ChronologyService } from './chronology.service';

@Module({
  imports: [PanelsModule],
  controllers: [ChronologyController],
  providers: [ChronologyService, ChronologyRepository],
})
export class ChronologyModule {}
