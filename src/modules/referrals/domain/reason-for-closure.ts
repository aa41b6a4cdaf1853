/**
 * The reason a referral's episode in children's social care closed, in the census's codes
 * (docs/domain.md#reason-for-closure).
 *
 * - A decision that ends the referral without an assessment (no_further_action,
 *   signposted_universal, step_down_early_help) closes it with RC8 (the census's
 *   ReferralNFA episodes).
 * - An assessment completed with outcome no_further_action closes with RC8; with
 *   step_down_early_help, RC9. A reason given with them must be that code.
 * - An assessment completed with services_provided closes with the reason given, one of
 *   RC1–RC7 (RC8 and RC9 say that nothing followed the assessment, which contradicts it); none
 *   given leaves the reason to be recorded later.
 * - An initial assessment that leads to a core assessment does not close the episode: no
 *   reason may be given.
 * - A core assessment has no outcome: any reason may be given, or none.
 */
import type { ReasonForClosureCode } from './census-codes';

export type ClosingOutcome =
  | 'no_further_action'
  | 'step_down_early_help'
  | 'signposted_universal'
  | 'services_provided'
  | 'core_assessment'
  /** A core assessment's completion (it has no outcome of its own). */
  | 'core_completed';

export type ReasonResult =
  { ok: true; reason: ReasonForClosureCode | null } | { ok: false; message: string };

const AFTER_ASSESSMENT: Partial<Record<ClosingOutcome, ReasonForClosureCode>> = {
  no_further_action: 'RC8',
  step_down_early_help: 'RC9',
};

/** The reason an assessment's completion closes its episode with, or why the one given is refused. */
export function reasonAfterAssessment(
  outcome: ClosingOutcome,
  given: ReasonForClosureCode | null,
): ReasonResult {
  const follows = AFTER_ASSESSMENT[outcome];
  if (follows !== undefined) {
    if (given !== null && given !== follows) {
      return {
        ok: false,
        message: `reasonForClosure ${given} contradicts outcome ${outcome}, which closes the episode with ${follows}`,
      };
    }
    return { ok: true, reason: follows };
  }
  if (outcome === 'core_assessment') {
    if (given !== null) {
      return {
        ok: false,
        message: `reasonForClosure ${given} contradicts outcome core_assessment: the episode stays open for the core assessment`,
      };
    }
    return { ok: true, reason: null };
  }
  if (outcome === 'services_provided' && (given === 'RC8' || given === 'RC9')) {
    return {
      ok: false,
      message: `reasonForClosure ${given} contradicts outcome services_provided: ${given} says no service followed the assessment`,
    };
  }
  return { ok: true, reason: given };
}

/** A decision that ends a referral without an assessment closes it with RC8. */
export function reasonAfterDecision(outcome: string): ReasonForClosureCode | null {
  return outcome === 'initial_assessment' ? null : 'RC8';
}
