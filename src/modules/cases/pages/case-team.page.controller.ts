import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { notFound } from '../../../common/errors/domain-error';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import type { Colleague } from '../../users/users.service';
import { AddMemberDto, LeaveTacDto, SetLeadProfessionalDto } from '../dto/case.dto';
import { TacOverviewService, TeamView } from '../tac/tac-overview.service';
import { TacService } from '../tac/tac.service';
import { consentNeededText, tacFormErrors } from './tac-wording';
import { optionalText, text, whole } from '../../../web/forms/posted-answers';

const USER_FIELDS: FormFields = {
  userId: { id: 'userId', label: 'who to add' },
  role: { id: 'userRole', label: 'their role on the team' },
};
const EXTERNAL_FIELDS: FormFields = {
  externalName: { id: 'externalName', label: 'the practitioner’s name' },
  externalAgency: { id: 'externalAgency', label: 'their agency or organisation' },
  contact: { id: 'contact', label: 'how to contact them' },
  role: { id: 'externalRole', label: 'their role on the team' },
};
const LEAVE_FIELDS: FormFields = { reason: { id: 'reason', label: 'why they are leaving' } };
const LEAD_FIELDS: FormFields = {
  userId: { id: 'userId', label: 'the new lead professional' },
  reason: { id: 'reason', label: 'the reason for the change' },
};

/** What the team page's "Add a member" forms show again after a refusal. */
interface AddAnswers {
  name: string;
  userId: string;
  userRole: string;
  externalName: string;
  externalAgency: string;
  contact: string;
  externalRole: string;
}

const NO_ANSWERS: AddAnswers = {
  name: '',
  userId: '',
  userRole: '',
  externalName: '',
  externalAgency: '',
  contact: '',
  externalRole: '',
};

/**
 * `/cases/:id/team`: the Team Around the Child — its members with role, agency and account or
 * contact; adding a user of the authority (found by name) or an external practitioner, within
 * what the family's consent allows; a member leaving; "Change lead professional".
 */
@PageController('cases')
@Access('practitioner', 'locality_manager')
export class CaseTeamPageController {
  constructor(
    private readonly teams: TacOverviewService,
    private readonly tac: TacService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get(':id/team')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query('name') name: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const searched = typeof name === 'string' ? name.trim().slice(0, 200) : '';
    await this.render(actor, id, response, { ...NO_ANSWERS, name: searched }, new FormErrors());
  }

  @Post(':id/team/members')
  async addUser(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: AddAnswers = {
      ...NO_ANSWERS,
      name: text(posted, 'name'),
      userId: text(posted, 'userId'),
      userRole: text(posted, 'userRole'),
    };
    const errors = new FormErrors();
    if (answers.userId === '') errors.add('userId', 'Select who to add');
    const input = { userId: answers.userId || undefined, role: answers.userRole };
    await this.add(actor, id, request, response, answers, input, errors, USER_FIELDS, 'userId');
  }

  @Post(':id/team/external')
  async addExternal(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: AddAnswers = {
      ...NO_ANSWERS,
      externalName: text(posted, 'externalName'),
      externalAgency: text(posted, 'externalAgency'),
      contact: text(posted, 'contact'),
      externalRole: text(posted, 'externalRole'),
    };
    const input = {
      externalName: answers.externalName,
      externalAgency: answers.externalAgency,
      contact: optionalText(posted, 'contact'),
      role: answers.externalRole,
    };
    const errors = new FormErrors();
    await this.add(
      actor,
      id,
      request,
      response,
      answers,
      input,
      errors,
      EXTERNAL_FIELDS,
      'externalName',
    );
  }

  @Get(':id/team/members/:memberId/leave')
  async showLeave(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('memberId') memberId: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderLeave(actor, id, memberId, response, '', new FormErrors());
  }

  @Post(':id/team/members/:memberId/leave')
  async leave(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('memberId') memberId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const reason = text(posted, 'reason');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: LeaveTacDto,
      input: { reason, version: whole(posted, 'version') },
      fields: LEAVE_FIELDS,
      firstField: 'reason',
      save: async (dto) => {
        const team = await this.teams.team(actor, id);
        const name = team.members.find((m) => m.id === memberId)?.name;
        await this.tac.leave(actor, id, memberId, dto);
        return {
          redirectTo: `/cases/${id}/team`,
          flash: { text: `${name ?? 'The member'} has left the team` },
        };
      },
      showAgain: (shown) => this.renderLeave(actor, id, memberId, response, reason, shown),
      // Someone else changed the membership (or it ended) meanwhile: the team as it is now
      // (the redirect's 303 replaces the 409).
      showStale: () =>
        redirectWithFlash(request, response, `/cases/${id}/team`, {
          text: 'The team changed while you were on that page: check it before trying again',
        }),
    });
  }

  @Get(':id/team/lead-professional')
  async showLead(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderLead(actor, id, response, { userId: '', reason: '' }, new FormErrors());
  }

  @Post(':id/team/lead-professional')
  async changeLead(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { userId: text(posted, 'userId'), reason: text(posted, 'reason') };
    const errors = new FormErrors();
    if (answers.userId === '') errors.add('userId', 'Select the new lead professional');
    let team: TeamView | undefined;
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: SetLeadProfessionalDto,
      input: { userId: answers.userId || undefined, reason: answers.reason },
      fields: LEAD_FIELDS,
      firstField: 'userId',
      errors,
      save: async (dto) => {
        await this.tac.setLeadProfessional(actor, id, dto);
        return { redirectTo: `/cases/${id}/team`, flash: { text: 'Lead professional changed' } };
      },
      refusal: async (error) => {
        team = await this.teams.team(actor, id);
        return tacFormErrors(error, LEAD_FIELDS, 'userId', team.starterAgency);
      },
      showAgain: (shown) => this.renderLead(actor, id, response, answers, shown, team),
    });
  }

  /** Adds a user of the authority or an external practitioner ("Member added to the team"). */
  private async add(
    actor: Actor,
    id: string,
    request: Request,
    response: Response,
    answers: AddAnswers,
    input: object,
    errors: FormErrors,
    fields: FormFields,
    first: string,
  ): Promise<void> {
    let team: TeamView | undefined;
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: AddMemberDto,
      input,
      fields,
      firstField: first,
      errors,
      save: async (dto) => {
        await this.tac.addMember(actor, id, dto);
        return { redirectTo: `/cases/${id}/team`, flash: { text: 'Member added to the team' } };
      },
      refusal: async (error) => {
        team = await this.teams.team(actor, id);
        return tacFormErrors(error, fields, first, team.starterAgency);
      },
      showAgain: (shown) => this.render(actor, id, response, answers, shown, team),
    });
  }

  private async render(
    actor: Actor,
    id: string,
    response: Response,
    answers: AddAnswers,
    errors: FormErrors,
    known?: TeamView,
  ): Promise<void> {
    const team = known ?? (await this.teams.team(actor, id));
    const c = team.overview.case;
    const found: Colleague[] =
      answers.name === '' ? [] : await this.teams.colleaguesNamed(actor, id, answers.name);
    response.render('case-team', {
      pageTitle: 'Team around the child',
      caseId: id,
      childName: team.overview.childName,
      team,
      canChange: c.allowedActions.includes('add_member'),
      canChangeLead:
        c.allowedActions.includes('set_lead_professional') && team.members.some((m) => !m.external),
      consentNeeded: team.informationSharing ? undefined : consentNeededText(team.starterAgency),
      answers,
      searched: answers.name !== '',
      found: found.map((u) => ({
        value: u.id,
        text: u.displayName,
        hint: { text: u.agencyName },
        checked: answers.userId === u.id,
      })),
      errors,
      userIdempotencyKey: newIdempotencyKey(),
      externalIdempotencyKey: newIdempotencyKey(),
    });
  }

  private async renderLeave(
    actor: Actor,
    id: string,
    memberId: string,
    response: Response,
    reason: string,
    errors: FormErrors,
  ): Promise<void> {
    const team = await this.teams.team(actor, id);
    const member = team.members.find((m) => m.id === memberId);
    if (!member) throw notFound('TAC member');
    response.render('case-team-leave', {
      pageTitle: 'Leave the team',
      caseId: id,
      childName: team.overview.childName,
      member,
      reason,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private async renderLead(
    actor: Actor,
    id: string,
    response: Response,
    answers: { userId: string; reason: string },
    errors: FormErrors,
    known?: TeamView,
  ): Promise<void> {
    const team = known ?? (await this.teams.team(actor, id));
    response.render('case-team-lead', {
      pageTitle: 'Change lead professional',
      caseId: id,
      childName: team.overview.childName,
      current: team.members.find((m) => m.lead),
      candidates: team.members
        .filter((m) => !m.external && !m.lead)
        .map((m) => ({
          value: m.userId,
          text: m.name,
          hint: { text: `${m.role}, ${m.agency}` },
          checked: answers.userId === m.userId,
        })),
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
