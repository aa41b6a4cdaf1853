import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Access, CurrentActor } from '../../../common/auth/access.decorators';
import type { Actor } from '../../../common/auth/actor';
import { IdParam } from '../../../common/validation/id-param';
import { PageController } from '../../../web/page-controller';
import { CaseOverviewService } from '../case-overview.service';
import { NotesService } from '../../notes/notes.service';
import { mayRecordHearing } from '../../panels/domain/panels';
import { PanelsService } from '../../panels/panels.service';
import { actionButtons, ELEMENT_NAMES, eventText, STATUS_LABELS, TIER_LABELS } from './caf-wording';
import { NOTE_KIND_LABELS } from './note-wording';
import { PANEL_OUTCOME_LABELS } from './panel-wording';
import { TacOverviewService } from '../tac/tac-overview.service';
import { tacSection } from './tac-wording';

const NOTES_SHOWN = 5;
const HEARINGS_SHOWN = 20;

/** `/cases/:id` "CAF for <child's name>": the case at a glance and what may be done now. */
@PageController('cases')
@Access('practitioner', 'locality_manager', 'social_care')
export class CaseOverviewPageController {
  constructor(
    private readonly overview: CaseOverviewService,
    private readonly notes: NotesService,
    private readonly teams: TacOverviewService,
    private readonly panels: PanelsService,
  ) {}

  @Get(':id')
  async show(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Res() response: Response,
  ): Promise<void> {
    const view = await this.overview.overview(actor, id);
    const notes = await this.notes.list(actor, id, { limit: NOTES_SHOWN });
    const hearings = await this.panels.list(actor, id, { limit: HEARINGS_SHOWN });
    const c = view.case;
    const writer = actor.role !== 'social_care';
    response.render('case-overview', {
      pageTitle: `CAF for ${view.childName}`,
      childName: view.childName,
      c,
      people: view.people,
      statusLabel: STATUS_LABELS[c.status],
      tierLabel: c.tier ? TIER_LABELS[c.tier] : undefined,
      suggestedTierLabel: c.suggestedTier ? TIER_LABELS[c.suggestedTier] : undefined,
      actions: writer
        ? actionButtons(c.id, {
            allowedActions: c.allowedActions,
            assessmentCompleted: c.assessment?.status === 'completed',
            tierPending: c.pendingTierDecision !== null,
            reviewer: actor.role === 'locality_manager',
          })
        : [],
      canAddNote: true,
      canRefer: writer && c.status !== 'closed',
      answered: c.assessment?.elements.length ?? 0,
      firedElements: (c.assessment?.firedRule?.elements ?? []).map((code) => ELEMENT_NAMES[code]),
      history: view.history.map((e) => ({
        at: e.at,
        text: eventText(e.type, e.details),
        by: e.actorUserId ? (view.people[e.actorUserId] ?? '') : '',
      })),
      notes: notes.items.map((n) => ({ ...n, kindLabel: NOTE_KIND_LABELS[n.kind] })),
      hearings: hearings.items.map((h) => ({
        ...h,
        outcomeLabel: PANEL_OUTCOME_LABELS[h.outcome],
      })),
      moreHearings: hearings.nextCursor !== null,
      canRecordHearing: mayRecordHearing(actor, c.leadProfessionalId),
      tac: tacSection(await this.teams.teamOf(view), writer),
    });
  }
}
