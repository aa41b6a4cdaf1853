/**
 * Consent governs sharing (docs/domain.md#consent-governs-sharing): until the family has
 * consented to information sharing, the case's information stays within the agency of the
 * practitioner who started it. Nobody from outside that agency joins the TAC (a user of another
 * agency, or any external member), and a referral to social care shares only on safeguarding
 * grounds (the child may be at risk of significant harm), with the reason recorded.
 */

export const INFORMATION_SHARING_CONSENT_NEEDED =
  'Information-sharing consent is needed first: until the family consents to information sharing, only members of the agency of the practitioner who started the case join the TAC';

export const SAFEGUARDING_NEEDED =
  'The case has no information-sharing consent: a referral from it needs safeguarding: true and a safeguardingReason (sharing without consent where the child may be at risk of significant harm)';

export type Joiner = { external: true } | { external: false; agencyId: string };

/** Whether the joiner may join the TAC of a case started by someone of `starterAgencyId`. */
export function mayJoinTac(
  joiner: Joiner,
  starterAgencyId: string,
  hasInformationSharingConsent: boolean,
): boolean {
  if (hasInformationSharingConsent) return true;
  return !joiner.external && joiner.agencyId === starterAgencyId;
}

/** Whether a referral from a case may be made as asked. */
export function mayReferFromCase(
  hasInformationSharingConsent: boolean,
  safeguarding: boolean,
): boolean {
  return hasInformationSharingConsent || safeguarding;
}
