import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { Clock } from '../../../common/clock/clock';
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
import { PageController } from '../../../web/page-controller';
import { CasesService } from '../../cases/cases.service';
import { optionalText, text } from '../../../web/forms/posted-answers';
import { ChildrenService } from '../../children/children.service';
import { MANAGERS, READERS } from '../api';
import {
  CorrectDecisionDto,
  CreateReferralDto,
  DECISION_OUTCOMES,
  DecisionDto,
  REFERRAL_SOURCES,
  StartInitialAssessmentDto,
  type DecisionOutcome,
} from '../dto/referral.dto';
import { InitialAssessmentsService } from '../initial-assessments.service';
import { ReferralPagesService } from '../referral-pages.service';
import { ReferralsService } from '../referrals.service';
import { SingleAssessmentsService } from '../single-assessments.service';
import {
  DECISION_FIELDS,
  optionalIdOf,
  recordIdOf,
  REFERRAL_FIELDS,
  START_FIELDS,
} from './referral-form';
import {
  decisionLabel,
  INITIAL_OUTCOME_LABELS,
  SINGLE_OUTCOME_LABELS,
  SOURCE_LABELS,
  workingDays,
} from './social-care-wording';

/** A referral as the service answers it. */
type ReferralRow = Awaited<ReturnType<ReferralsService['create']>>;

interface ReferralAnswers {
  referredAt: DateParts;
  source: string;
  reason: string;
  safeguardingReason: string;
}

interface DecisionAnswers {
  outcome: string;
  decidedAt: DateParts;
  reason: string;
}

/** What the referral page's forms show again after a refusal. */
interface ReferralForms {
  decision?: { answers: DecisionAnswers; errors: FormErrors; invalid: (keyof DateParts)[] };
  start?: { assignedToUserId: string; errors: FormErrors };
}

const isSingle = (r: Pick<ReferralRow, 'frameworkTimescales'>): boolean =>
  r.frameworkTimescales.kind === 'single';

/**
 * The social care front door: `/referrals/new` "Refer to children's social care" (from a case
 * or a child page; without the family's information-sharing consent it asks for the
 * safeguarding reason), `/referrals` "Referrals awaiting a decision" (oldest first, working
 * days waited, overdue past the decision's working day), and `/referrals/:id`: the referral,
 * the child's referral history the user may see, "Record decision" and its correction, and
 * "Start initial assessment" (or the single assessment, under that framework).
 */
@PageController('referrals')
@Access(...READERS)
export class ReferralsPageController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly initial: InitialAssessmentsService,
    private readonly single: SingleAssessmentsService,
    private readonly pages: ReferralPagesService,
    private readonly children: ChildrenService,
    private readonly cases: CasesService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get('new')
  async showNew(
    @CurrentActor() actor: Actor,
    @Query('childId') rawChildId: unknown,
    @Query('caseId') rawCaseId: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const childId = recordIdOf(rawChildId, 'Child');
    const caseId = optionalIdOf(rawCaseId, 'Case');
    const answers: ReferralAnswers = {
      referredAt: datePartsOf(this.clock.today()),
      source: '',
      reason: '',
      safeguardingReason: '',
    };
    await this.renderNew(actor, response, childId, caseId, answers, new FormErrors());
  }

  @Post('new')
  async create(
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const childId = recordIdOf(posted.childId, 'Child');
    const caseId = optionalIdOf(posted.caseId, 'Case');
    const answers: ReferralAnswers = {
      referredAt: datePartsFrom(posted, 'referredAt'),
      source: text(posted, 'source'),
      reason: text(posted, 'reason'),
      safeguardingReason: text(posted, 'safeguardingReason'),
    };
    const context = await this.referralContext(actor, childId, caseId);
    const today = this.clock.today();
    const date = parseDateInput('referredAt', answers.referredAt, {
      label: 'Referral date',
      latest: { iso: today, message: 'The referral date must be today or in the past' },
    });
    const errors = new FormErrors();
    if (date.error) errors.add(date.error.field, date.error.text);
    if (answers.source === '') errors.add('source', 'Select who the referral comes from');
    if (answers.reason.trim() === '') errors.add('reason', 'Enter the reason for the referral');
    const safeguarding = context.needsSafeguardingReason;
    if (safeguarding && answers.safeguardingReason.trim() === '') {
      errors.add('safeguardingReason', 'Enter why you are sharing without the family’s consent');
    }
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateReferralDto,
      input: {
        childId,
        ...(context.caseId ? { caseId: context.caseId } : {}),
        // A date the boxes could not make is already the form's error, in its own words.
        referredAt: date.iso ?? today,
        source: answers.source,
        reason: answers.reason,
        ...(safeguarding
          ? { safeguarding: true, safeguardingReason: answers.safeguardingReason }
          : {}),
      },
      fields: REFERRAL_FIELDS,
      firstField: 'referredAt-day',
      errors,
      save: async (input) => {
        const referral = await this.referrals.create(actor, input);
        return {
          redirectTo: `/referrals/${referral.id}`,
          flash: {
            heading: 'Referral sent to children’s social care',
            text: referral.isReReferral
              ? 'This is a re-referral: the child was referred within the 12 months before it.'
              : 'This is not a re-referral: the child has no referral in the 12 months before it.',
          },
        };
      },
      showAgain: (shown) =>
        this.renderNew(actor, response, childId, caseId, answers, shown, date.invalid),
    });
  }

  @Get()
  @Access(...MANAGERS)
  async queue(
    @CurrentActor() actor: Actor,
    @Query('cursor') rawCursor: unknown,
    @Res() response: Response,
  ): Promise<void> {
    const cursor = typeof rawCursor === 'string' && rawCursor !== '' ? rawCursor : undefined;
    const page = await this.referrals.queue(actor, { ...(cursor ? { cursor } : {}) });
    const names = await this.pages.childNames(page.items.map((r) => r.childId));
    response.render('referrals', {
      pageTitle: 'Referrals awaiting a decision',
      currentSection: '/referrals',
      referrals: page.items.map((r) => ({
        id: r.id,
        childName: names.get(r.childId) ?? '',
        referredAt: r.referredAt,
        source: SOURCE_LABELS[r.source],
        waited: workingDays(r.workingDaysWaited),
        // Due by the end of the decision's working day(s) after the referral date.
        overdue: r.workingDaysWaited > r.frameworkTimescales.decision,
        isReReferral: r.isReReferral,
      })),
      nextCursor: page.nextCursor,
    });
  }

  @Get(':id')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.renderReferral(actor, id, response, {});
  }

  @Post(':id/decision')
  @Access('social_care')
  async decide(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = decisionAnswers(posted);
    const form = this.decisionForm(answers, false);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: DecisionDto,
      input: form.input,
      fields: DECISION_FIELDS,
      firstField: 'outcome',
      errors: form.errors,
      save: async (dto) => {
        const decided = await this.referrals.decide(actor, id, dto);
        return {
          redirectTo: `/referrals/${id}`,
          flash: {
            text:
              decided.stepDownCaseId !== null
                ? 'Decision recorded: the child is stepped down to an early help case'
                : 'Decision recorded',
          },
        };
      },
      showAgain: (shown) =>
        this.renderReferral(actor, id, response, {
          decision: { answers, errors: shown, invalid: form.invalid },
        }),
    });
  }

  @Get(':id/correction')
  @Access('social_care')
  async showCorrection(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const referral = await this.referrals.get(actor, id);
    await this.renderCorrection(
      response,
      referral,
      {
        outcome: referral.outcome ?? '',
        decidedAt: datePartsOf(referral.decidedAt),
        reason: '',
      },
      new FormErrors(),
      [],
    );
  }

  @Post(':id/correction')
  @Access('social_care')
  async correct(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = decisionAnswers(posted);
    const form = this.decisionForm(answers, true);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CorrectDecisionDto,
      input: form.input,
      fields: DECISION_FIELDS,
      firstField: 'outcome',
      errors: form.errors,
      save: async (dto) => {
        await this.referrals.correctDecision(actor, id, dto);
        return {
          redirectTo: `/referrals/${id}`,
          flash: { text: 'Decision corrected: the first decision is kept in its history' },
        };
      },
      showAgain: async (shown) =>
        this.renderCorrection(
          response,
          await this.referrals.get(actor, id),
          answers,
          shown,
          form.invalid,
        ),
    });
  }

  /** "Start initial assessment" (or the single assessment) with the worker assigned. */
  @Post(':id/assessment')
  @Access('social_care')
  async startAssessment(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const assignedToUserId = text(posted, 'assignedToUserId');
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: StartInitialAssessmentDto,
      input: { assignedToUserId },
      fields: START_FIELDS,
      firstField: 'assignedToUserId',
      save: async (dto) => {
        const referral = await this.referrals.get(actor, id);
        if (isSingle(referral)) {
          const started = await this.single.start(actor, id, dto.assignedToUserId);
          return {
            redirectTo: `/assessments/single/${started.id}`,
            flash: { text: 'Assessment started' },
          };
        }
        const started = await this.initial.startInitialAssessment(actor, id, dto.assignedToUserId);
        return {
          redirectTo: `/assessments/initial/${started.id}`,
          flash: { text: 'Initial assessment started' },
        };
      },
      showAgain: (shown) =>
        this.renderReferral(actor, id, response, { start: { assignedToUserId, errors: shown } }),
    });
  }

  /** The child, the case referred from (if any) and whether it lacks information-sharing consent. */
  private async referralContext(
    actor: Actor,
    childId: string,
    caseId: string | undefined,
  ): Promise<{
    childName: string;
    caseId: string | undefined;
    needsSafeguardingReason: boolean;
  }> {
    const child = await this.children.get(actor, childId);
    let fromCase = caseId;
    if (!fromCase && actor.role === 'practitioner') {
      // A practitioner refers from a case: the child's open case they are linked to.
      fromCase = (await this.cases.forChild(actor, childId)).find((c) => c.status !== 'closed')?.id;
    }
    let needsSafeguardingReason = false;
    if (fromCase) {
      const c = await this.cases.get(actor, fromCase);
      if (c.childId !== childId) recordIdOf('', 'Case');
      needsSafeguardingReason = !(
        c.consent !== null &&
        c.consent.withdrawnAt === null &&
        c.consent.scope.includes('information_sharing')
      );
    }
    return {
      childName: `${child.givenName} ${child.familyName}`,
      caseId: fromCase,
      needsSafeguardingReason,
    };
  }

  private async renderNew(
    actor: Actor,
    response: Response,
    childId: string,
    caseId: string | undefined,
    answers: ReferralAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): Promise<void> {
    const context = await this.referralContext(actor, childId, caseId);
    response.render('referral-new', {
      pageTitle: 'Refer to children’s social care',
      childId,
      childName: context.childName,
      caseId: context.caseId,
      backHref: context.caseId ? `/cases/${context.caseId}` : `/children/${childId}`,
      needsSafeguardingReason: context.needsSafeguardingReason,
      sources: REFERRAL_SOURCES.map((s) => ({
        value: s,
        text: SOURCE_LABELS[s],
        checked: answers.source === s,
      })),
      answers,
      dateItems: dateInputItems(answers.referredAt, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#referredAt-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  /** The decision form's own checks, and its answers as the API's body (a correction has its reason). */
  private decisionForm(
    answers: DecisionAnswers,
    correction: boolean,
  ): { input: object; errors: FormErrors; invalid: (keyof DateParts)[] } {
    const today = this.clock.today();
    const date = parseDateInput('decidedAt', answers.decidedAt, {
      label: 'Date decided',
      latest: { iso: today, message: 'The date decided must be today or in the past' },
    });
    const errors = new FormErrors();
    if (answers.outcome === '') errors.add('outcome', 'Select the decision');
    if (date.error) errors.add(date.error.field, date.error.text);
    if (correction && answers.reason.trim() === '')
      errors.add('reason', 'Enter why the decision is corrected');
    const input = {
      outcome: answers.outcome,
      // A date the boxes could not make is already the form's error, in its own words.
      decidedAt: date.iso ?? today,
      ...(correction ? { reason: answers.reason } : {}),
    };
    return { input, errors, invalid: date.invalid };
  }

  private async renderReferral(
    actor: Actor,
    id: string,
    response: Response,
    forms: ReferralForms,
  ): Promise<void> {
    const referral = await this.referrals.get(actor, id);
    const history = await this.referrals.forChild(actor, referral.childId);
    const single = isSingle(referral);
    const decisions = referral.decisions as {
      id: string;
      outcome: DecisionOutcome;
      decidedAt: string;
      decidedBy: string;
      recordedAt: Date;
      correctionReason: string | null;
    }[];
    const socialCare = actor.role === 'social_care';
    const started = referral.initialAssessment ?? referral.assessment;
    const canStart = socialCare && referral.outcome === 'initial_assessment' && started === null;
    const workers = canStart ? await this.pages.socialCareWorkers() : [];
    const names = await this.pages.userNames([
      referral.referrerUserId,
      referral.decidedBy,
      ...decisions.map((d) => d.decidedBy),
      started?.assignedToUserId,
    ]);
    const childNames = await this.pages.childNames([referral.childId]);
    const previous = referral.previousReferralId
      ? history.find((r) => r.id === referral.previousReferralId)
      : undefined;
    const decision = forms.decision ?? {
      answers: { outcome: '', decidedAt: datePartsOf(this.clock.today()), reason: '' },
      errors: new FormErrors(),
      invalid: [],
    };
    const startForm = forms.start ?? { assignedToUserId: actor.id, errors: new FormErrors() };
    const errors = forms.decision?.errors ?? forms.start?.errors ?? new FormErrors();
    const childName = childNames.get(referral.childId) ?? '';
    response.render('referral', {
      pageTitle: `Referral for ${childName}`,
      currentSection: socialCare || actor.role === 'locality_manager' ? '/referrals' : undefined,
      referral,
      childName,
      single,
      sourceLabel: SOURCE_LABELS[referral.source],
      referrerName: names[referral.referrerUserId] ?? '',
      decisionText: referral.outcome ? decisionLabel(referral.outcome, single) : undefined,
      deciderName: referral.decidedBy ? (names[referral.decidedBy] ?? '') : '',
      previous,
      corrections: decisions.length > 1,
      decisions: decisions.map((d, i) => ({
        text: decisionLabel(d.outcome, single),
        decidedAt: d.decidedAt,
        by: names[d.decidedBy] ?? '',
        recordedAt: d.recordedAt,
        correctionReason: d.correctionReason,
        current: i === decisions.length - 1,
      })),
      assessment: started
        ? {
            href: referral.initialAssessment
              ? `/assessments/initial/${started.id}`
              : `/assessments/single/${started.id}`,
            kind: referral.initialAssessment ? 'Initial assessment' : 'Assessment',
            dueDate: started.dueDate,
            completedAt: started.completedAt,
            outcome: referral.initialAssessment?.outcome
              ? INITIAL_OUTCOME_LABELS[referral.initialAssessment.outcome]
              : referral.assessment?.outcome
                ? SINGLE_OUTCOME_LABELS[referral.assessment.outcome]
                : undefined,
            assignedTo: names[started.assignedToUserId] ?? '',
          }
        : undefined,
      history: history.map((r) => ({
        id: r.id,
        referredAt: r.referredAt,
        decided: r.outcome !== null,
        decisionText: r.outcome ? decisionLabel(r.outcome, isSingle(r)) : undefined,
        isReReferral: r.isReReferral,
        current: r.id === referral.id,
      })),
      canDecide: socialCare && referral.outcome === null,
      canCorrect: socialCare && referral.outcome !== null,
      canStart,
      startButton: single ? 'Start single assessment' : 'Start initial assessment',
      outcomes: DECISION_OUTCOMES.map((o) => ({
        value: o,
        text: decisionLabel(o, single),
        checked: decision.answers.outcome === o,
      })),
      decision,
      decisionDateItems: dateInputItems(decision.answers.decidedAt, decision.invalid),
      decisionDateError: decision.errors.summary.find((e) => e.href.startsWith('#decidedAt-')),
      workers: workers.map((w) => ({
        value: w.id,
        text: w.id === actor.id ? `${w.displayName} (you)` : w.displayName,
        selected: w.id === startForm.assignedToUserId,
      })),
      startForm,
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private async renderCorrection(
    response: Response,
    referral: ReferralRow,
    answers: DecisionAnswers,
    errors: FormErrors,
    invalid: (keyof DateParts)[],
  ): Promise<void> {
    const single = isSingle(referral);
    const childName = (await this.pages.childNames([referral.childId])).get(referral.childId);
    response.render('referral-correction', {
      pageTitle: 'Correct the decision',
      referral,
      childName,
      currentText: referral.outcome ? decisionLabel(referral.outcome, single) : '',
      outcomes: DECISION_OUTCOMES.map((o) => ({
        value: o,
        text: decisionLabel(o, single),
        checked: answers.outcome === o,
      })),
      answers,
      dateItems: dateInputItems(answers.decidedAt, invalid),
      dateError: errors.summary.find((e) => e.href.startsWith('#decidedAt-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}

function decisionAnswers(posted: Record<string, unknown>): DecisionAnswers {
  return {
    outcome: text(posted, 'outcome'),
    decidedAt: datePartsFrom(posted, 'decidedAt'),
    reason: optionalText(posted, 'reason') ?? '',
  };
}
