import { deriveCinSource, type AgencyType, type ReferralSource } from './cin-source';

describe('deriveCinSource', () => {
  it.each<[ReferralSource, AgencyType | null, string]>([
    ['early_help', 'school', '5D'],
    ['school', 'school', '2A'],
    ['school', 'social_care', '2A'],
    ['health', 'health', '3F'],
    ['police', 'police', '6'],
    ['family', 'social_care', '1A'],
    ['self', 'social_care', '1C'],
    ['anonymous', 'social_care', '9'],
    ['other_la', 'social_care', '5C'],
    ['other', 'school', '2A'],
    ['other', 'health', '3F'],
    ['other', 'police', '6'],
    ['other', 'social_care', '5A'],
    ['other', 'youth_service', '5B'],
    ['other', 'housing', '4'],
    ['other', 'childrens_centre', '8'],
    ['other', 'voluntary', '8'],
    ['other', 'other', '8'],
    ['other', null, '10'],
  ])('source %s from a referrer in agency %s gives %s', (source, referrerAgencyType, code) => {
    expect(deriveCinSource({ source, referrerAgencyType, fromEarlyHelpCase: false })).toBe(code);
  });

  it.each<ReferralSource>(['school', 'police', 'other', 'family'])(
    'a referral from an early help case gives 5D whatever its source (%s)',
    (source) => {
      expect(
        deriveCinSource({ source, referrerAgencyType: 'school', fromEarlyHelpCase: true }),
      ).toBe('5D');
    },
  );
});
