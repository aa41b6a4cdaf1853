import type { NoteKind } from '../../notes/domain/note-kinds';

/** Each kind of case note in a practitioner's words. */
export const NOTE_KIND_LABELS: Readonly<Record<NoteKind, string>> = {
  note: 'Case note',
  home_visit: 'Home visit',
  contact_with_family: 'Contact with the family',
  contact_with_agency: 'Contact with another agency',
  child_voice: 'The child’s voice',
  significant_event: 'Significant event',
};
