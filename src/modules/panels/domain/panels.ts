/** The authority's panels (config/panels.yaml), checked at start. */
export interface Panel {
  code: string;
  name: string;
}

export const PANEL_OUTCOMES = [
  'continue_early_help',
  'step_up',
  'step_down',
  'close',
  'other',
] as const;
export type PanelOutcome = (typeof PANEL_OUTCOMES)[number];

/** Who records that a panel heard a case: a locality manager, or the case's lead professional. */
export function mayRecordHearing(
  actor: { id: string; role: string },
  leadProfessionalId: string | null,
): boolean {
  return actor.role === 'locality_manager' || leadProfessionalId === actor.id;
}

const CODE = /^[a-z0-9_]{1,50}$/;

/** The panels a configuration document names; throws naming what is wrong. */
export function parsePanels(document: unknown): Panel[] {
  const panels = (document as { panels?: unknown } | null)?.panels;
  if (!Array.isArray(panels) || panels.length === 0) {
    throw new Error('panels must be a non-empty list of {code, name}');
  }
  const seen = new Set<string>();
  return panels.map((panel: unknown, i) => {
    const { code, name } = (panel ?? {}) as { code?: unknown; name?: unknown };
    if (typeof code !== 'string' || !CODE.test(code)) {
      throw new Error(`panels[${i}].code must be 1–50 lower-case letters, digits or underscores`);
    }
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
      throw new Error(`panels[${i}].name must be a name of 1–200 characters`);
    }
    if (seen.has(code)) throw new Error(`panels[${i}].code ${code} is named twice`);
    seen.add(code);
    return { code, name: name.trim() };
  });
}
