import { Module } from '@nestjs/common';
import { ChildrenModule } from '../children/children.module';
import { PanelsModule } from '../panels/panels.module';
import { ChronologyController } from './chronology.controller';
import { ChronologyRepository } from './chronology.repository';
import { ChronologyService } from './chronology.service';
import { ChronologyPageController } from './pages/chronology.page.controller';

@Module({
  imports: [PanelsModule, ChildrenModule],
  controllers: [ChronologyController, ChronologyPageController],
  providers: [ChronologyService, ChronologyRepository],
  exports: [ChronologyService],
})
export class ChronologyModule {}
