import { Get, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { text } from '../../../web/forms/posted-answers';
import { AgenciesService } from '../agencies.service';
import { AGENCY_TYPES, CreateAgencyDto } from '../dto/agency.dto';
import { AGENCY_TYPE_LABELS } from './agency-wording';

const FIELDS: FormFields = {
  name: { id: 'name', label: 'the agency’s name' },
  type: { id: 'type', label: 'what kind of agency it is' },
};

/** `/admin/agencies`, "Agencies": the list, and "Add agency". */
@PageController('admin/agencies')
@Access('admin')
export class AdminAgenciesPageController {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get()
  async show(@Res() response: Response): Promise<void> {
    await this.render(response, { name: '', type: '' }, new FormErrors());
  }

  @Post()
  async add(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { name: text(posted, 'name'), type: text(posted, 'type') };
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateAgencyDto,
      input: answers,
      fields: FIELDS,
      firstField: 'name',
      save: async (dto) => {
        await this.agencies.create(actor, dto);
        return { redirectTo: '/admin/agencies', flash: { text: `${dto.name} added` } };
      },
      showAgain: (shown) => this.render(response, answers, shown),
    });
  }

  private async render(
    response: Response,
    answers: { name: string; type: string },
    errors: FormErrors,
  ): Promise<void> {
    const page = await this.agencies.list({ limit: 200 });
    response.render('admin-agencies', {
      pageTitle: 'Agencies',
      currentSection: '/admin/agencies',
      agencies: page.items.map((a) => ({
        id: a.id,
        name: a.name,
        type: AGENCY_TYPE_LABELS[a.type],
      })),
      more: page.nextCursor !== null,
      types: [
        { value: '', text: 'Select the kind of agency' },
        ...AGENCY_TYPES.map((type) => ({
          value: type,
          text: AGENCY_TYPE_LABELS[type],
          selected: answers.type === type,
        })),
      ],
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}
