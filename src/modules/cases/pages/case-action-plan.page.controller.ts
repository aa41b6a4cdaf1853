import { Get, Post, Req, Res } from '@nestjs/common';
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
import { newIdempotencyKey } from '../../../web/forms/idempotent-form';
import { type FormFields } from '../../../web/forms/service-errors';
import { staleVersionView, type StaleVersionView } from '../../../web/forms/stale-version';
import { PageController } from '../../../web/page-controller';
import { ServiceDirectoryService } from '../../service-directory/service-directory.service';
import { CaseOverviewService, type CaseOverview } from '../case-overview.service';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from '../domain/case-lifecycle';
import { CAF_DOMAINS, type ElementCode } from '../domain/caf-elements';
import { CreateActionItemDto, UpdateActionItemDto } from '../dto/case.dto';
import { TacService } from '../tac/tac.service';
import { isOpenItem, ITEM_STATUS_LABELS } from './action-plan-wording';
import { ELEMENT_NAMES } from './caf-wording';
import { text, whole } from '../../../web/forms/posted-answers';

type ActionItemRow = CaseOverview['case']['actionItems'][number];

const FIELDS: FormFields = {
  need: { id: 'need', label: 'the need' },
  action: { id: 'action', label: 'the action' },
  ownerUserId: { id: 'owner', label: 'who owns the action' },
  ownerMemberId: { id: 'owner', label: 'who owns the action' },
  owner: { id: 'owner', label: 'who owns the action' },
  dueDate: { id: 'dueDate-day', label: 'the due date' },
  serviceCode: { id: 'serviceCode', label: 'the service' },
  status: { id: 'status', label: 'the status' },
  reason: {
    id: 'reason',
    label: 'the reason',
    messages: { reason: 'Enter why the action is cancelled' },
  },
};

interface ItemAnswers {
  need: string;
  action: string;
  owner: string;
  dueDate: DateParts;
  serviceCode: string;
  status: string;
  reason: string;
}

const EMPTY: ItemAnswers = {
  need: '',
  action: '',
  owner: '',
  dueDate: { day: '', month: '', year: '' },
  serviceCode: '',
  status: '',
  reason: '',
};

/**
 * `/cases/:id/action-plan`: the items grouped by the need they address, with owner, due date,
 * status and service; "Add action"; and `/cases/:id/action-plan/:itemId` to change an item
 * (its status, a reason when cancelled) over the version the user read.
 */
@PageController('cases')
@Access('practitioner', 'locality_manager', 'social_care')
export class CaseActionPlanPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly tac: TacService,
    private readonly directory: ServiceDirectoryService,
    private readonly submitter: FormSubmitter,
    private readonly clock: Clock,
  ) {}

  @Get(':id/action-plan')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    this.renderPlan(response, await this.overview.overview(actor, id), EMPTY, new FormErrors());
  }

  @Post(':id/action-plan')
  async add(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = this.answersFrom(posted);
    const view = await this.overview.overview(actor, id);
    const errors = new FormErrors();
    if (answers.need === '') errors.add('need', 'Select the need this action addresses');
    if (answers.action.trim() === '') errors.add('action', 'Enter the action');
    if (answers.owner === '') errors.add('owner', 'Select who owns the action');
    const due = parseDateInput('dueDate', answers.dueDate, { label: 'Due date' });
    if (due.error) errors.add(due.error.field, due.error.text);
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: CreateActionItemDto,
      input: {
        need: answers.need,
        action: answers.action,
        ...this.ownerOf(view, answers.owner),
        // A date the boxes could not make is already the form's error, in its own words.
        dueDate: due.iso ?? this.clock.today(),
        ...(answers.serviceCode ? { serviceCode: answers.serviceCode } : {}),
      },
      fields: FIELDS,
      firstField: 'action',
      errors,
      save: async (dto) => {
        await this.tac.addActionItem(actor, id, dto);
        return { redirectTo: `/cases/${id}/action-plan`, flash: { text: 'Action added' } };
      },
      showAgain: async (shown) => this.renderPlan(response, view, answers, shown, due.invalid),
    });
  }

  @Get(':id/action-plan/:itemId')
  async edit(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    const item = itemOf(view, itemId);
    this.renderItem(
      response,
      view,
      item,
      {
        ...EMPTY,
        action: item.action,
        owner: item.ownerUserId ?? '',
        dueDate: datePartsOf(item.dueDate),
        status: item.status,
      },
      item.version,
      new FormErrors(),
    );
  }

  @Post(':id/action-plan/:itemId')
  async update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const posted = (request.body ?? {}) as Record<string, unknown>;
    const answers = this.answersFrom(posted);
    const version = whole(posted, 'version');
    const view = await this.overview.overview(actor, id);
    const item = itemOf(view, itemId);
    const errors = new FormErrors();
    if (answers.action.trim() === '') errors.add('action', 'Enter the action');
    const due = parseDateInput('dueDate', answers.dueDate, { label: 'Due date' });
    if (due.error) errors.add(due.error.field, due.error.text);
    if (answers.status === 'cancelled' && answers.reason.trim() === '') {
      errors.add('reason', 'Enter why the action is cancelled');
    }
    const changed: Record<string, unknown> = { version };
    if (answers.action !== item.action) changed.action = answers.action;
    if (due.iso !== item.dueDate) changed.dueDate = due.iso;
    if (answers.owner !== '' && answers.owner !== item.ownerUserId)
      changed.ownerUserId = answers.owner;
    if (answers.status !== '' && answers.status !== item.status) {
      changed.status = answers.status;
      if (answers.reason.trim() !== '') changed.reason = answers.reason;
    }
    await this.submitter.submit({
      request,
      response,
      userId: actor.id,
      dto: UpdateActionItemDto,
      input: changed,
      fields: FIELDS,
      firstField: 'status',
      errors,
      save: async (dto) => {
        await this.tac.updateActionItem(actor, itemId, dto);
        return { redirectTo: `/cases/${id}/action-plan`, flash: { text: 'Action updated' } };
      },
      showAgain: async (shown) =>
        this.renderItem(response, view, item, answers, version, shown, undefined, due.invalid),
      showStale: async () => {
        const now = await this.overview.overview(actor, id);
        const current = itemOf(now, itemId);
        const latest = await this.overview.lastChange(actor, id, ['action_item.updated']);
        const stale = staleVersionView(
          { ...latest, version: current.version },
          `/cases/${id}/action-plan/${itemId}`,
        );
        this.renderItem(response, now, current, answers, current.version, new FormErrors(), stale);
      },
    });
  }

  private answersFrom(posted: Record<string, unknown>): ItemAnswers {
    return {
      need: text(posted, 'need'),
      action: text(posted, 'action'),
      owner: text(posted, 'owner'),
      dueDate: datePartsFrom(posted, 'dueDate'),
      serviceCode: text(posted, 'serviceCode'),
      status: text(posted, 'status'),
      reason: text(posted, 'reason'),
    };
  }

  /** The owner field's value: `user:<id>` for a member with an account, `member:<id>` otherwise. */
  private ownerOf(
    view: CaseOverview,
    owner: string,
  ): { ownerUserId: string } | { ownerMemberId: string } {
    const member = view.case.members.find((m) => m.id === owner);
    if (member?.userId) return { ownerUserId: member.userId };
    return { ownerMemberId: owner };
  }

  private memberName(view: CaseOverview, m: CaseOverview['case']['members'][number]): string {
    if (m.userId) return view.people[m.userId] ?? 'A member';
    return `${m.externalName ?? 'External member'}${m.externalAgency ? ` (${m.externalAgency})` : ''}`;
  }

  private ownerName(view: CaseOverview, item: ActionItemRow): string {
    const member = view.case.members.find((m) => m.id === item.ownerMemberId);
    if (member) return this.memberName(view, member);
    return (item.ownerUserId && view.people[item.ownerUserId]) || 'Unknown';
  }

  private renderPlan(
    response: Response,
    view: CaseOverview,
    answers: ItemAnswers,
    errors: FormErrors,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): void {
    const today = this.clock.today();
    const items = view.case.actionItems.map((item) => ({
      ...item,
      needName: ELEMENT_NAMES[item.need as ElementCode] ?? item.need,
      ownerName: this.ownerName(view, item),
      statusLabel: ITEM_STATUS_LABELS[item.status],
      overdue: isOpenItem(item.status) && item.dueDate < today,
      serviceName: item.serviceCode
        ? (this.directory.find(item.serviceCode)?.name ?? item.serviceCode)
        : undefined,
    }));
    const groups: { need: string; needName: string; items: typeof items }[] = [];
    for (const item of items) {
      let group = groups.find((g) => g.needName === item.needName);
      if (!group) {
        group = { need: item.need, needName: item.needName, items: [] };
        groups.push(group);
      }
      group.items.push(item);
    }
    // The needs in the CAF's order, so that a group stays where it is when an item changes.
    groups.sort((a, b) => needOrder(a.need) - needOrder(b.need));
    const current = view.case.members.filter((m) => m.toDate === null);
    response.render('case-action-plan', {
      pageTitle: 'Action plan',
      caseId: view.case.id,
      childName: view.childName,
      groups,
      overdueCount: items.filter((i) => i.overdue).length,
      canAdd: view.case.status === 'active',
      needs: [
        { value: '', text: 'Select a need' },
        ...CAF_DOMAINS.flatMap((d) =>
          d.elements.map((code) => ({
            value: code,
            text: ELEMENT_NAMES[code],
            selected: answers.need === code,
          })),
        ),
      ],
      owners: [
        { value: '', text: 'Select a member of the team' },
        ...current.map((m) => ({
          value: m.id,
          text: this.memberName(view, m),
          selected: answers.owner === m.id,
        })),
      ],
      services: [
        { value: '', text: 'No service' },
        ...this.directory.services.map((s) => ({
          value: s.code,
          text: s.name,
          selected: answers.serviceCode === s.code,
        })),
      ],
      answers,
      dateItems: dateInputItems(answers.dueDate, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#dueDate-')),
      errors,
      idempotencyKey: newIdempotencyKey(),
    });
  }

  private renderItem(
    response: Response,
    view: CaseOverview,
    item: ActionItemRow,
    answers: ItemAnswers,
    version: number,
    errors: FormErrors,
    stale?: StaleVersionView,
    invalidDate: readonly (keyof DateParts)[] = [],
  ): void {
    const current = view.case.members.filter((m) => m.toDate === null && m.userId);
    // The item's owner may be an external member, whom the API's update cannot name: kept as
    // the first choice (an empty value changes nothing), lest the first user be posted instead.
    const externalOwner =
      item.ownerUserId === null
        ? view.case.members.find((m) => m.id === item.ownerMemberId && !m.userId)
        : undefined;
    response.render('case-action-item', {
      pageTitle: 'Change action',
      caseId: view.case.id,
      childName: view.childName,
      item,
      needName: ELEMENT_NAMES[item.need as ElementCode] ?? item.need,
      owners: [
        ...(externalOwner
          ? [{ value: '', text: this.memberName(view, externalOwner), selected: !answers.owner }]
          : []),
        ...current.map((m) => ({
          value: m.userId,
          text: this.memberName(view, m),
          selected: (answers.owner || item.ownerUserId) === m.userId,
        })),
      ],
      statuses: ACTION_ITEM_STATUSES.map((s: ActionItemStatus) => ({
        value: s,
        text: ITEM_STATUS_LABELS[s].text,
        checked: (answers.status || item.status) === s,
      })),
      answers,
      version: Number.isNaN(version) ? item.version : version,
      dateItems: dateInputItems(answers.dueDate, invalidDate),
      dateError: errors.summary.find((e) => e.href.startsWith('#dueDate-')),
      errors,
      stale,
      idempotencyKey: newIdempotencyKey(),
    });
  }
}

function itemOf(view: CaseOverview, itemId: string): ActionItemRow {
  const item = view.case.actionItems.find((i) => i.id === itemId);
  if (!item) throw notFound('Action item');
  return item;
}

const NEED_ORDER: readonly string[] = CAF_DOMAINS.flatMap((d) => d.elements);

/** Where a need comes on the CAF form (an unknown code last). */
function needOrder(need: string): number {
  const at = NEED_ORDER.indexOf(need);
  return at === -1 ? NEED_ORDER.length : at;
}
