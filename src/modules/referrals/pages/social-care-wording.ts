import type {
  DecisionOutcome,
  InitialAssessmentOutcome,
  ReferralSource,
} from '../dto/referral.dto';
import type { SingleAssessmentOutcomeValue } from '../dto/census-fields.dto';

/** Who the referral comes from, in a practitioner's words. */
export const SOURCE_LABELS: Record<ReferralSource, string> = {
  school: 'School',
  health: 'Health',
  police: 'Police',
  early_help: 'Early help',
  family: 'Family member',
  self: 'The child or young person (self-referral)',
  anonymous: 'Anonymous',
  other_la: 'Another local authority',
  other: 'Other',
};

/** Social care's decision on a referral. */
export const DECISION_LABELS: Record<DecisionOutcome, string> = {
  initial_assessment: 'Accept for initial assessment',
  no_further_action: 'No further action',
  step_down_early_help: 'Step down to early help',
  signposted_universal: 'Signpost to universal services',
};

/** The same decision under a single-assessment framework (accepted for the single assessment). */
export function decisionLabel(outcome: DecisionOutcome, single: boolean): string {
  return outcome === 'initial_assessment' && single
    ? 'Accept for assessment'
    : DECISION_LABELS[outcome];
}

export const INITIAL_OUTCOME_LABELS: Record<InitialAssessmentOutcome, string> = {
  core_assessment: 'Core assessment needed',
  services_provided: 'Services provided',
  no_further_action: 'No further action',
  step_down_early_help: 'Step down to early help',
};

export const SINGLE_OUTCOME_LABELS: Record<SingleAssessmentOutcomeValue, string> = {
  services_provided: 'Services provided',
  no_further_action: 'No further action',
  step_down_early_help: 'Step down to early help',
};

/** "1 working day", "3 working days". */
export function workingDays(n: number): string {
  return `${n} working day${n === 1 ? '' : 's'}`;
}

/** How long is left on an assessment: "3 working days left", "Due today", "Overdue by 2 working days". */
export function timeLeft(workingDaysRemaining: number): string {
  if (workingDaysRemaining === 0) return 'Due today';
  if (workingDaysRemaining > 0) return `${workingDays(workingDaysRemaining)} left`;
  return `Overdue by ${workingDays(-workingDaysRemaining)}`;
}

/** Whether a completed assessment was in time, in words. */
export function inTimeText(inTime: boolean | null): string {
  if (inTime === null) return '';
  return inTime ? 'Completed in time' : 'Completed late, after its due date';
}
