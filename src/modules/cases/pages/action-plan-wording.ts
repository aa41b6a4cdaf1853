import type { ActionItemStatus, ClosureReason } from '../domain/case-lifecycle';

/** An action-plan item's status in words, with the GOV.UK tag colour it shows in. */
export const ITEM_STATUS_LABELS: Readonly<Record<ActionItemStatus, { text: string; tag: string }>> =
  {
    planned: { text: 'Planned', tag: 'govuk-tag--grey' },
    in_progress: { text: 'In progress', tag: 'govuk-tag--blue' },
    implemented: { text: 'Implemented', tag: 'govuk-tag--green' },
    not_implemented: { text: 'Not implemented', tag: 'govuk-tag--yellow' },
    cancelled: { text: 'Cancelled', tag: 'govuk-tag--grey' },
  };

/** Whether an item still waits to be done (neither implemented nor cancelled). */
export function isOpenItem(status: ActionItemStatus): boolean {
  return status !== 'implemented' && status !== 'cancelled';
}

/** Why a case closed, in the words the closure form offers. */
export const CLOSURE_REASON_LABELS: Readonly<Record<ClosureReason, string>> = {
  needs_met: 'The needs are met',
  stepped_up: 'Stepped up to children’s social care',
  stepped_down_universal: 'Stepped down to universal services',
  consent_withdrawn: 'The family withdrew consent',
  moved_out_of_area: 'The family moved out of the area',
  no_longer_eligible: 'No longer eligible',
  other: 'Another reason',
};
