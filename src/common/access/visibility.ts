import type { SqlParams } from '../../database/sql-params';
import type { Actor } from '../auth/actor';

/**
 * Who may see which case and child (docs/domain.md#access), as SQL conditions that every query on child
 * data includes, so that nothing is loaded first and checked after:
 * - a practitioner: cases they created or are a current TAC member of (the lead professional
 *   is always a member), and the children of those cases or whom they registered;
 * - a locality manager: cases and children of their localities;
 * - social care: referrals, the referred children, and the CAF cases linked to those referrals
 *   (the referring case, or the case a step-down created or linked);
 * - performance managers and admins: no case content.
 */
/**
 * The rows of the actor's localities. One locality (the usual case) is written as an equality,
 * which PostgreSQL can walk in index order for a newest-first list; `= ANY` of one it cannot.
 */
function inLocalities(actor: Actor, alias: string, p: SqlParams): string {
  return actor.localityIds.length === 1
    ? `${alias}.locality_id = ${p.add(actor.localityIds[0])}::uuid`
    : `${alias}.locality_id = ANY(${p.add(actor.localityIds)}::uuid[])`;
}

export function caseVisibleTo(actor: Actor, alias: string, p: SqlParams): string {
  switch (actor.role) {
    case 'practitioner': {
      // The practitioner's own few cases, each half from its index, so that a list starts
      // from them rather than filtering every open case (an OR here could not use either).
      const me = p.add(actor.id);
      return `${alias}.id IN (
        SELECT vc.id FROM cases vc WHERE vc.created_by = ${me}
        UNION ALL
        SELECT vm.case_id FROM tac_members vm WHERE vm.user_id = ${me} AND vm.to_date IS NULL)`;
    }
    case 'locality_manager':
      return inLocalities(actor, alias, p);
    case 'social_care':
      return `(EXISTS (SELECT 1 FROM referrals vr WHERE vr.case_id = ${alias}.id)
        OR EXISTS (SELECT 1 FROM referrals vr WHERE vr.step_down_case_id = ${alias}.id))`;
    default:
      return 'false';
  }
}

export function childVisibleTo(actor: Actor, alias: string, p: SqlParams): string {
  switch (actor.role) {
    case 'practitioner':
      return `(${alias}.created_by = ${p.add(actor.id)} OR EXISTS (
        SELECT 1 FROM cases vc WHERE vc.child_id = ${alias}.id AND ${caseVisibleTo(actor, 'vc', p)}))`;
    case 'locality_manager':
      return inLocalities(actor, alias, p);
    case 'social_care':
      return `EXISTS (SELECT 1 FROM referrals vr WHERE vr.child_id = ${alias}.id)`;
    default:
      return 'false';
  }
}

/** Referrals: social care sees all; a locality manager their localities'; a practitioner those of cases they are linked to. */
export function referralVisibleTo(actor: Actor, alias: string, p: SqlParams): string {
  switch (actor.role) {
    case 'social_care':
      return 'true';
    case 'locality_manager':
      return inLocalities(actor, alias, p);
    case 'practitioner':
      return `EXISTS (SELECT 1 FROM cases rc WHERE rc.id = ${alias}.case_id AND ${caseVisibleTo(actor, 'rc', p)})`;
    default:
      return 'false';
  }
}
