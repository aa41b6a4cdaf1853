import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/**
 * The login throttle, shared by the API's login and the sign-in page: one count per address and
 * per email tried, whichever of the two doors the attempts come through. (ThrottlerGuard keys
 * its counts by controller and handler, which would give each door its own allowance.)
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    // Hashed, as ThrottlerGuard does: the tracker is an email address.
    return createHash('sha256').update(`login:${name}:${tracker}`).digest('hex');
  }
}
