import { ChronologyKind, EVENT_KINDS, excerpt, Facts, summarise } from './chronology';

describe('a chronology entry in one plain sentence', () => {
  it.each<[ChronologyKind, Facts, string]>([
    ['case_started', {}, 'Early help case started: CAF assessment begun'],
    [
      'pre_assessment_recorded',
      { concernDomains: ['development_of_the_child', 'parents_and_carers'], cafNeeded: true },
      'Pre-assessment checklist: concern about the development of the child and parents and carers; CAF needed',
    ],
    [
      'pre_assessment_recorded',
      { concernDomains: [], cafNeeded: false },
      'Pre-assessment checklist: no domain of concern; CAF not needed',
    ],
    ['caf_completed', { suggestedTier: 3 }, 'CAF completed: tier 3 suggested'],
    ['tier_decided', { tier: 3, suggestedTier: 3, status: 'confirmed' }, 'Tier 3 decided'],
    [
      'tier_decided',
      { tier: 3, suggestedTier: 2, status: 'pending' },
      'Tier 3 decided, not the suggested tier 2; awaiting a locality manager’s confirmation',
    ],
    ['tier_confirmed', { tier: 3 }, 'Tier 3 confirmed by a locality manager'],
    [
      'consent_given',
      { relationship: 'parent', scope: ['assessment', 'information_sharing'] },
      'Consent given by a parent to the assessment and information sharing',
    ],
    ['consent_withdrawn', {}, 'Consent withdrawn'],
    [
      'tac_member_joined',
      { name: 'Dr Patel', agency: 'GP practice', role: 'GP' },
      'Dr Patel (GP practice) joined the TAC as GP',
    ],
    ['tac_member_left', { name: 'Dr Patel' }, 'Dr Patel left the TAC'],
    ['lead_professional_appointed', { name: 'Sam Lee' }, 'Sam Lee appointed lead professional'],
    ['meeting_held', { familyAttended: false }, 'TAC meeting held; the family did not attend'],
    ['meeting_cancelled', { scheduledOn: '2024-03-05' }, 'TAC meeting of 2024-03-05 cancelled'],
    [
      'action_item_status_changed',
      { need: 'speech_language_communication', status: 'implemented' },
      'Action-plan item for speech language communication now implemented',
    ],
    ['referral_made', { isReReferral: false }, 'Referral to children’s social care'],
    [
      'referral_made',
      { isReReferral: true, safeguarding: true },
      'Referral to children’s social care (re-referral), shared without consent on safeguarding grounds',
    ],
    ['referral_decided', { outcome: 'no_further_action' }, 'Referral decided: no further action'],
    [
      'referral_decided',
      { outcome: 'initial_assessment', corrected: true },
      'Referral decision corrected: initial assessment',
    ],
    [
      'initial_assessment_started',
      { dueDate: '2011-05-06' },
      'Initial assessment started, due 2011-05-06',
    ],
    [
      'initial_assessment_completed',
      { outcome: 'core_assessment', inTime: false },
      'Initial assessment completed late: core assessment',
    ],
    [
      'core_assessment_started',
      { dueDate: '2011-06-24' },
      'Core assessment started, due 2011-06-24',
    ],
    ['core_assessment_completed', { inTime: true }, 'Core assessment completed'],
    ['case_closed', { reason: 'needs_met' }, 'Case closed: needs met'],
    ['case_reopened', {}, 'Case reopened'],
    [
      'panel_heard',
      { panel: 'complex_care', outcome: 'continue_early_help' },
      'Heard by the Complex Care Panel: continue early help',
    ],
    ['home_visit', { text: 'Saw mum and\n the baby.' }, 'Home visit: Saw mum and the baby.'],
    [
      'child_voice',
      { text: 'Wants to stay at school' },
      'The child’s voice: Wants to stay at school',
    ],
  ])('reads %s %j as “%s”', (kind, facts, sentence) => {
    expect(summarise(kind, facts, () => 'Complex Care Panel')).toBe(sentence);
  });

  it('has a sentence for every kind', () => {
    for (const kind of EVENT_KINDS) expect(summarise(kind, {})).toMatch(/^[A-Z]/);
  });

  it('cuts a long note at a word, with an ellipsis', () => {
    const cut = excerpt(`${'word '.repeat(60)}end`);
    expect(cut.length).toBeLessThanOrEqual(121);
    expect(cut).toMatch(/word…$/);
  });
});
