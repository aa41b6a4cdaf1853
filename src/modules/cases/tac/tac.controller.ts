import { Body, Controller, HttpCode, Patch, Put } from '@nestjs/common';
import { IdempotentPost } from '../../../common/idempotency/idempotent-post';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { ErrorResponse } from '../../../common/errors/error-response';
import { IdParam } from '../../../common/validation/id-param';
import {
  AddMemberDto,
  CancelMeetingDto,
  CreateActionItemDto,
  LeaveTacDto,
  RecordMeetingDto,
  ScheduleMeetingDto,
  SetLeadProfessionalDto,
  UpdateActionItemDto,
} from '../dto/case.dto';
import {
  ActionItemView,
  LeadProfessionalView,
  MeetingView,
  MemberView,
} from '../dto/case-view.dto';
import { TacService } from './tac.service';

@ApiTags('team around the child')
@Access('practitioner', 'locality_manager')
@ApiBadRequestResponse({ type: ErrorResponse, description: 'A field or parameter is not valid' })
@ApiNotFoundResponse({
  type: ErrorResponse,
  description: 'No such case, meeting or item visible to you',
})
@ApiConflictResponse({
  type: ErrorResponse,
  description: 'Stale version, or the state does not allow it',
})
@ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'A rule of the TAC is broken' })
@Controller()
export class TacController {
  constructor(private readonly tac: TacService) {}

  @IdempotentPost('cases/:id/tac/members')
  @ApiOperation({
    summary: 'Add a TAC member: a user, or a named external practitioner, with their role',
  })
  addMember(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberView> {
    return this.tac.addMember(actor, id, body);
  }

  @IdempotentPost('cases/:id/tac/members/:memberId/leave')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A member leaves the TAC (with a reason); a leaving lead professional leaves the case without one',
  })
  leave(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('memberId') memberId: string,
    @Body() body: LeaveTacDto,
  ): Promise<MemberView> {
    return this.tac.leave(actor, id, memberId, body);
  }

  @Put('cases/:id/lead-professional')
  @ApiOperation({
    summary:
      'Set or change the lead professional (a TAC member with an account); kept with dates and reasons',
  })
  setLeadProfessional(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: SetLeadProfessionalDto,
  ): Promise<LeadProfessionalView> {
    return this.tac.setLeadProfessional(actor, id, body);
  }

  @IdempotentPost('cases/:id/tac/meetings')
  @ApiOperation({ summary: 'Schedule a TAC meeting' })
  scheduleMeeting(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: ScheduleMeetingDto,
  ): Promise<MeetingView> {
    return this.tac.scheduleMeeting(actor, id, body);
  }

  @IdempotentPost('tac-meetings/:id/record')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a held meeting: when, who attended, whether the family came, notes, decisions',
  })
  recordMeeting(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: RecordMeetingDto,
  ): Promise<MeetingView> {
    return this.tac.recordMeeting(actor, id, body);
  }

  @IdempotentPost('tac-meetings/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled meeting, with a reason' })
  cancelMeeting(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CancelMeetingDto,
  ): Promise<MeetingView> {
    return this.tac.cancelMeeting(actor, id, body);
  }

  @IdempotentPost('cases/:id/action-items')
  @ApiOperation({ summary: 'Add an action-plan item against a CAF element, owned by a TAC member' })
  addActionItem(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: CreateActionItemDto,
  ): Promise<ActionItemView> {
    return this.tac.addActionItem(actor, id, body);
  }

  @Patch('action-items/:id')
  @ApiOperation({
    summary:
      'Change an action-plan item: action, owner, due date, status (cancelling needs a reason)',
  })
  updateActionItem(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateActionItemDto,
  ): Promise<ActionItemView> {
    return this.tac.updateActionItem(actor, id, body);
  }
}
