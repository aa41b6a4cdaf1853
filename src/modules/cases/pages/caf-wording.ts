import { CAF_DOMAINS, type ElementCode } from '../domain/caf-elements';
import type { CaseAction, CaseStatus } from '../domain/case-lifecycle';

/** Each element's name as the national CAF form prints it: the legend of its fieldset. */
export const ELEMENT_NAMES: Readonly<Record<ElementCode, string>> = {
  general_health: 'General health',
  physical_development: 'Physical development',
  speech_language_communication: 'Speech, language and communication',
  emotional_social_development: 'Emotional and social development',
  behavioural_development: 'Behavioural development',
  identity_self_image: 'Identity, including self-esteem, self-image and social presentation',
  family_social_relationships: 'Family and social relationships',
  self_care_skills: 'Self-care skills and independence',
  understanding_reasoning_problem_solving: 'Understanding, reasoning and problem solving',
  participation_in_learning_education_employment:
    'Participation in learning, education and employment',
  progress_achievement_in_learning: 'Progress and achievement in learning',
  aspirations: 'Aspirations',
  basic_care_safety_protection: 'Basic care, ensuring safety and protection',
  emotional_warmth_stability: 'Emotional warmth and stability',
  guidance_boundaries_stimulation: 'Guidance, boundaries and stimulation',
  family_history_functioning_wellbeing: 'Family history, functioning and well-being',
  wider_family: 'Wider family',
  housing_employment_financial: 'Housing, employment and financial considerations',
  social_community_resources: 'Social and community elements and resources, including education',
};

/** The radios of every element, in the words the form uses. */
export const LEVEL_LABELS: readonly { value: number; text: string }[] = [
  { value: 0, text: '0 – Strength or no additional need' },
  { value: 1, text: '1 – Additional need' },
  { value: 2, text: '2 – Complex need' },
  { value: 3, text: '3 – Acute need or safeguarding concern' },
];

/** The form, domain by domain: what the CAF pages loop over. */
export const FORM_DOMAINS = CAF_DOMAINS.map((d) => ({
  code: d.code,
  title: d.title,
  elements: d.elements.map((code) => ({ code, name: ELEMENT_NAMES[code] })),
}));

/** The pre-assessment checklist's domains (its own codes), with the form's titles. */
export const CHECKLIST_DOMAINS = [
  { value: 'development_of_the_child', text: 'Development of the child' },
  { value: 'parents_and_carers', text: 'Parents and carers' },
  { value: 'family_and_environment', text: 'Family and environmental factors' },
] as const;

export const RELATIONSHIPS = [
  { value: 'parent', text: 'Parent' },
  { value: 'carer', text: 'Carer' },
  { value: 'child', text: 'Child' },
  { value: 'young_person', text: 'Young person' },
] as const;

export const CONSENT_SCOPES = [
  { value: 'assessment', text: 'The assessment' },
  { value: 'information_sharing', text: 'Sharing information with other agencies' },
] as const;

export const TIER_LABELS: Readonly<Record<number, string>> = {
  1: 'Tier 1 – universal (no additional needs)',
  2: 'Tier 2 – additional needs',
  3: 'Tier 3 – complex needs',
  4: 'Tier 4 – acute or specialist needs',
};

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  assessment: 'Assessment',
  active: 'Active',
  closed: 'Closed',
};

/**
 * The actions the case's state allows that have a page today, as the overview's buttons.
 * (The team, meetings and action plan are reached from their own sections of the page.)
 */
const ACTION_PAGES: readonly { action: CaseAction; text: string; path: string }[] = [
  {
    action: 'record_pre_assessment',
    text: 'Record pre-assessment checklist',
    path: 'pre-assessment',
  },
  { action: 'save_assessment', text: 'Edit the CAF', path: 'assessment' },
  { action: 'record_consent', text: 'Record consent', path: 'consent' },
  { action: 'complete_assessment', text: 'Complete CAF', path: 'complete' },
  { action: 'decide_tier', text: 'Record tier decision', path: 'tier' },
  { action: 'close', text: 'Close the case', path: 'close' },
  { action: 'reopen', text: 'Reopen the case', path: 'reopen' },
];

/** What the buttons depend on besides the state: the CAF's progress and a waiting decision. */
export interface ActionContext {
  allowedActions: readonly CaseAction[];
  assessmentCompleted: boolean;
  tierPending: boolean;
  reviewer: boolean;
}

export function actionButtons(caseId: string, c: ActionContext): { text: string; href: string }[] {
  return ACTION_PAGES.filter((a) => {
    if (!c.allowedActions.includes(a.action)) return false;
    // Completing a completed CAF has nothing to do; a tier needs a completed CAF first.
    if (a.action === 'complete_assessment') return !c.assessmentCompleted;
    if (a.action === 'decide_tier') return c.assessmentCompleted && (!c.tierPending || c.reviewer);
    return true;
  }).map((a) => ({
    text: a.action === 'decide_tier' && c.tierPending ? 'Confirm tier decision' : a.text,
    href: `/cases/${caseId}/${a.path}`,
  }));
}

/** A case event in a sentence, for the overview's History. */
export function eventText(type: string, details: Record<string, unknown>): string {
  const tier = typeof details.tier === 'number' ? details.tier : undefined;
  switch (type) {
    case 'case.created':
      return 'CAF started';
    case 'pre_assessment.recorded':
      return 'Pre-assessment checklist recorded';
    case 'assessment.saved':
      return 'CAF draft saved';
    case 'assessment.completed':
      return `CAF completed: tier ${String(details.suggestedTier)} suggested`;
    case 'consent.recorded':
      return 'Consent recorded';
    case 'consent.withdrawn':
      return 'Consent withdrawn';
    case 'tier.decided':
      return details.status === 'confirmed'
        ? `Tier ${tier} decided`
        : `Tier ${tier} decided, awaiting a locality manager’s confirmation`;
    case 'tier.confirmed':
      return `Tier ${tier} confirmed`;
    case 'tier.rejected':
      return `Tier ${tier} not confirmed`;
    case 'case.activated':
      return 'Case active';
    case 'case.closed':
      return 'Case closed';
    case 'case.reopened':
      return 'Case reopened';
    case 'tac.member_added':
      return 'Joined the team around the child';
    case 'tac.member_left':
      return 'Left the team around the child';
    case 'tac.lead_professional_set':
      return 'Lead professional appointed';
    case 'tac.lead_professional_ended':
      return 'Lead professional stood down';
    case 'tac.meeting_scheduled':
      return 'TAC meeting scheduled';
    case 'tac.meeting_recorded':
      return 'TAC meeting recorded';
    case 'tac.meeting_cancelled':
      return 'TAC meeting cancelled';
    case 'action_item.created':
      return 'Action plan item added';
    case 'action_item.updated':
      return 'Action plan item updated';
    default:
      return capitalise(type.replace(/[._]/g, ' '));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
