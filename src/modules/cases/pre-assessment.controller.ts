import { Body, Controller, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../common/auth/access.decorators';
import type { Actor } from '../../common/auth/actor';
import { ErrorResponse } from '../../common/errors/error-response';
import { IdParam } from '../../common/validation/id-param';
import { PreAssessmentDto, PreAssessmentView } from './dto/pre-assessment.dto';
import { PreAssessmentService } from './pre-assessment.service';

@ApiTags('cases')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiNotFoundResponse({ type: ErrorResponse, description: 'No such case visible to you' })
@Controller()
export class PreAssessmentController {
  constructor(private readonly preAssessment: PreAssessmentService) {}

  @Put('cases/:id/pre-assessment')
  @Access('practitioner', 'locality_manager')
  @ApiOperation({
    summary:
      'Record the pre-assessment checklist: which CAF domains raise concern and whether a CAF is needed (each answer kept)',
  })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Stale version, or the case is past assessment',
  })
  record(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: PreAssessmentDto,
  ): Promise<PreAssessmentView> {
    return this.preAssessment.record(actor, id, body);
  }
}
