import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { AuditService } from './audit.service';
import { AuditPageDto, AuditQuery } from './dto/audit.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Access('locality_manager', 'admin')
  @ApiOperation({
    summary:
      "A child's audit trail, newest first: who read or changed what, when, from which request",
  })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such child visible to you' })
  childTrail(@CurrentActor() actor: Actor, @Query() query: AuditQuery): Promise<AuditPageDto> {
    return this.audit.childTrail(actor, query);
  }
}
