import type { PanelOutcome } from '../../panels/domain/panels';

/** Each outcome of a panel hearing in a practitioner's words. */
export const PANEL_OUTCOME_LABELS: Readonly<Record<PanelOutcome, string>> = {
  continue_early_help: 'Continue with early help',
  step_up: 'Step up to children’s social care',
  step_down: 'Step down',
  close: 'Close the case',
  other: 'Other',
};
