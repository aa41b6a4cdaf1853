import type { ReasonForClosureCode } from './census-codes';
import {
  reasonAfterAssessment,
  reasonAfterDecision,
  type ClosingOutcome,
} from './reason-for-closure';

describe('reasonAfterAssessment', () => {
  it.each<[ClosingOutcome, ReasonForClosureCode | null, ReasonForClosureCode | null]>([
    ['no_further_action', null, 'RC8'],
    ['no_further_action', 'RC8', 'RC8'],
    ['step_down_early_help', null, 'RC9'],
    ['step_down_early_help', 'RC9', 'RC9'],
    ['services_provided', null, null],
    ['services_provided', 'RC7', 'RC7'],
    ['services_provided', 'RC1', 'RC1'],
    ['core_assessment', null, null],
    ['core_completed', null, null],
    ['core_completed', 'RC8', 'RC8'],
    ['core_completed', 'RC5', 'RC5'],
  ])('outcome %s with reason %s closes with %s', (outcome, given, reason) => {
    expect(reasonAfterAssessment(outcome, given)).toEqual({ ok: true, reason });
  });

  it.each<[ClosingOutcome, ReasonForClosureCode, string]>([
    [
      'no_further_action',
      'RC9',
      'reasonForClosure RC9 contradicts outcome no_further_action, which closes the episode with RC8',
    ],
    [
      'no_further_action',
      'RC7',
      'reasonForClosure RC7 contradicts outcome no_further_action, which closes the episode with RC8',
    ],
    [
      'step_down_early_help',
      'RC8',
      'reasonForClosure RC8 contradicts outcome step_down_early_help, which closes the episode with RC9',
    ],
    ['services_provided', 'RC8', 'reasonForClosure RC8 contradicts outcome services_provided'],
    ['services_provided', 'RC9', 'reasonForClosure RC9 contradicts outcome services_provided'],
    ['core_assessment', 'RC7', 'reasonForClosure RC7 contradicts outcome core_assessment'],
  ])('refuses outcome %s with reason %s, naming it', (outcome, given, message) => {
    const result = reasonAfterAssessment(outcome, given);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe('reasonAfterDecision', () => {
  it.each([
    ['no_further_action', 'RC8'],
    ['signposted_universal', 'RC8'],
    ['step_down_early_help', 'RC8'],
    ['initial_assessment', null],
  ])('a decision %s closes with %s', (outcome, reason) => {
    expect(reasonAfterDecision(outcome)).toBe(reason);
  });
});
