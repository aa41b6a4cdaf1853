import { Injectable } from '@nestjs/common';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { notFound } from '../../../common/errors/domain-error';
import { Database } from '../../../database/database';
import { RemindersService } from '../../reminders/reminders.service';
import type { MeetingDue } from '../../reminders/domain/reminder-plan';
import { Colleague, UsersService } from '../../users/users.service';
import { CaseOverview, CaseOverviewService } from '../case-overview.service';
import { InformationSharingService } from '../information-sharing.service';
import { LeadProfessionalRow, MeetingRow, MemberRow, TacRepository } from './tac.repository';

/** A TAC meeting as the pages read it. */
export type Meeting = MeetingRow;

/** How many users a name search on the team page lists. */
export const COLLEAGUES_LISTED = 20;

/** A TAC member as the team page lists them. */
export interface TeamMember extends MemberRow {
  /** The user's name, or the external practitioner's. */
  name: string;
  /** The user's agency, or the external practitioner's agency or organisation. */
  agency: string;
  external: boolean;
  lead: boolean;
}

/** The Team Around the Child of a case, as its pages show it. */
export interface TeamView {
  overview: CaseOverview;
  members: TeamMember[];
  /** Lead professionals past and present, newest first, with names. */
  leadHistory: (LeadProfessionalRow & { name: string })[];
  /** Whether the family's consent covers sharing information with other agencies. */
  informationSharing: boolean;
  /** The agency of the practitioner who started the case (the only one that joins without that consent). */
  starterAgency: string;
  meetings: MeetingRow[];
  nextMeetingDue: MeetingDue | null;
  /** Today in London, for what is overdue. */
  today: string;
}

/**
 * The TAC pages' reads: the case as its page reads it (the same visibility and `case.read`
 * audit row as the API), with the members' names and agencies, the lead professionals' history,
 * what the family's consent allows, and when the next meeting is due.
 */
@Injectable()
export class TacOverviewService {
  constructor(
    private readonly db: Database,
    private readonly overview: CaseOverviewService,
    private readonly tac: TacRepository,
    private readonly users: UsersService,
    private readonly sharing: InformationSharingService,
    private readonly reminders: RemindersService,
    private readonly clock: Clock,
  ) {}

  async team(actor: Actor, caseId: string): Promise<TeamView> {
    return this.teamOf(await this.overview.overview(actor, caseId));
  }

  /** The team of a case already read (and audited) by CaseOverviewService, as on the case page. */
  async teamOf(overview: CaseOverview): Promise<TeamView> {
    const c = overview.case;
    const caseId = c.id;
    return this.db.read(async (sql) => {
      const lps = await this.tac.leadProfessionals(sql, caseId);
      const people = await this.users.colleagues(sql, [
        c.createdBy,
        ...c.members.flatMap((m) => (m.userId ? [m.userId] : [])),
        ...lps.map((lp) => lp.userId),
      ]);
      return {
        overview,
        members: c.members.map((m) => memberLine(m, people, c.leadProfessionalId)),
        leadHistory: lps
          .map((lp) => ({ ...lp, name: people.get(lp.userId)?.displayName ?? '' }))
          .reverse(),
        informationSharing: await this.sharing.hasConsent(sql, caseId),
        starterAgency: people.get(c.createdBy)?.agencyName ?? '',
        meetings: c.meetings,
        nextMeetingDue: await this.reminders.nextMeetingDue(sql, caseId),
        today: this.clock.today(),
      };
    });
  }

  /** Users who may join, found by name, without those already on the team. */
  async colleaguesNamed(actor: Actor, caseId: string, name: string): Promise<Colleague[]> {
    return this.db.read(async (sql) => {
      const members = new Set(
        (await this.tac.members(sql, caseId))
          .filter((m) => m.toDate === null && m.userId !== null)
          .map((m) => m.userId),
      );
      const found = await this.users.findColleagues(sql, name, COLLEAGUES_LISTED + members.size);
      return found.filter((u) => !members.has(u.id)).slice(0, COLLEAGUES_LISTED);
    });
  }

  /** A meeting of a case the actor may see (404 otherwise), with its case's team. */
  async meeting(actor: Actor, meetingId: string): Promise<{ meeting: MeetingRow; team: TeamView }> {
    const meeting = await this.db.read((sql) =>
      this.tac.findVisibleMeeting(sql, actor, meetingId, false),
    );
    if (!meeting) throw notFound('Meeting');
    return { meeting, team: await this.team(actor, meeting.caseId) };
  }
}

function memberLine(
  m: MemberRow,
  people: ReadonlyMap<string, Colleague>,
  leadProfessionalId: string | null,
): TeamMember {
  const user = m.userId ? people.get(m.userId) : undefined;
  return {
    ...m,
    name: user?.displayName ?? m.externalName ?? '',
    agency: user?.agencyName ?? m.externalAgency ?? '',
    external: m.userId === null,
    lead: m.userId !== null && m.userId === leadProfessionalId,
  };
}
