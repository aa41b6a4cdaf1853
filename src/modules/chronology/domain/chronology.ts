/**
 * The child's chronology (docs/domain.md#the-chronology): one time line built from what the
 * service already records. These are its kinds, which are significant, and the one plain
 * sentence each entry reads as.
 */
import type { NoteKind } from '../../notes/domain/note-kinds';

export const EVENT_KINDS = [
  'case_started',
  'pre_assessment_recorded',
  'caf_completed',
  'tier_decided',
  'tier_confirmed',
  'consent_given',
  'consent_withdrawn',
  'tac_member_joined',
  'tac_member_left',
  'lead_professional_appointed',
  'meeting_held',
  'meeting_cancelled',
  'action_item_status_changed',
  'referral_made',
  'referral_decided',
  'initial_assessment_started',
  'initial_assessment_completed',
  'core_assessment_started',
  'core_assessment_completed',
  'case_closed',
  'case_reopened',
  'panel_heard',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export type ChronologyKind = EventKind | NoteKind;

/** Significant whatever happened (a note is significant when its author says so). */
export const SIGNIFICANT_KINDS: readonly EventKind[] = [
  'caf_completed',
  'tier_decided',
  'tier_confirmed',
  'referral_made',
  'referral_decided',
  'case_closed',
  'consent_withdrawn',
  'panel_heard',
];

/** What an entry's sentence is made from (a row of the chronology query). */
export type Facts = Record<string, unknown>;

const NOTE_LABELS: Record<NoteKind, string> = {
  note: 'Note',
  home_visit: 'Home visit',
  contact_with_family: 'Contact with the family',
  contact_with_agency: 'Contact with an agency',
  child_voice: 'The child’s voice',
  significant_event: 'Significant event',
};

const RELATIONSHIPS: Record<string, string> = {
  parent: 'a parent',
  carer: 'a carer',
  child: 'the child',
  young_person: 'the young person',
};

const SCOPES: Record<string, string> = {
  assessment: 'the assessment',
  information_sharing: 'information sharing',
};

const DOMAINS: Record<string, string> = {
  development_of_the_child: 'the development of the child',
  parents_and_carers: 'parents and carers',
  family_and_environment: 'family and environment',
};

const OUTCOMES: Record<string, string> = {
  initial_assessment: 'initial assessment',
  no_further_action: 'no further action',
  step_down_early_help: 'step down to early help',
  signposted_universal: 'signposted to universal services',
  core_assessment: 'core assessment',
  services_provided: 'services provided',
  continue_early_help: 'continue early help',
  step_up: 'step up',
  step_down: 'step down',
  close: 'close',
  other: 'other',
  needs_met: 'needs met',
  stepped_up: 'stepped up to social care',
  stepped_down_universal: 'stepped down to universal services',
  consent_withdrawn: 'consent withdrawn',
  moved_out_of_area: 'moved out of the area',
  no_longer_eligible: 'no longer eligible',
};

const EXCERPT = 120;

/** A fact as text: the chronology query gives strings, numbers and booleans. */
function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

function words(code: unknown): string {
  const text = str(code);
  return OUTCOMES[text] ?? text.replace(/_/g, ' ');
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** The start of a note's text on one line, cut at a word. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= EXCERPT) return line;
  const cut = line.slice(0, EXCERPT);
  const space = cut.lastIndexOf(' ');
  return `${(space > EXCERPT / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function isNoteKind(kind: string): kind is NoteKind {
  return kind in NOTE_LABELS;
}

/** The entry as one plain sentence. `panelName` names a panel code for people. */
export function summarise(
  kind: ChronologyKind,
  facts: Facts,
  panelName: (code: string) => string = (code) => code,
): string {
  if (isNoteKind(kind)) return `${NOTE_LABELS[kind]}: ${excerpt(str(facts.text))}`;
  const name = str(facts.name) || 'A member';
  switch (kind) {
    case 'case_started':
      return 'Early help case started: CAF assessment begun';
    case 'pre_assessment_recorded': {
      const domains = ((facts.concernDomains as string[] | undefined) ?? []).map(
        (d) => DOMAINS[d] ?? words(d),
      );
      const concern = domains.length ? `concern about ${list(domains)}` : 'no domain of concern';
      return `Pre-assessment checklist: ${concern}; CAF ${facts.cafNeeded ? 'needed' : 'not needed'}`;
    }
    case 'caf_completed':
      return `CAF completed: tier ${str(facts.suggestedTier)} suggested`;
    case 'tier_decided': {
      const differs =
        facts.suggestedTier !== null &&
        facts.suggestedTier !== undefined &&
        facts.suggestedTier !== facts.tier
          ? `, not the suggested tier ${str(facts.suggestedTier)}`
          : '';
      const status =
        facts.status === 'pending'
          ? '; awaiting a locality manager’s confirmation'
          : facts.status === 'rejected'
            ? '; not confirmed by a locality manager'
            : '';
      return `Tier ${str(facts.tier)} decided${differs}${status}`;
    }
    case 'tier_confirmed':
      return `Tier ${str(facts.tier)} confirmed by a locality manager`;
    case 'consent_given': {
      const scope = ((facts.scope as string[] | undefined) ?? []).map((s) => SCOPES[s] ?? words(s));
      const by = RELATIONSHIPS[str(facts.relationship)] ?? 'the family';
      return `Consent given by ${by} to ${list(scope)}`;
    }
    case 'consent_withdrawn':
      return 'Consent withdrawn';
    case 'tac_member_joined': {
      const agency = str(facts.agency) ? ` (${str(facts.agency)})` : '';
      return `${name}${agency} joined the TAC as ${str(facts.role)}`;
    }
    case 'tac_member_left':
      return `${name} left the TAC`;
    case 'lead_professional_appointed':
      return `${name} appointed lead professional`;
    case 'meeting_held':
      return `TAC meeting held; the family ${facts.familyAttended ? 'attended' : 'did not attend'}`;
    case 'meeting_cancelled':
      return `TAC meeting of ${str(facts.scheduledOn)} cancelled`;
    case 'action_item_status_changed':
      return `Action-plan item for ${words(facts.need)} now ${words(facts.status)}`;
    case 'referral_made':
      return `Referral to children’s social care${facts.isReReferral ? ' (re-referral)' : ''}${
        facts.safeguarding ? ', shared without consent on safeguarding grounds' : ''
      }`;
    case 'referral_decided':
      return `${facts.corrected ? 'Referral decision corrected' : 'Referral decided'}: ${words(facts.outcome)}`;
    case 'initial_assessment_started':
      return `Initial assessment started, due ${str(facts.dueDate)}`;
    case 'initial_assessment_completed':
      return `Initial assessment completed${facts.inTime === false ? ' late' : ''}: ${words(facts.outcome)}`;
    case 'core_assessment_started':
      return `Core assessment started, due ${str(facts.dueDate)}`;
    case 'core_assessment_completed':
      return `Core assessment completed${facts.inTime === false ? ' late' : ''}`;
    case 'case_closed':
      return `Case closed: ${words(facts.reason)}`;
    case 'case_reopened':
      return 'Case reopened';
    case 'panel_heard':
      return `Heard by the ${panelName(str(facts.panel))}: ${words(facts.outcome)}`;
  }
}
