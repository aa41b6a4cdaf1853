/**
 * The life of a CAF case (docs/domain.md#case-lifecycle): `assessment` → `active` → `closed`, what each state
 * allows, closure and reopening. Plain rules over plain data; the service maps a
 * CaseRuleViolation to 409 (wrong state) or 422 (a rule of the action).
 */
export const CASE_STATUSES = ['assessment', 'active', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSURE_REASONS = [
  'needs_met',
  'stepped_up',
  'stepped_down_universal',
  'consent_withdrawn',
  'moved_out_of_area',
  'no_longer_eligible',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export type CaseAction =
  | 'record_pre_assessment'
  | 'save_assessment'
  | 'record_consent'
  | 'withdraw_consent'
  | 'complete_assessment'
  | 'decide_tier'
  | 'confirm_tier'
  | 'add_member'
  | 'set_lead_professional'
  | 'schedule_meeting'
  | 'record_meeting'
  | 'cancel_meeting'
  | 'add_action_item'
  | 'update_action_item'
  | 'close'
  | 'reopen';

// The TAC forms while the CAF is prepared; its lead professional, meetings and action plan
// belong to an active case (docs/domain.md#case-lifecycle: "active: … the TAC works").
const ALLOWED: Record<CaseStatus, readonly CaseAction[]> = {
  assessment: [
    'record_pre_assessment',
    'save_assessment',
    'record_consent',
    'withdraw_consent',
    'complete_assessment',
    'decide_tier',
    'confirm_tier',
    'add_member',
    'close',
  ],
  active: [
    'save_assessment',
    'record_consent',
    'withdraw_consent',
    'complete_assessment',
    'decide_tier',
    'confirm_tier',
    'add_member',
    'set_lead_professional',
    'schedule_meeting',
    'record_meeting',
    'cancel_meeting',
    'add_action_item',
    'update_action_item',
    'close',
  ],
  closed: ['reopen'],
};

export class CaseRuleViolation extends Error {
  override name = 'CaseRuleViolation';

  /** `state`: the case is in the wrong state (409); `rule`: the action breaks a rule (422). */
  constructor(
    readonly kind: 'state' | 'rule',
    message: string,
  ) {
    super(message);
  }
}

export function allowedActions(status: CaseStatus): readonly CaseAction[] {
  return ALLOWED[status];
}

export function assertAllowed(status: CaseStatus, action: CaseAction): void {
  if (!ALLOWED[status].includes(action)) {
    throw new CaseRuleViolation(
      'state',
      `The case is ${status}: ${action} is not allowed; allowed actions: ${ALLOWED[status].join(', ')}`,
    );
  }
}

/** A tier decision equal to the suggestion stands; another waits for a locality manager. */
export function tierDecisionStatus(
  tier: number,
  suggestedTier: number | null,
  reason: string | undefined,
): 'confirmed' | 'pending' {
  if (suggestedTier === null) {
    throw new CaseRuleViolation('rule', 'Complete the CAF assessment before deciding the tier');
  }
  if (tier === suggestedTier) return 'confirmed';
  if (!reason?.trim()) {
    throw new CaseRuleViolation(
      'rule',
      `reason is required when the tier (${tier}) differs from the suggested tier (${suggestedTier})`,
    );
  }
  return 'pending';
}

/** Tier 2 and above is CAF work; a tier 1 decision leaves the case to be closed (no_longer_eligible). */
export function activatesCase(status: CaseStatus, confirmedTier: number): boolean {
  return status === 'assessment' && confirmedTier >= 2;
}

export interface ClosureFacts {
  reason: ClosureReason;
  note?: string;
  /** Action-plan items neither `implemented` nor `cancelled`. */
  unfinishedItems: number;
  /** Social care accepted a referral from this case (decision `initial_assessment`). */
  hasAcceptedReferral: boolean;
}

export function assertClosable(status: CaseStatus, facts: ClosureFacts): void {
  assertAllowed(status, 'close');
  if (facts.reason === 'other' && !facts.note?.trim()) {
    throw new CaseRuleViolation('rule', 'note is required when the closure reason is other');
  }
  if (facts.reason === 'needs_met' && facts.unfinishedItems > 0) {
    throw new CaseRuleViolation(
      'rule',
      `needs_met requires every action-plan item to be implemented or cancelled; ${facts.unfinishedItems} are not`,
    );
  }
  if (facts.reason === 'stepped_up' && !facts.hasAcceptedReferral) {
    throw new CaseRuleViolation(
      'rule',
      'stepped_up requires a referral from this case accepted by social care (decision initial_assessment)',
    );
  }
}

/** The last day a case closed on `closedOn` may be reopened: three calendar months on. */
export function reopenDeadline(closedOn: string): string {
  const [year, month, day] = closedOn.split('-').map(Number) as [number, number, number];
  const targetMonth = month - 1 + 3;
  const lastDay = new Date(Date.UTC(year, targetMonth + 1, 0)).getUTCDate();
  const deadline = new Date(Date.UTC(year, targetMonth, Math.min(day, lastDay)));
  return deadline.toISOString().slice(0, 10);
}

export function assertReopenable(
  status: CaseStatus,
  closedOn: string | null,
  reopenCount: number,
  today: string,
): void {
  assertAllowed(status, 'reopen');
  if (reopenCount >= 1) {
    throw new CaseRuleViolation('rule', 'A case can be reopened only once; start a new case');
  }
  const deadline = reopenDeadline(closedOn ?? today);
  if (today > deadline) {
    throw new CaseRuleViolation(
      'rule',
      `A case can be reopened only within 3 months of closure (until ${deadline}); start a new case`,
    );
  }
}

export const ACTION_ITEM_STATUSES = [
  'planned',
  'in_progress',
  'implemented',
  'not_implemented',
  'cancelled',
] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

const ITEM_NEXT: Record<ActionItemStatus, readonly ActionItemStatus[]> = {
  planned: ['in_progress', 'implemented', 'not_implemented', 'cancelled'],
  in_progress: ['planned', 'implemented', 'not_implemented', 'cancelled'],
  not_implemented: ['in_progress', 'implemented', 'cancelled'],
  implemented: [],
  cancelled: [],
};

/** Whether an item counts as finished for needs_met. */
export function isFinishedItem(status: ActionItemStatus): boolean {
  return status === 'implemented' || status === 'cancelled';
}

export function assertItemTransition(
  from: ActionItemStatus,
  to: ActionItemStatus,
  reason: string | undefined,
): void {
  if (from !== to && !ITEM_NEXT[from].includes(to)) {
    throw new CaseRuleViolation(
      'state',
      `The action item is ${from}: it cannot become ${to}` +
        (ITEM_NEXT[from].length ? `; allowed: ${ITEM_NEXT[from].join(', ')}` : '; it is final'),
    );
  }
  if (to === 'cancelled' && from !== 'cancelled' && !reason?.trim()) {
    throw new CaseRuleViolation('rule', 'reason is required to cancel an action item');
  }
}
