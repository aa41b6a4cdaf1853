import { Module } from '@nestjs/common';
import { authorityFileProvider } from '../../config/authority-files';
import { AUTHORITY_FILE } from './authority.file';
import { CinCensusPageController } from './pages/cin-census.page.controller';
import { ReturnsController } from './returns.controller';
import { ReturnsRepository } from './returns.repository';
import { ReturnsService } from './returns.service';

/** The Department for Education's returns (the Children in Need census). */
@Module({
  controllers: [ReturnsController, CinCensusPageController],
  providers: [ReturnsService, ReturnsRepository, authorityFileProvider(AUTHORITY_FILE)],
  exports: [ReturnsService],
})
export class ReturnsModule {}
