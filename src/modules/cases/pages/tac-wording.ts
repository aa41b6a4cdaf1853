import { londonInstant } from '../../../common/domain/london-time';
import { DomainError } from '../../../common/errors/domain-error';
import { FormErrors } from '../../../web/forms/form-errors';
import { formErrorsFrom, type FormFields } from '../../../web/forms/service-errors';
import type { MeetingDue } from '../../reminders/domain/reminder-plan';
import { INFORMATION_SHARING_CONSENT_NEEDED } from '../domain/information-sharing';
import type { Meeting, TeamView } from '../tac/tac-overview.service';

export const MEETING_STATUS_LABELS: Readonly<Record<Meeting['status'], string>> = {
  scheduled: 'Scheduled',
  held: 'Held',
  cancelled: 'Cancelled',
};

/** The next meeting due, in a sentence: "First TAC meeting due by 1 July 2013". */
export function meetingDueText(due: MeetingDue): string {
  return due.kind === 'first' ? 'First TAC meeting' : 'TAC review meeting';
}

/** Why a user of another agency or an external practitioner cannot join yet, in words. */
export function consentNeededText(starterAgency: string): string {
  const agency = starterAgency
    ? `practitioners from ${starterAgency}`
    : 'practitioners from the agency that started the CAF';
  return `The family has not consented to sharing information with other agencies. Until they do, only ${agency} can join the team: record their consent to information sharing first.`;
}

/** The TAC service's refusals that a page words its own way. */
const TAC_MESSAGES: readonly [string, string][] = [
  ['This user is already a member of the TAC', 'They are already on the team'],
  ['userId does not refer to an active user', 'Select someone who still uses the service'],
  ['userId must be a current member of the TAC with an account', 'Select a member of the team'],
  ['This user is already the lead professional', 'They are already the lead professional'],
  [
    'Only the current lead professional or a locality manager can change the lead professional',
    'Only the lead professional or a locality manager can change the lead professional',
  ],
  ['heldAt cannot be in the future', 'Date held must be today or in the past'],
  ['heldAt cannot be before the case began', 'Date held cannot be before the CAF was started'],
  ['attendeeUserIds must all be members of the TAC', 'Select attendees from the team'],
];

/**
 * A refusal of the TAC service as a form's errors, in a practitioner's words: the consent rule
 * names the agency and says what to do; a lead professional change by someone else is the
 * form's message rather than the error page (the page offers it to every member).
 */
export function tacFormErrors(
  error: unknown,
  fields: FormFields,
  firstField: string,
  starterAgency: string,
): FormErrors {
  if (error instanceof DomainError) {
    if (error.message === INFORMATION_SHARING_CONSENT_NEEDED)
      return new FormErrors([{ field: firstField, text: consentNeededText(starterAgency) }]);
    const words = TAC_MESSAGES.find(([message]) => message === error.message)?.[1];
    if (words)
      return new FormErrors([{ field: fieldFor(error.message, fields, firstField), text: words }]);
  }
  return formErrorsFrom(error, fields, firstField);
}

function fieldFor(message: string, fields: FormFields, firstField: string): string {
  const name = /^(\w+)\s/.exec(message)?.[1];
  return (name && fields[name]?.id) || firstField;
}

/** A time typed as "14:00", "9:30" or "2pm": hours and minutes, or undefined when not one. */
export function parseTime(typed: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(typed.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const period = match[3]?.toLowerCase();
  if (period) {
    if (hour < 1 || hour > 12) return undefined;
    if (period === 'pm' && hour < 12) hour += 12;
    if (period === 'am' && hour === 12) hour = 0;
  } else if (match[2] === undefined) {
    return undefined;
  }
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** A London date and time as the API's ISO instant. */
export function londonIso(date: string, time: { hour: number; minute: number }): string {
  return londonInstant(date, time.hour, time.minute).toISOString();
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant's time of day in London, as the time field shows it: "14:00". */
export function londonTime(instant: Date): string {
  return LONDON_TIME.format(instant);
}

/** The case page's "Team around the child" and "Meetings" sections. */
export function tacSection(team: TeamView, writer: boolean) {
  const c = team.overview.case;
  const scheduled = team.meetings.filter((m) => m.status === 'scheduled');
  return {
    members: team.members,
    informationSharing: team.informationSharing,
    meetings: [...team.meetings].reverse().map((m) => ({
      ...m,
      statusLabel: MEETING_STATUS_LABELS[m.status],
      attended: m.status === 'held' ? attendedText(m, team) : '',
    })),
    nextScheduled: scheduled[0],
    due: team.nextMeetingDue && {
      text: meetingDueText(team.nextMeetingDue),
      dueOn: team.nextMeetingDue.dueOn,
      overdue: team.nextMeetingDue.dueOn < team.today,
    },
    canSchedule: writer && c.allowedActions.includes('schedule_meeting'),
    canRecord: writer && c.allowedActions.includes('record_meeting'),
    canSeeTeam: writer,
  };
}

function attendedText(m: Meeting, team: TeamView): string {
  const names = m.attendeeUserIds.map(
    (id) =>
      team.members.find((member) => member.userId === id)?.name ??
      team.overview.people[id] ??
      'A former member',
  );
  names.push(...m.externalAttendees);
  if (m.familyAttended) names.push('the family');
  return names.join(', ');
}
