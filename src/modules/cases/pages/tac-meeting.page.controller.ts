import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { londonDate } from '../../../common/domain/london-time';
import { IdParam } from '../../../common/validation/id-param';
import {
  dateInputItems,
  datePartsFrom,
  datePartsOf,
  parseDateInput,
  type DateParts,
} from '../../../web/forms/date-input';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { CancelMeetingDto, RecordMeetingDto, ScheduleMeetingDto } from '../dto/case.dto';
import { type Meeting, TacOverviewService, TeamView } from '../tac/tac-overview.service';
import { TacService } from '../tac/tac.service';
import { londonIso, londonTime, meetingDueText, parseTime, tacFormErrors } from './tac-wording';
import { checked, text } from '../../../web/forms/posted-answers';

const SCHEDULE_FIELDS: FormFields = {
  scheduledAt: { id: 'scheduledAt-day', label: 'the date of the meeting' },
  location: { id: 'location', label: 'where the meeting is' },
};
const RECORD_FIELDS: FormFields = {
  heldAt: { id: 'heldAt-day', label: 'the date the meeting was held' },
  attendeeUserIds: { id: 'attendees', label: 'who attended' },
  externalAttendees: { id: 'attendees', label: 'who attended' },
  familyAttended: { id: 'familyAttended', label: 'whether the family attended' },
  notes: { id: 'notes', label: 'the notes' },
  decisions: { id: 'decisions', label: 'the decisions' },
};
const CANCEL_FIELDS: FormFields = {
  reason: { id: 'reason', label: 'why the meeting is cancelled' },
};

interface ScheduleAnswers {
  date: DateParts;
  time: string;
  location: string;
}

interface RecordAnswers {
  date: DateParts;
  time: string;
  /** Member ids ticked (users and external members alike). */
  attendees: string[];
  familyAttended: string;
  notes: string;
  decisions: string;
}

const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/**
 * TAC meetings: `/cases/:id/meetings/new` schedules one; `/tac-meetings/:id/record` records it
 * (when it was held, who attended from the team, whether the family came, notes, decisions);
 * `/tac-meetings/:id/cancel` cancels it with a reason.
 */
@PageController()
@Access('practitioner', 'locality_manager')
export class TacMeetingPageController {
  constructor(
    private readonly teams: TacOverviewService,
    private readonly tac: TacService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get('cases/:id/meetings/new')
  async showSchedule(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const answers = { date: EMPTY_DATE, time: '', location: '' };
    await this.renderSchedule(actor, id, response, answers, new FormErrors());
  }

  @Post('cases/:id/meetings/new')
  async schedule(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: ScheduleAnswers = {
      date: datePartsFrom(posted, 'scheduledAt'),
      time: text(posted, 'time').trim(),
      location: text(posted, 'location'),
    };
    const errors = new FormErrors();
    const date = parseDateInput('scheduledAt', answers.date, { label: 'Date of the meeting' });
    if (date.error) errors.add(date.error.field, date.error.text);
    const time = parseTime(answers.time);
    if (answers.time === '') errors.add('time', 'Enter the time of the meeting');
    else if (!time) errors.add('time', 'Enter the time as hours and minutes, like 14:00 or 2pm');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: ScheduleMeetingDto,
      input: {
        scheduledAt: londonIso(date.iso ?? this.clock.today(), time ?? { hour: 9, minute: 0 }),
        location: answers.location,
      },
      fields: SCHEDULE_FIELDS,
      firstField: 'scheduledAt-day',
      errors,
      save: async (meeting) => {
        await this.tac.scheduleMeeting(actor, id, meeting);
        return { redirectTo: `/cases/${id}#meetings`, flash: { text: 'TAC meeting scheduled' } };
      },
      showAgain: (shown) => this.renderSchedule(actor, id, response, answers, shown, date.invalid),
    });
  }

  @Get('tac-meetings/:id/record')
  async showRecord(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { meeting, team } = await this.teams.meeting(actor, id);
    // The day and time it was planned for, which the user corrects if it moved.
    const answers: RecordAnswers = {
      date: datePartsOf(londonDate(meeting.scheduledAt)),
      time: londonTime(meeting.scheduledAt),
      attendees: [],
      familyAttended: '',
      notes: '',
      decisions: '',
    };
    this.renderRecord(response, meeting, team, answers, new FormErrors());
  }

  @Post('tac-meetings/:id/record')
  async record(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const { meeting, team } = await this.teams.meeting(actor, id);
    const answers: RecordAnswers = {
      date: datePartsFrom(posted, 'heldAt'),
      time: text(posted, 'time').trim(),
      attendees: checked(posted, 'attendees'),
      familyAttended: text(posted, 'familyAttended'),
      notes: text(posted, 'notes'),
      decisions: text(posted, 'decisions'),
    };
    const today = this.clock.today();
    const errors = new FormErrors();
    const date = parseDateInput('heldAt', answers.date, {
      label: 'Date held',
      latest: { iso: today, message: 'Date held must be today or in the past' },
    });
    if (date.error) errors.add(date.error.field, date.error.text);
    const time = parseTime(answers.time);
    if (answers.time === '') errors.add('time', 'Enter the time the meeting started');
    else if (!time) errors.add('time', 'Enter the time as hours and minutes, like 14:00 or 2pm');
    if (answers.familyAttended === '')
      errors.add('familyAttended', 'Select whether the family attended');
    const ticked = team.members.filter((m) => answers.attendees.includes(m.id));
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: RecordMeetingDto,
      input: {
        heldAt: londonIso(date.iso ?? today, time ?? { hour: 9, minute: 0 }),
        attendeeUserIds: ticked.flatMap((m) => (m.userId ? [m.userId] : [])),
        externalAttendees: ticked.filter((m) => m.external).map((m) => m.name),
        familyAttended: answers.familyAttended === 'yes',
        ...(answers.notes.trim() ? { notes: answers.notes } : {}),
        ...(answers.decisions.trim() ? { decisions: answers.decisions } : {}),
      },
      fields: RECORD_FIELDS,
      firstField: 'heldAt-day',
      errors,
      save: async (held) => {
        await this.tac.recordMeeting(actor, id, held);
        return {
          redirectTo: `/cases/${meeting.caseId}#meetings`,
          flash: { text: 'TAC meeting recorded' },
        };
      },
      refusal: (error) => tacFormErrors(error, RECORD_FIELDS, 'heldAt-day', team.starterAgency),
      showAgain: async (shown) =>
        this.renderRecord(response, meeting, team, answers, shown, date.invalid),
    });
  }

  @Get('tac-meetings/:id/cancel')
  async showCancel(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { meeting, team } = await this.teams.meeting(actor, id);
    this.renderCancel(response, meeting, team, '', new FormErrors());
  }

  @Post('tac-meetings/:id/cancel')
  async cancel(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const { meeting, team } = await this.teams.meeting(actor, id);
    const reason = text(posted, 'reason');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CancelMeetingDto,
      input: { reason },
      fields: CANCEL_FIELDS,
      firstField: 'reason',
      save: async (dto) => {
        await this.tac.cancelMeeting(actor, id, dto);
        return {
          redirectTo: `/cases/${meeting.caseId}#meetings`,
          flash: { text: 'TAC meeting cancelled' },
        };
      },
      showAgain: async (shown) => this.renderCancel(response, meeting, team, reason, shown),
    });
  }

  private async renderSchedule(
    actor: Actor,
    id: string,
    response: Response,
    answers: ScheduleAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): Promise<void> {
    const team = await this.teams.team(actor, id);
    response.render('tac-meeting-new', {
      pageTitle: 'Schedule a TAC meeting',
      caseId: id,
      childName: team.overview.childName,
      due: team.nextMeetingDue && {
        text: meetingDueText(team.nextMeetingDue),
        dueOn: team.nextMeetingDue.dueOn,
      },
      answers,
      dateItems: dateInputItems(answers.date, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#scheduledAt-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderRecord(
    response: Response,
    meeting: Meeting,
    team: TeamView,
    answers: RecordAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): void {
    response.render('tac-meeting-record', {
      pageTitle: 'Record a TAC meeting',
      caseId: meeting.caseId,
      childName: team.overview.childName,
      meeting,
      answers,
      attendees: team.members.map((m) => ({
        value: m.id,
        text: m.name,
        hint: { text: `${m.role}, ${m.agency}${m.external ? ' (external)' : ''}` },
        checked: answers.attendees.includes(m.id),
      })),
      family: [
        { value: 'yes', text: 'Yes', checked: answers.familyAttended === 'yes' },
        { value: 'no', text: 'No', checked: answers.familyAttended === 'no' },
      ],
      dateItems: dateInputItems(answers.date, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#heldAt-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderCancel(
    response: Response,
    meeting: Meeting,
    team: TeamView,
    reason: string,
    errors: FormErrors,
  ): void {
    response.render('tac-meeting-cancel', {
      pageTitle: 'Cancel a TAC meeting',
      caseId: meeting.caseId,
      childName: team.overview.childName,
      meeting,
      reason,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
