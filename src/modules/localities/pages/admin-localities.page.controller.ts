import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { notFound } from '../../../common/errors/domain-error';
import { IdParam } from '../../../common/validation/id-param';
import { FormErrors } from '../../../web/forms/form-errors';
import { FormSubmitter } from '../../../web/forms/form-submission';
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { text } from '../../../web/forms/posted-answers';
import { type FormFields } from '../../../web/forms/service-errors';
import { PageController } from '../../../web/page-controller';
import { AreasService } from '../../areas/areas.service';
import { CreateAreaDto } from '../../areas/dto/area.dto';
import { normaliseSector } from '../../areas/domain/postcode-sector';
import {
  AGE_BANDS,
  CreateLocalityDto,
  SetPopulationDto,
  type AgeBand,
  type PopulationDto,
} from '../dto/locality.dto';
import { LocalitiesService } from '../localities.service';
import { checkPopulation, populationTable, type PopulationAnswers } from './population-form';

const LOCALITY_FIELDS: FormFields = {
  name: { id: 'name', label: 'the locality’s name' },
  code: {
    id: 'code',
    label: 'the locality’s code',
    messages: {
      'must be 1 to 20': 'The code must be 1 to 20 letters, digits, hyphens or underscores',
    },
  },
};

const AREA_FIELDS: FormFields = {
  name: { id: 'areaName', label: 'the area’s name' },
  code: {
    id: 'areaCode',
    label: 'the area’s code',
    messages: {
      'must be 1 to 20': 'The code must be 1 to 20 letters, digits, hyphens or underscores',
    },
  },
  postcodeSectors: {
    id: 'postcodeSectors',
    label: 'the postcode sectors',
    messages: {
      'must contain at least 1': 'Enter at least one postcode sector, like TW3 1',
      'must contain no more than': 'Enter no more than 200 postcode sectors',
    },
  },
};

const POPULATION_FIELDS: FormFields = {
  year: { id: 'year', label: 'the year' },
  version: { id: 'year', label: 'the version' },
};

interface AreaAnswers {
  areaName: string;
  areaCode: string;
  postcodeSectors: string;
}

/** A typed list of sectors: one a line, or separated by commas or semicolons. */
function sectorsFrom(typed: string): string[] {
  return typed
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The population form as a page shows it: the answers, the version they were made on. */
interface PopulationForm {
  answers: PopulationAnswers;
  version: number;
  errors?: FormErrors;
  stale?: boolean;
}

/** A locality and an area as their services answer them. */
type LocalityRow = Awaited<ReturnType<LocalitiesService['get']>>;
type AreaRow = Awaited<ReturnType<AreasService['list']>>['items'][number];

/**
 * `/admin/localities`, "Localities": the list and "Add locality"; each locality's page shows its
 * populations by year and age band ("Save population", with `version`) and its children's
 * centre areas with their postcode sectors ("Add area"); each area's page its own populations.
 * Every form goes through the API's DTOs and services (LocalitiesService, AreasService).
 */
@PageController('admin/localities')
@Access('admin')
export class AdminLocalitiesPageController {
  constructor(
    private readonly localities: LocalitiesService,
    private readonly areas: AreasService,
    private readonly submitter: FormSubmitter,
  ) {}

  @Get()
  async list(@Res() response: Response): Promise<void> {
    await this.renderList(response, { name: '', code: '' }, new FormErrors());
  }

  @Post()
  async add(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = { name: text(posted, 'name'), code: text(posted, 'code') };
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateLocalityDto,
      input: answers,
      fields: LOCALITY_FIELDS,
      firstField: 'name',
      save: async (dto) => {
        const created = await this.localities.create(actor, dto);
        return {
          redirectTo: `/admin/localities/${created.id}`,
          flash: { text: `${created.name} added` },
        };
      },
      showAgain: (errors) => this.renderList(response, answers, errors),
    });
  }

  @Get(':id')
  async show(
    @IdParam() id: string,
    @Query('year') year: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const locality = await this.localities.get(id);
    await this.renderLocality(response, locality, {
      population: { answers: prefilled(locality.populations, year), version: locality.version },
    });
  }

  @Post(':id/population')
  async setPopulation(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.submitPopulation(request, response, actor, {
      save: (dto) => this.localities.setPopulation(actor, id, dto),
      redirectTo: `/admin/localities/${id}#populations`,
      showAgain: async (form) => {
        const locality = await this.localities.get(id);
        await this.renderLocality(response, locality, {
          population: { ...form, version: form.version ?? locality.version },
        });
      },
    });
  }

  @Post(':id/areas')
  async addArea(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers: AreaAnswers = {
      areaName: text(posted, 'areaName'),
      areaCode: text(posted, 'areaCode'),
      postcodeSectors: text(posted, 'postcodeSectors'),
    };
    const locality = await this.localities.get(id);
    const typed = sectorsFrom(answers.postcodeSectors);
    const notSectors = typed.filter((s) => normaliseSector(s) === null);
    const errors = new FormErrors();
    if (notSectors.length > 0) {
      errors.add(
        'postcodeSectors',
        `${notSectors.map((s) => `‘${s}’`).join(', ')} ${notSectors.length === 1 ? 'is not a postcode sector' : 'are not postcode sectors'}: enter the first part of the postcode and the first digit of the second part, like TW3 1`,
      );
    }
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateAreaDto,
      input: {
        name: answers.areaName,
        code: answers.areaCode,
        postcodeSectors: typed.filter((s) => normaliseSector(s) !== null),
      },
      fields: AREA_FIELDS,
      firstField: 'areaName',
      errors,
      save: async (dto) => {
        const area = await this.areas.create(actor, id, dto);
        return {
          redirectTo: `/admin/localities/${id}#areas`,
          flash: { text: `${area.name} added with ${sectorCount(area.postcodeSectors.length)}` },
        };
      },
      showAgain: (errors) =>
        this.renderLocality(response, locality, {
          population: {
            answers: prefilled(locality.populations, undefined),
            version: locality.version,
          },
          area: answers,
          areaErrors: errors,
        }),
    });
  }

  @Get(':id/areas/:areaId')
  async showArea(
    @IdParam() id: string,
    @IdParam('areaId') areaId: string,
    @Query('year') year: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const { locality, area } = await this.area(id, areaId);
    await this.renderArea(response, locality, area, {
      answers: prefilled(area.populations, year),
      version: area.version,
    });
  }

  @Post(':id/areas/:areaId/population')
  async setAreaPopulation(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('areaId') areaId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    await this.area(id, areaId);
    await this.submitPopulation(request, response, actor, {
      save: (dto) => this.areas.setPopulation(actor, areaId, dto),
      redirectTo: `/admin/localities/${id}/areas/${areaId}`,
      showAgain: async (form) => {
        const { locality, area } = await this.area(id, areaId);
        await this.renderArea(response, locality, area, {
          ...form,
          version: form.version ?? area.version,
        });
      },
    });
  }

  /**
   * "Save population" on a locality's or an area's page: the same form and checks. The page
   * shown again keeps the answers; after a stale version it takes the record's version as now.
   */
  private async submitPopulation(
    request: Request,
    response: Response,
    actor: Actor,
    target: {
      save: (dto: SetPopulationDto) => Promise<unknown>;
      redirectTo: string;
      showAgain: (form: Omit<PopulationForm, 'version'> & { version?: number }) => Promise<void>;
    },
  ): Promise<void> {
    const checked = checkPopulation((request.body ?? {}) as Record<string, unknown>);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: SetPopulationDto,
      input: checked.input,
      fields: POPULATION_FIELDS,
      firstField: 'year',
      errors: checked.errors,
      save: async (dto) => {
        await target.save(dto);
        return {
          redirectTo: target.redirectTo,
          flash: { text: `Population for ${dto.year} saved` },
        };
      },
      showAgain: (errors) =>
        target.showAgain({ answers: checked.answers, version: checked.version, errors }),
      showStale: () => target.showAgain({ answers: checked.answers, stale: true }),
    });
  }

  /** The locality and its area (404 when the area is another locality's). */
  private async area(
    id: string,
    areaId: string,
  ): Promise<{ locality: LocalityRow; area: AreaRow }> {
    const locality = await this.localities.get(id);
    const area = (await this.areas.list(id)).items.find((a) => a.id === areaId);
    if (!area) throw notFound('Area');
    return { locality, area };
  }

  private async renderList(
    response: Response,
    answers: { name: string; code: string },
    errors: FormErrors,
  ): Promise<void> {
    const page = await this.localities.list({ limit: 200 });
    response.render('admin-localities', {
      pageTitle: 'Localities',
      currentSection: '/admin/localities',
      localities: page.items.map((l) => ({
        id: l.id,
        name: l.name,
        code: l.code,
        latestYear: l.populations[0]?.year ?? null,
        total: l.populations[0] ? totalOf(l.populations[0]) : null,
      })),
      more: page.nextCursor !== null,
      answers,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private async renderLocality(
    response: Response,
    locality: LocalityRow,
    forms: {
      population: PopulationForm;
      area?: AreaAnswers;
      areaErrors?: FormErrors;
    },
  ): Promise<void> {
    const areas = (await this.areas.list(locality.id)).items;
    const populationErrors = forms.population.errors ?? new FormErrors();
    const areaErrors = forms.areaErrors ?? new FormErrors();
    response.render('admin-locality', {
      pageTitle: locality.name,
      currentSection: '/admin/localities',
      locality: { id: locality.id, name: locality.name, code: locality.code },
      bands: AGE_BANDS,
      populations: populationTable(locality.populations),
      population: forms.population.answers,
      populationVersion: forms.population.version,
      populationErrors,
      stale: forms.population.stale ?? false,
      areas: areas.map((a) => ({
        id: a.id,
        name: a.name,
        code: a.code,
        sectors: a.postcodeSectors.join(', '),
        latestYear: a.populations[0]?.year ?? null,
        total: a.populations[0] ? totalOf(a.populations[0]) : null,
      })),
      area: forms.area ?? { areaName: '', areaCode: '', postcodeSectors: '' },
      areaErrors,
      // One error summary for the page: the form that was sent.
      errors: populationErrors.any ? populationErrors : areaErrors,
      idempotencyKey: newIdempotencyKey(),
      areaKey: newIdempotencyKey(),
    });
  }

  private async renderArea(
    response: Response,
    locality: LocalityRow,
    area: AreaRow,
    form: PopulationForm,
  ): Promise<void> {
    const errors = form.errors ?? new FormErrors();
    response.render('admin-area', {
      pageTitle: `${area.name}`,
      currentSection: '/admin/localities',
      locality: { id: locality.id, name: locality.name },
      area: {
        id: area.id,
        name: area.name,
        code: area.code,
        sectors: area.postcodeSectors,
      },
      bands: AGE_BANDS,
      populations: populationTable(area.populations),
      population: form.answers,
      populationVersion: form.version,
      populationErrors: errors,
      errors,
      stale: form.stale ?? false,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}

/** A population's children aged 0 to 17, as the page writes a number (12,345). */
function totalOf(population: PopulationDto): string {
  return AGE_BANDS.reduce(
    (sum, band: AgeBand) => sum + (population.bands[band] ?? 0),
    0,
  ).toLocaleString('en-GB');
}

function sectorCount(n: number): string {
  return n === 1 ? '1 postcode sector' : `${n} postcode sectors`;
}

/** The population form filled with a year's figures (`?year=` from "Change"), or empty. */
function prefilled(populations: readonly PopulationDto[], year: unknown): PopulationAnswers {
  const chosen = populations.find((p) => String(p.year) === year);
  const bands = Object.fromEntries(
    AGE_BANDS.map((band) => [band, chosen ? String(chosen.bands[band] ?? '') : '']),
  ) as Record<AgeBand, string>;
  return { year: chosen ? String(chosen.year) : '', bands };
}
