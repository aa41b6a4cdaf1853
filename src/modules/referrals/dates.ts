import type { Clock } from '../../common/clock/clock';
import { DomainError } from '../../common/errors/domain-error';

/** Referral, decision and assessment dates are facts already happened: none is after today. */
export function assertNotInFuture(clock: Clock, field: string, date: string): void {
  if (date > clock.today())
    throw new DomainError('RULE_VIOLATED', `${field} cannot be in the future`);
}
