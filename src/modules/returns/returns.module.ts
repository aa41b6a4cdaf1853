import { Module } from '@nestjs/common';
import { AuthorityConfig } from './authority.config';
import { ReturnsController } from './returns.controller';
import { ReturnsRepository } from './returns.repository';
import { ReturnsService } from './returns.service';

/** The Department for Education's returns (the Children in Need census). */
@Module({
  controllers: [ReturnsController],
  providers: [ReturnsService, ReturnsRepository, AuthorityConfig],
  exports: [ReturnsService],
})
export class ReturnsModule {}
