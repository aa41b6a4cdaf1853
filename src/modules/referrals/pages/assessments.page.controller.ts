import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
import { notFound } from '../../../common/errors/domain-error';
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
import { IdempotentForms, newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { redirectWithFlash } from '../../../web/forms/post-redirect-get';
import { formErrorsFrom, type FormFields } from '../../../web/forms/service-errors';
import { isStaleVersion, staleVersionView } from '../../../web/forms/stale-version';
import { PageController } from '../../../web/page-controller';
import { formatDate } from '../../../web/view-filters';
import { text, validated, whole } from '../../../web/forms/posted-answers';
import { CoreAssessmentsService } from '../core-assessments.service';
import {
  CompleteSingleAssessmentDto,
  SINGLE_ASSESSMENT_OUTCOMES,
  UpdateSingleAssessmentDto,
} from '../dto/census-fields.dto';
import {
  CompleteCoreAssessmentDto,
  CompleteInitialAssessmentDto,
  INITIAL_ASSESSMENT_OUTCOMES,
  StartCoreAssessmentDto,
  UpdateCoreAssessmentDto,
  UpdateReferralDto,
} from '../dto/referral.dto';
import { InitialAssessmentsService } from '../initial-assessments.service';
import { ReferralPagesService } from '../referral-pages.service';
import { ReferralsService } from '../referrals.service';
import { SingleAssessmentsService } from '../single-assessments.service';
import {
  INITIAL_OUTCOME_LABELS,
  inTimeText,
  SINGLE_OUTCOME_LABELS,
  timeLeft,
} from './social-care-wording';

type Kind = 'initial' | 'core' | 'single';
const KIND_NAMES: Record<Kind, string> = {
  initial: 'Initial assessment',
  core: 'Core assessment',
  single: 'Assessment',
};

const FIELDS: FormFields = {
  completedAt: {
    id: 'completedAt-day',
    label: 'the date completed',
    messages: {
      'cannot be in the future': 'The date completed must be today or in the past',
      'cannot be before': 'The date completed cannot be before the assessment started',
    },
  },
  outcome: { id: 'outcome', label: 'the outcome' },
  commencedAt: {
    id: 'commencedAt-day',
    label: 'the commencement date',
    messages: {
      'cannot be in the future': 'The commencement date must be today or in the past',
      'cannot be before': 'The commencement date cannot be before the referral date',
      'cannot be after': 'The commencement date cannot be after the completion date',
    },
  },
  referredAt: {
    id: 'referredAt-day',
    label: 'the referral date',
    messages: {
      'cannot be in the future': 'The referral date must be today or in the past',
      'cannot be after the decision date':
        'The referral date cannot be after the date the referral was decided',
      'would move the referral':
        'The referral date cannot move the referral to another assessment framework once its assessment has started',
    },
  },
  startedAt: {
    id: 'startedAt-day',
    label: 'the start date',
    messages: {
      'cannot be in the future': 'The start date must be today or in the past',
      'cannot be before the referral date': 'The start date cannot be before the referral date',
    },
  },
  assignedToUserId: {
    id: 'assignedToUserId',
    label: 'the social care worker to assign',
    messages: {
      'must be an active social care worker': 'Select an active social care worker to assign',
    },
  },
};

/** One open assessment on the work list. */
interface WorkLine {
  id: string;
  kind: Kind;
  childId: string;
  assignedToUserId: string;
  dueDate: string;
  workingDaysRemaining: number;
}

interface Forms {
  complete?: {
    outcome: string;
    completedAt: DateParts;
    errors: FormErrors;
    invalid: (keyof DateParts)[];
  };
  core?: {
    commencedAt: DateParts;
    assignedToUserId: string;
    errors: FormErrors;
    invalid: (keyof DateParts)[];
  };
}

/**
 * `/assessments` "Assessments": the user's open initial, core and single assessments by due
 * date with the working days left (overdue in words and red), a manager's filter for their
 * team; each assessment's page completes it (the answer says whether it was in time), starts
 * the core assessment from an initial one, and changes a core assessment's commencement date
 * (the new due date shown before it is saved, with `version`).
 */
@PageController('assessments')
@Access('social_care')
export class AssessmentsPageController {
  constructor(
    private readonly initial: InitialAssessmentsService,
    private readonly core: CoreAssessmentsService,
    private readonly single: SingleAssessmentsService,
    private readonly pages: ReferralPagesService,
    private readonly referrals: ReferralsService,
    private readonly forms: IdempotentForms,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Query('whose') rawWhose: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const team = await this.pages.teamOf(actor);
    const whose = typeof rawWhose === 'string' ? rawWhose : 'mine';
    let workers: string[];
    if (whose === 'team' && team.length > 0) workers = team.map((w) => w.id);
    else if (team.some((w) => w.id === whose)) workers = [whose];
    else workers = [actor.id];
    const lines: WorkLine[] = [];
    for (const worker of workers) {
      const query = { assignedToUserId: worker, limit: 200 };
      const [initial, core, single] = [
        await this.initial.openInitialAssessments(actor, query),
        await this.core.openCoreAssessments(actor, query),
        await this.single.open(actor, query),
      ];
      lines.push(
        ...initial.items.map((a) => ({ ...a, kind: 'initial' as const })),
        ...core.items.map((a) => ({ ...a, kind: 'core' as const })),
        ...single.items.map((a) => ({ ...a, kind: 'single' as const })),
      );
    }
    lines.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
    const childNames = await this.pages.childNames(lines.map((l) => l.childId));
    const userNames = await this.pages.userNames(lines.map((l) => l.assignedToUserId));
    response.render('assessments', {
      pageTitle: 'Assessments',
      currentSection: '/assessments',
      manager: team.length > 0,
      showWorker: workers.length > 1 || workers[0] !== actor.id,
      filter: [
        { value: 'mine', text: 'My assessments', selected: workers[0] === actor.id },
        {
          value: 'team',
          text: 'My team’s assessments',
          selected: whose === 'team' && team.length > 0,
        },
        ...team.map((w) => ({ value: w.id, text: w.displayName, selected: whose === w.id })),
      ],
      assessments: lines.map((l) => ({
        id: l.id,
        href: `/assessments/${l.kind}/${l.id}`,
        kind: KIND_NAMES[l.kind],
        childName: childNames.get(l.childId) ?? '',
        worker: userNames[l.assignedToUserId] ?? '',
        dueDate: l.dueDate,
        left: timeLeft(l.workingDaysRemaining),
        overdue: l.workingDaysRemaining < 0,
      })),
    });
  }

  @Get(':kind/:id')
  async show(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.render(actor, kindOf(request.params.kind), id, response, {});
  }

  @Post(':kind/:id/complete')
  async complete(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const kind = kindOf(request.params.kind);
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = {
      outcome: text(posted, 'outcome'),
      completedAt: datePartsFrom(posted, 'completedAt'),
    };
    const date = parseDateInput('completedAt', answers.completedAt, {
      label: 'Date completed',
      latest: {
        iso: this.clock.today(),
        message: 'The date completed must be today or in the past',
      },
    });
    const errors = new FormErrors();
    if (kind !== 'core' && answers.outcome === '') errors.add('outcome', 'Select the outcome');
    if (date.error) errors.add(date.error.field, date.error.text);
    const form = { ...answers, errors, invalid: date.invalid };
    if (errors.any) {
      response.status(400);
      await this.render(actor, kind, id, response, { complete: form });
      return;
    }
    try {
      const outcome = await this.forms.once(actor.id, request.path, posted, async () => {
        let inTime: boolean | null;
        if (kind === 'initial') {
          const dto = await validated(CompleteInitialAssessmentDto, {
            completedAt: date.iso,
            outcome: answers.outcome,
          });
          inTime = (await this.initial.completeInitialAssessment(actor, id, dto)).inTime;
        } else if (kind === 'core') {
          const dto = await validated(CompleteCoreAssessmentDto, { completedAt: date.iso });
          inTime = (await this.core.completeCoreAssessment(actor, id, dto)).inTime;
        } else {
          const dto = await validated(CompleteSingleAssessmentDto, {
            completedAt: date.iso,
            outcome: answers.outcome,
          });
          inTime = (await this.single.complete(actor, id, dto)).inTime;
        }
        return { redirectTo: `/assessments/${kind}/${id}`, inTime };
      });
      const inTime = outcome.inTime;
      await redirectWithFlash(request, response, outcome.redirectTo, {
        heading: `${KIND_NAMES[kind]} completed`,
        text: inTime
          ? 'It was completed in time, on or before its due date.'
          : 'It was completed late, after its due date.',
      });
    } catch (error) {
      response.status(422);
      await this.render(actor, kind, id, response, {
        complete: { ...form, errors: formErrorsFrom(error, FIELDS, 'completedAt-day') },
      });
    }
  }

  /** "Start core assessment" from an initial assessment whose outcome asks for one. */
  @Post('initial/:id/core')
  async startCore(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = {
      commencedAt: datePartsFrom(posted, 'commencedAt'),
      assignedToUserId: text(posted, 'assignedToUserId'),
    };
    const date = parseDateInput('commencedAt', answers.commencedAt, {
      label: 'Commencement date',
      latest: {
        iso: this.clock.today(),
        message: 'The commencement date must be today or in the past',
      },
    });
    const errors = new FormErrors();
    if (date.error) errors.add(date.error.field, date.error.text);
    const form = { ...answers, errors, invalid: date.invalid };
    if (errors.any) {
      response.status(400);
      await this.render(actor, 'initial', id, response, { core: form });
      return;
    }
    try {
      const dto = await validated(StartCoreAssessmentDto, {
        initialAssessmentId: id,
        commencedAt: date.iso,
        assignedToUserId: answers.assignedToUserId,
      });
      const outcome = await this.forms.once(actor.id, request.path, posted, async () => {
        const started = await this.core.startCoreAssessment(actor, dto);
        return { redirectTo: `/assessments/core/${started.id}` };
      });
      await redirectWithFlash(request, response, outcome.redirectTo, {
        text: 'Core assessment started',
      });
    } catch (error) {
      response.status(422);
      await this.render(actor, 'initial', id, response, {
        core: { ...form, errors: formErrorsFrom(error, FIELDS, 'commencedAt-day') },
      });
    }
  }

  /** "Change the commencement date": the form, then the new due date to confirm. */
  @Get('core/:id/commenced')
  async showCommenced(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const ca = await this.core.getCore(actor, id);
    await this.renderCommenced(
      response,
      ca,
      datePartsOf(ca.commencedAt),
      ca.version,
      new FormErrors(),
      [],
    );
  }

  @Post('core/:id/commenced')
  async changeCommenced(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const parts = datePartsFrom(posted, 'commencedAt');
    const version = whole(posted, 'version');
    const confirmed = text(posted, 'confirm') === 'yes';
    const date = parseDateInput('commencedAt', parts, {
      label: 'Commencement date',
      latest: {
        iso: this.clock.today(),
        message: 'The commencement date must be today or in the past',
      },
    });
    const ca = await this.core.getCore(actor, id);
    if (date.error || !date.iso) {
      response.status(400);
      await this.renderCommenced(
        response,
        ca,
        parts,
        version,
        new FormErrors([
          date.error ?? { field: 'commencedAt-day', text: 'Enter commencement date' },
        ]),
        date.invalid,
      );
      return;
    }
    try {
      if (!confirmed) {
        const preview = await this.core.dueDateIfCommenced(actor, id, date.iso);
        response.status(200);
        response.render('assessment-commenced-confirm', {
          pageTitle: 'Check the new due date',
          ca,
          commencedAt: date.iso,
          parts,
          version,
          dueDate: preview.dueDate,
          provisional: preview.dueDateProvisional,
        });
        return;
      }
      const dto = await validated(UpdateCoreAssessmentDto, { commencedAt: date.iso, version });
      const saved = await this.core.updateCoreAssessment(actor, id, dto);
      await redirectWithFlash(request, response, `/assessments/core/${id}`, {
        text: `Commencement date changed: the core assessment is now due ${saved.dueDate}`,
      });
    } catch (error) {
      if (isStaleVersion(error)) {
        const latest = await this.core.getCore(actor, id);
        response.status(409);
        await this.renderCommenced(response, latest, parts, latest.version, new FormErrors(), [], {
          stale: staleVersionView(
            { version: latest.version, changedBy: 'Someone else', changedAt: new Date() },
            `/assessments/core/${id}/commenced`,
          ),
        });
        return;
      }
      response.status(422);
      await this.renderCommenced(
        response,
        ca,
        parts,
        version,
        formErrorsFrom(error, FIELDS, 'commencedAt-day'),
        [],
      );
    }
  }

  /**
   * "Change the referral date" of an initial assessment: it is due 7 working days (its
   * framework's) after the referral date, so the referral's date is its start. The form, then
   * the new due date to confirm, then saved on the referral with the referral's `version`.
   */
  @Get('initial/:id/referred')
  async showReferred(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const ia = await this.initial.getInitial(actor, id);
    const referral = await this.referrals.get(actor, ia.referralId);
    await this.renderStartDate(response, 'initial', ia, {
      parts: datePartsOf(referral.referredAt),
      version: referral.version,
      errors: new FormErrors(),
    });
  }

  @Post('initial/:id/referred')
  async changeReferred(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const ia = await this.initial.getInitial(actor, id);
    await this.changeStartDate(request, response, actor, 'initial', ia, {
      dto: UpdateReferralDto,
      preview: async (referredAt) => {
        const moved = await this.referrals.previewReferredAt(actor, ia.referralId, referredAt);
        return {
          dueDate: moved.initialAssessment?.dueDate ?? ia.dueDate,
          provisional: moved.initialAssessment?.dueDateProvisional ?? false,
        };
      },
      save: async (dto) => {
        await this.referrals.updateReferredAt(actor, ia.referralId, dto);
        const saved = await this.initial.getInitial(actor, id);
        return `Referral date changed: the initial assessment is now due ${formatDate(saved.dueDate)}`;
      },
      latest: async () => ({
        assessment: ia,
        version: (await this.referrals.get(actor, ia.referralId)).version,
      }),
    });
  }

  /**
   * "Change the start date" of a single assessment (with its `version`). Its due date counts
   * from the referral date, not from the start, so the check page says it stays as it is.
   */
  @Get('single/:id/started')
  async showStarted(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const sa = await this.single.get(actor, id);
    await this.renderStartDate(response, 'single', sa, {
      parts: datePartsOf(sa.startedAt),
      version: sa.version,
      errors: new FormErrors(),
    });
  }

  @Post('single/:id/started')
  async changeStarted(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const sa = await this.single.get(actor, id);
    await this.changeStartDate(request, response, actor, 'single', sa, {
      dto: UpdateSingleAssessmentDto,
      earliest: {
        iso: sa.referredAt,
        message: 'The start date cannot be before the referral date',
      },
      preview: () => Promise.resolve({ dueDate: sa.dueDate, provisional: sa.dueDateProvisional }),
      save: async (dto) => {
        await this.single.update(actor, id, dto);
        return `Start date changed to ${formatDate(dto.startedAt)}`;
      },
      latest: async () => {
        const latest = await this.single.get(actor, id);
        return { assessment: latest, version: latest.version };
      },
    });
  }

  /**
   * The start-date forms' one flow: the posted date (today or earlier) and `version`, a 400
   * with the form again when it is wrong, then the new due date to check (`preview`, nothing
   * saved), then, confirmed, saved through the FormSubmitter with a banner of `save`'s words.
   */
  private async changeStartDate<D extends object>(
    request: Request,
    response: Response,
    actor: Actor,
    kind: 'initial' | 'single',
    a: StartDateAssessment,
    change: {
      dto: new () => D;
      earliest?: { iso: string; message: string };
      preview: (iso: string) => Promise<{ dueDate: string; provisional: boolean }>;
      save: (dto: D) => Promise<string>;
      latest: () => Promise<{ assessment: StartDateAssessment; version: number }>;
    },
  ): Promise<void> {
    const wording = START_DATE_WORDING[kind];
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const parts = datePartsFrom(posted, wording.field);
    const version = whole(posted, 'version');
    const date = parseDateInput(wording.field, parts, {
      label: wording.legend,
      latest: {
        iso: this.clock.today(),
        message: `The ${wording.legend.toLowerCase()} must be today or in the past`,
      },
      earliest: change.earliest,
    });
    const form = { parts, version, errors: new FormErrors(), invalid: date.invalid };
    if (date.error || !date.iso) {
      response.status(400);
      await this.renderStartDate(response, kind, a, {
        ...form,
        errors: new FormErrors(date.error ? [date.error] : []),
      });
      return;
    }
    const iso = date.iso;
    const firstField = `${wording.field}-day`;
    if (text(posted, 'confirm') !== 'yes') {
      let preview: { dueDate: string; provisional: boolean };
      try {
        preview = await change.preview(iso);
      } catch (error) {
        response.status(422);
        await this.renderStartDate(response, kind, a, {
          ...form,
          errors: formErrorsFrom(error, FIELDS, firstField),
        });
        return;
      }
      await this.renderStartDateCheck(response, kind, a, { date: iso, parts, version, ...preview });
      return;
    }
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: change.dto,
      input: { [wording.field]: iso, version },
      fields: FIELDS,
      firstField,
      save: async (dto) => ({
        redirectTo: `/assessments/${kind}/${a.id}`,
        flash: { text: await change.save(dto) },
      }),
      showAgain: (errors) => this.renderStartDate(response, kind, a, { ...form, errors }),
      showStale: async () => {
        const latest = await change.latest();
        await this.renderStartDate(response, kind, latest.assessment, {
          ...form,
          version: latest.version,
          stale: true,
        });
      },
    });
  }

  private async renderStartDate(
    response: Response,
    kind: 'initial' | 'single',
    a: StartDateAssessment,
    form: {
      parts: DateParts;
      version: number;
      errors: FormErrors;
      invalid?: (keyof DateParts)[];
      stale?: boolean;
    },
  ): Promise<void> {
    const childName = (await this.pages.childNames([a.childId])).get(a.childId) ?? '';
    const wording = START_DATE_WORDING[kind];
    response.render('assessment-start-date', {
      pageTitle: wording.heading,
      currentSection: '/assessments',
      kind,
      a,
      childName,
      wording,
      current: kind === 'initial' ? a.referredAt : (a.startedAt ?? a.referredAt),
      version: form.version,
      dateItems: dateInputItems(form.parts, form.invalid ?? []),
      dateError: form.errors.summary.find((e) => e.href.startsWith(`#${wording.field}-`)),
      errors: form.errors,
      stale: form.stale ?? false,
    });
  }

  private async renderStartDateCheck(
    response: Response,
    kind: 'initial' | 'single',
    a: { id: string; childId: string; dueDate: string },
    check: {
      date: string;
      parts: DateParts;
      version: number;
      dueDate: string;
      provisional: boolean;
    },
  ): Promise<void> {
    const childName = (await this.pages.childNames([a.childId])).get(a.childId) ?? '';
    response.status(200);
    response.render('assessment-start-date-confirm', {
      pageTitle: 'Check the new due date',
      currentSection: '/assessments',
      kind,
      a,
      childName,
      wording: START_DATE_WORDING[kind],
      ...check,
      unchanged: check.dueDate === a.dueDate,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private async renderCommenced(
    response: Response,
    ca: { id: string; commencedAt: string; dueDate: string; childId: string; referralId: string },
    parts: DateParts,
    version: number,
    errors: FormErrors,
    invalid: (keyof DateParts)[],
    extra: { stale?: ReturnType<typeof staleVersionView> } = {},
  ): Promise<void> {
    const childName = (await this.pages.childNames([ca.childId])).get(ca.childId) ?? '';
    response.render('assessment-commenced', {
      pageTitle: 'Change the commencement date',
      ca,
      childName,
      version,
      dateItems: dateInputItems(parts, invalid),
      dateError: errors.summary.find((e) => e.href.startsWith('#commencedAt-')),
      errors,
      stale: extra.stale,
    });
  }

  private async render(
    actor: Actor,
    kind: Kind,
    id: string,
    response: Response,
    forms: Forms,
  ): Promise<void> {
    const a =
      kind === 'initial'
        ? await this.initial.getInitial(actor, id)
        : kind === 'core'
          ? await this.core.getCore(actor, id)
          : await this.single.get(actor, id);
    const outcome =
      'outcome' in a && a.outcome
        ? kind === 'initial'
          ? INITIAL_OUTCOME_LABELS[a.outcome]
          : SINGLE_OUTCOME_LABELS[a.outcome as keyof typeof SINGLE_OUTCOME_LABELS]
        : undefined;
    const core = kind === 'initial' ? await this.pages.coreForInitial(id) : null;
    const canStartCore =
      kind === 'initial' && 'outcome' in a && a.outcome === 'core_assessment' && core === null;
    const workers = canStartCore ? await this.pages.socialCareWorkers() : [];
    const names = await this.pages.userNames([a.assignedToUserId]);
    const childName = (await this.pages.childNames([a.childId])).get(a.childId) ?? '';
    const today = this.clock.today();
    const complete = forms.complete ?? {
      outcome: '',
      completedAt: datePartsOf(today),
      errors: new FormErrors(),
      invalid: [],
    };
    const coreForm = forms.core ?? {
      commencedAt: datePartsOf(today),
      assignedToUserId: a.assignedToUserId,
      errors: new FormErrors(),
      invalid: [],
    };
    const outcomes: readonly string[] =
      kind === 'initial'
        ? INITIAL_ASSESSMENT_OUTCOMES
        : kind === 'single'
          ? SINGLE_ASSESSMENT_OUTCOMES
          : [];
    const labels: Record<string, string> =
      kind === 'initial' ? INITIAL_OUTCOME_LABELS : SINGLE_OUTCOME_LABELS;
    response.render('assessment', {
      pageTitle: `${KIND_NAMES[kind]} for ${childName}`,
      currentSection: '/assessments',
      kind,
      kindName: KIND_NAMES[kind],
      a,
      childName,
      assignedTo: names[a.assignedToUserId] ?? '',
      startedAt: 'commencedAt' in a ? a.commencedAt : 'startedAt' in a ? a.startedAt : a.referredAt,
      startLabel: kind === 'core' ? 'Commenced' : kind === 'single' ? 'Started' : 'Referral date',
      outcome,
      inTime: inTimeText(a.inTime),
      overdue: a.completedAt === null && a.dueDate < today,
      core,
      canStartCore,
      outcomes: outcomes.map((o) => ({
        value: o,
        text: labels[o],
        checked: complete.outcome === o,
      })),
      complete,
      completeDateItems: dateInputItems(complete.completedAt, complete.invalid),
      completeDateError: complete.errors.summary.find((e) => e.href.startsWith('#completedAt-')),
      coreForm,
      coreDateItems: dateInputItems(coreForm.commencedAt, coreForm.invalid),
      coreDateError: coreForm.errors.summary.find((e) => e.href.startsWith('#commencedAt-')),
      workers: workers.map((w) => ({
        value: w.id,
        text: w.id === actor.id ? `${w.displayName} (you)` : w.displayName,
        selected: w.id === coreForm.assignedToUserId,
      })),
      errors: forms.complete?.errors ?? forms.core?.errors ?? new FormErrors(),
      idempotencyKey: newIdempotencyKey(),
    });
  }
}

/** What the start-date pages show of an initial or single assessment. */
interface StartDateAssessment {
  id: string;
  childId: string;
  dueDate: string;
  referredAt: string;
  startedAt?: string;
}

/** The start-date pages' words: an initial assessment's start is its referral's date. */
const START_DATE_WORDING = {
  initial: {
    heading: 'Change the referral date',
    field: 'referredAt',
    legend: 'Referral date',
    path: 'referred',
    intro:
      'The initial assessment is due 7 working days (its framework’s) after the referral date, so changing the referral’s date moves its due date (and the referral’s own record, including whether it is a re-referral).',
    button: 'Save the new referral date',
  },
  single: {
    heading: 'Change the start date',
    field: 'startedAt',
    legend: 'Start date',
    path: 'started',
    intro:
      'The assessment is due 45 working days after the referral date, whatever day it started: its due date stays as it is.',
    button: 'Save the new start date',
  },
} as const;

function kindOf(value: unknown): Kind {
  if (value === 'initial' || value === 'core' || value === 'single') return value;
  throw notFound('Assessment');
}
