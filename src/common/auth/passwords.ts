import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): tens of milliseconds a
 * hash on this 2-core machine, so a login costs little while an offline guess stays expensive.
 * (@node-rs/argon2 ships its native build as a per-platform package: no install script.)
 */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

const PHC_PARAMETERS = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;

// Verified against when the email is unknown, so that a miss costs as long as a hit.
const DUMMY_HASH_INPUT = 'continuum-timing-equaliser';

@Injectable()
export class Passwords {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(stored: string | undefined, password: string): Promise<boolean> {
    if (stored === undefined) {
      this.dummyHash ??= this.hash(DUMMY_HASH_INPUT);
      await verify(await this.dummyHash, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }

  /** Whether a stored hash was made with other parameters than today's (rehash at sign-in). */
  needsRehash(stored: string): boolean {
    const match = PHC_PARAMETERS.exec(stored);
    return (
      !match ||
      Number(match[1]) !== ARGON2_OPTIONS.memoryCost ||
      Number(match[2]) !== ARGON2_OPTIONS.timeCost ||
      Number(match[3]) !== ARGON2_OPTIONS.parallelism
    );
  }
}
