/** What a case note records (docs/domain.md#case-notes). */
export const NOTE_KINDS = [
  'note',
  'home_visit',
  'contact_with_family',
  'contact_with_agency',
  'child_voice',
  'significant_event',
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const NOTE_TEXT_MAX = 20_000;

/** A significant event is significant unless said otherwise; other notes only when said so. */
export function noteIsSignificant(kind: NoteKind, significant: boolean | undefined): boolean {
  return significant ?? kind === 'significant_event';
}
