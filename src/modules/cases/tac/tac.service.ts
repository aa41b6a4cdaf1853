import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { londonDate } from '../../../common/domain/london-time';
import { DomainError, notFound, staleVersion } from '../../../common/errors/domain-error';
import { Database } from '../../../database/database';
import { UsersService } from '../../users/users.service';
import { applyRule, CaseChanges } from '../case-changes';
import { assertAllowed, assertItemTransition } from '../domain/case-lifecycle';
import { InformationSharingService } from '../information-sharing.service';
import type {
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
  ActionItemRow,
  LeadProfessionalRow,
  MeetingRow,
  MemberRow,
  TacRepository,
} from './tac.repository';
import { ServiceDirectoryService } from '../../service-directory/service-directory.service';

/** The Team Around the Child (docs/domain.md#team-around-the-child): members, the lead professional, meetings, the action plan. */
@Injectable()
export class TacService {
  constructor(
    private readonly db: Database,
    private readonly tac: TacRepository,
    private readonly users: UsersService,
    private readonly changes: CaseChanges,
    private readonly clock: Clock,
    private readonly sharing: InformationSharingService,
    private readonly services: ServiceDirectoryService,
  ) {}

  async addMember(actor: Actor, caseId: string, input: AddMemberDto): Promise<MemberRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, caseId);
      applyRule(() => assertAllowed(c.status, 'add_member'));
      if (input.userId !== undefined) {
        const user = await this.users.findById(sql, input.userId);
        if (!user?.active)
          throw new DomainError('UNKNOWN_REFERENCE', 'userId does not refer to an active user');
        if (await this.tac.activeMemberByUser(sql, caseId, input.userId)) {
          throw new DomainError('ALREADY_EXISTS', 'This user is already a member of the TAC');
        }
        await this.sharing.assertMayJoin(sql, c, { external: false, agencyId: user.agencyId });
      } else {
        await this.sharing.assertMayJoin(sql, c, { external: true });
      }
      const member = await this.tac.insertMember(
        sql,
        caseId,
        {
          userId: input.userId ?? null,
          externalName: input.userId === undefined ? (input.externalName ?? null) : null,
          externalAgency: input.userId === undefined ? (input.externalAgency ?? null) : null,
          contact: input.contact ?? null,
          role: input.role,
        },
        this.clock.today(),
        actor.id,
      );
      await this.changes.record(sql, actor, c, 'tac.member_added', {
        memberId: member.id,
        userId: member.userId,
        role: member.role,
      });
      return member;
    });
  }

  /** A member leaves the TAC; if they were the lead professional, the case has none until the next is set. */
  async leave(
    actor: Actor,
    caseId: string,
    memberId: string,
    input: LeaveTacDto,
  ): Promise<MemberRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, caseId);
      applyRule(() => assertAllowed(c.status, 'add_member'));
      const member = await this.tac.activeMember(sql, caseId, memberId);
      if (!member) throw notFound('TAC member');
      const today = this.clock.today();
      const left = await this.tac.endMembership(sql, memberId, input.version, today, input.reason);
      if (!left)
        throw new DomainError(
          'VERSION_CONFLICT',
          'TAC member was changed by someone else (stale version)',
        );
      await this.changes.record(sql, actor, c, 'tac.member_left', {
        memberId,
        userId: member.userId,
      });
      if (member.userId !== null && member.userId === c.leadProfessionalId) {
        await this.tac.endLeadProfessional(sql, caseId, today);
        await this.changes.update(sql, c, { leadProfessionalId: null });
        await this.changes.record(sql, actor, c, 'tac.lead_professional_ended', {
          userId: member.userId,
        });
      }
      return left;
    });
  }

  /** Appoints the lead professional, who must be a TAC member with an account (docs/domain.md#team-around-the-child). */
  async setLeadProfessional(
    actor: Actor,
    caseId: string,
    input: SetLeadProfessionalDto,
  ): Promise<LeadProfessionalRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, caseId);
      applyRule(() => assertAllowed(c.status, 'set_lead_professional'));
      if (
        actor.role !== 'locality_manager' &&
        c.leadProfessionalId !== null &&
        c.leadProfessionalId !== actor.id
      ) {
        throw new DomainError(
          'FORBIDDEN',
          'Only the current lead professional or a locality manager can change the lead professional',
        );
      }
      const member = await this.tac.activeMemberByUser(sql, caseId, input.userId);
      if (!member)
        throw new DomainError(
          'RULE_VIOLATED',
          'userId must be a current member of the TAC with an account',
        );
      if (c.leadProfessionalId === input.userId) {
        throw new DomainError('ALREADY_EXISTS', 'This user is already the lead professional');
      }
      await this.tac.appointLeadProfessional(
        sql,
        caseId,
        { userId: input.userId, memberId: member.id, reason: input.reason },
        this.clock.today(),
        actor.id,
      );
      await this.changes.update(sql, c, { leadProfessionalId: input.userId });
      await this.changes.record(sql, actor, c, 'tac.lead_professional_set', {
        userId: input.userId,
        previous: c.leadProfessionalId,
      });
      const lps = await this.tac.leadProfessionals(sql, caseId);
      return lps.find((lp) => lp.toDate === null)!;
    });
  }

  async scheduleMeeting(
    actor: Actor,
    caseId: string,
    input: ScheduleMeetingDto,
  ): Promise<MeetingRow> {
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, caseId);
      applyRule(() => assertAllowed(c.status, 'schedule_meeting'));
      const meeting = await this.tac.insertMeeting(
        sql,
        caseId,
        input.scheduledAt,
        input.location,
        actor.id,
      );
      await this.changes.record(sql, actor, c, 'tac.meeting_scheduled', {
        meetingId: meeting.id,
        scheduledAt: meeting.scheduledAt,
      });
      return meeting;
    });
  }

  async recordMeeting(
    actor: Actor,
    meetingId: string,
    input: RecordMeetingDto,
  ): Promise<MeetingRow> {
    return this.db.transaction(async (sql) => {
      const meeting = await this.tac.findVisibleMeeting(sql, actor, meetingId);
      if (!meeting) throw notFound('Meeting');
      const c = await this.changes.lock(sql, actor, meeting.caseId);
      applyRule(() => assertAllowed(c.status, 'record_meeting'));
      if (meeting.status !== 'scheduled') {
        throw new DomainError(
          'INVALID_STATE',
          `The meeting is ${meeting.status}: only a scheduled meeting can be recorded`,
        );
      }
      const heldOn = londonDate(new Date(input.heldAt));
      if (heldOn < c.startedOn)
        throw new DomainError('RULE_VIOLATED', 'heldAt cannot be before the case began');
      if (heldOn > this.clock.today())
        throw new DomainError('RULE_VIOLATED', 'heldAt cannot be in the future');
      const strangers = await this.tac.nonMembers(sql, c.id, input.attendeeUserIds);
      if (strangers.length > 0) {
        throw new DomainError('RULE_VIOLATED', 'attendeeUserIds must all be members of the TAC');
      }
      const recorded = await this.tac.recordMeeting(sql, meetingId, {
        heldAt: input.heldAt,
        heldOn,
        attendeeUserIds: input.attendeeUserIds,
        externalAttendees: input.externalAttendees ?? [],
        familyAttended: input.familyAttended,
        notes: input.notes ?? null,
        decisions: input.decisions ?? null,
      });
      await this.changes.record(sql, actor, c, 'tac.meeting_recorded', {
        meetingId,
        heldOn,
        familyAttended: input.familyAttended,
      });
      return recorded;
    });
  }

  async cancelMeeting(
    actor: Actor,
    meetingId: string,
    input: CancelMeetingDto,
  ): Promise<MeetingRow> {
    return this.db.transaction(async (sql) => {
      const meeting = await this.tac.findVisibleMeeting(sql, actor, meetingId);
      if (!meeting) throw notFound('Meeting');
      const c = await this.changes.lock(sql, actor, meeting.caseId);
      applyRule(() => assertAllowed(c.status, 'cancel_meeting'));
      if (meeting.status !== 'scheduled') {
        throw new DomainError(
          'INVALID_STATE',
          `The meeting is ${meeting.status}: only a scheduled meeting can be cancelled`,
        );
      }
      const cancelled = await this.tac.cancelMeeting(sql, meetingId, input.reason);
      await this.changes.record(sql, actor, c, 'tac.meeting_cancelled', { meetingId });
      return cancelled;
    });
  }

  async addActionItem(
    actor: Actor,
    caseId: string,
    input: CreateActionItemDto,
  ): Promise<ActionItemRow> {
    if (input.serviceCode !== undefined && !this.services.find(input.serviceCode)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `serviceCode ${input.serviceCode} is not a service of the authority's directory (${this.services.services.map((s) => s.code).join(', ')})`,
      );
    }
    return this.db.transaction(async (sql) => {
      const c = await this.changes.lock(sql, actor, caseId);
      applyRule(() => assertAllowed(c.status, 'add_action_item'));
      const owner = await this.owner(sql, caseId, input.ownerUserId, input.ownerMemberId);
      if (input.dueDate < c.startedOn)
        throw new DomainError('RULE_VIOLATED', 'dueDate cannot be before the case began');
      const item = await this.tac.insertActionItem(
        sql,
        caseId,
        {
          need: input.need,
          action: input.action,
          ...owner,
          dueDate: input.dueDate,
          serviceCode: input.serviceCode ?? null,
        },
        actor.id,
      );
      await this.changes.record(sql, actor, c, 'action_item.created', {
        itemId: item.id,
        need: item.need,
        dueDate: item.dueDate,
      });
      return item;
    });
  }

  async updateActionItem(
    actor: Actor,
    itemId: string,
    input: UpdateActionItemDto,
  ): Promise<ActionItemRow> {
    return this.db.transaction(async (sql) => {
      const item = await this.tac.findVisibleActionItem(sql, actor, itemId);
      if (!item) throw notFound('Action item');
      const c = await this.changes.lock(sql, actor, item.caseId);
      applyRule(() => assertAllowed(c.status, 'update_action_item'));
      if (item.version !== input.version) {
        throw staleVersion('Action item');
      }
      if (input.status !== undefined)
        applyRule(() => assertItemTransition(item.status, input.status!, input.reason));
      if (input.dueDate !== undefined && input.dueDate < c.startedOn) {
        throw new DomainError('RULE_VIOLATED', 'dueDate cannot be before the case began');
      }
      const owner =
        input.ownerUserId === undefined
          ? {}
          : await this.owner(sql, c.id, input.ownerUserId, undefined);
      const updated = await this.tac.updateActionItem(sql, itemId, input.version, {
        action: input.action,
        dueDate: input.dueDate,
        status: input.status,
        reason: input.reason,
        ...(input.status === 'in_progress' ? { startedOn: this.clock.today() } : {}),
        ...owner,
      });
      if (!updated)
        throw new DomainError(
          'VERSION_CONFLICT',
          'Action item was changed by someone else (stale version)',
        );
      await this.changes.record(sql, actor, c, 'action_item.updated', {
        itemId,
        fields: Object.keys(input).filter((key) => key !== 'version'),
        status: updated.status,
      });
      return updated;
    });
  }

  /** An item's owner: a user who is a TAC member, or a member (e.g. an external practitioner). */
  private async owner(
    sql: Parameters<TacRepository['activeMember']>[0],
    caseId: string,
    ownerUserId: string | undefined,
    ownerMemberId: string | undefined,
  ): Promise<{ ownerUserId: string | null; ownerMemberId: string | null }> {
    if (ownerUserId !== undefined) {
      const member = await this.tac.activeMemberByUser(sql, caseId, ownerUserId);
      if (!member)
        throw new DomainError('RULE_VIOLATED', 'ownerUserId must be a current member of the TAC');
      return { ownerUserId, ownerMemberId: member.id };
    }
    const member =
      ownerMemberId === undefined
        ? undefined
        : await this.tac.activeMember(sql, caseId, ownerMemberId);
    if (!member)
      throw new DomainError('RULE_VIOLATED', 'ownerMemberId must be a current member of the TAC');
    return { ownerUserId: member.userId, ownerMemberId: member.id };
  }
}
