/**
 * The demo authority as a list of dated steps, each one API call or a few: generated from a
 * seeded random source, so every run writes the same authority. The seed runs the steps in
 * date order with the clock standing on each step's day.
 */
import { readAuthorityFile } from '../config/authority-files';
import { BANK_HOLIDAYS_FILE } from '../modules/calendar/bank-holidays.file';
import { bankHolidayDates } from '../modules/calendar/domain/bank-holidays';
import { addDays, type IsoDate } from '../common/domain/iso-date';
import { addWorkingDays } from '../modules/calendar/domain/working-days';
import type { DisabilityCode, EthnicityCode } from '../modules/children/domain/dfe-codes';

export const DEMO_PASSWORD = 'continuum-demo-2026';
export const DEMO_ADMIN_EMAIL = 'admin@demo.continuum';

const FIRST_DAY: IsoDate = '2024-04-01';
const LAST_DAY: IsoDate = '2026-09-30';
/** The full demo, and a small one for the seed's own test. */
export const DEMO_SIZES = {
  full: { cases: 320, referrals: 640 },
  small: { cases: 24, referrals: 48 },
} as const;

export interface StepContext {
  api(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>>;
  tokens: Map<string, string>;
  ids: Map<string, string>;
}

export interface Step {
  on: IsoDate;
  run(context: StepContext): Promise<void>;
}

/** mulberry32: a small, seeded, well-spread random source. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The shipped list: the demo data is the same wherever it is generated.
const HOLIDAYS = bankHolidayDates(readAuthorityFile(BANK_HOLIDAYS_FILE, undefined));
const workingDaysAfter = (date: IsoDate, days: number): IsoDate =>
  addWorkingDays(date, days, HOLIDAYS);
const daysBetween = (from: IsoDate, to: IsoDate): number =>
  (Date.parse(to) - Date.parse(from)) / 86_400_000;

const LOCALITIES = [
  { key: 'east', name: 'East', code: 'EAST', bands: [6000, 6200, 7400, 2400] },
  { key: 'west', name: 'West', code: 'WEST', bands: [4500, 4700, 5600, 1900] },
  { key: 'central', name: 'Central', code: 'CENTRAL', bands: [8000, 8100, 9800, 3200] },
] as const;
type Locality = (typeof LOCALITIES)[number]['key'];

/** Children's centre areas: each locality's reach areas, their postcode sectors and under-fives. */
const AREAS: Record<
  Locality,
  { name: string; code: string; sectors: string[]; aged0to4: number }[]
> = {
  east: [
    {
      name: 'Hounslow Heath Children’s Centre',
      code: 'E-HH',
      sectors: ['TW3 1', 'TW3 2'],
      aged0to4: 1600,
    },
    {
      name: 'Cranford Children’s Centre',
      code: 'E-CR',
      sectors: ['TW4 5', 'TW4 6'],
      aged0to4: 1500,
    },
    {
      name: 'Lampton Children’s Centre',
      code: 'E-LA',
      sectors: ['TW3 3', 'TW3 4'],
      aged0to4: 1400,
    },
    { name: 'Heston Children’s Centre', code: 'E-HE', sectors: ['TW5 0', 'TW5 9'], aged0to4: 1500 },
  ],
  west: [
    {
      name: 'Bedfont Children’s Centre',
      code: 'W-BE',
      sectors: ['TW14 8', 'TW14 9'],
      aged0to4: 1200,
    },
    {
      name: 'Feltham Children’s Centre',
      code: 'W-FE',
      sectors: ['TW13 4', 'TW13 5'],
      aged0to4: 1100,
    },
    {
      name: 'Hanworth Children’s Centre',
      code: 'W-HA',
      sectors: ['TW13 6', 'TW13 7'],
      aged0to4: 1100,
    },
    {
      name: 'Isleworth Children’s Centre',
      code: 'W-IS',
      sectors: ['TW7 4', 'TW7 5'],
      aged0to4: 1100,
    },
  ],
  central: [
    {
      name: 'Brentford Children’s Centre',
      code: 'C-BR',
      sectors: ['TW8 0', 'TW8 8'],
      aged0to4: 2100,
    },
    { name: 'Chiswick Children’s Centre', code: 'C-CH', sectors: ['W4 1', 'W4 2'], aged0to4: 2000 },
    {
      name: 'Gunnersbury Children’s Centre',
      code: 'C-GU',
      sectors: ['W4 4', 'W4 5'],
      aged0to4: 1900,
    },
    {
      name: 'Osterley Children’s Centre',
      code: 'C-OS',
      sectors: ['TW7 6', 'TW7 7'],
      aged0to4: 2000,
    },
  ],
};

/** The entered indicators of the default plan, with a typical monthly figure for the authority. */
const ENTERED_MONTHLY = [
  ['children_missing_from_home', 18],
  ['children_missing_from_school', 30],
  ['children_missing_from_care', 6],
  ['child_protection_plans_two_years', 5],
] as const;

const AGENCIES = [
  ['Hillside Primary School', 'school'],
  ['Riverside Health Centre', 'health'],
  ['County Police', 'police'],
  ['Oakwood Children’s Centre', 'childrens_centre'],
  ['Youth Service', 'youth_service'],
  ['Family Action (voluntary)', 'voluntary'],
  ['Children’s Social Care', 'social_care'],
  ['Housing Options', 'housing'],
  ['Other agency', 'other'],
] as const;

const GIVEN = [
  'Amelia',
  'Oliver',
  'Isla',
  'Noah',
  'Ava',
  'Leo',
  'Mia',
  'Jack',
  'Freya',
  'Harry',
  'Zara',
  'Yusuf',
  'Lily',
  'Arlo',
  'Maya',
  'Theo',
];
const FAMILY = [
  'Smith',
  'Jones',
  'Khan',
  'Taylor',
  'Brown',
  'Williams',
  'Patel',
  'Evans',
  'Wilson',
  'Thomas',
  'Roberts',
  'Ali',
  'Walker',
  'Wright',
  'Hughes',
  'Green',
];

const TIER_ELEMENTS: Record<1 | 2 | 3 | 4, { code: string; level: number }[]> = {
  1: [{ code: 'general_health', level: 0 }],
  2: [
    { code: 'general_health', level: 1 },
    { code: 'self_care_skills', level: 1 },
  ],
  3: [
    { code: 'speech_language_communication', level: 2 },
    { code: 'housing_employment_financial', level: 2 },
    { code: 'general_health', level: 1 },
  ],
  4: [{ code: 'basic_care_safety_protection', level: 3 }],
};

/** Users by key: their email, and whose token a step uses. */
export function demoUsers(): {
  key: string;
  email: string;
  role: string;
  locality?: Locality;
  agency: string;
  manager?: string;
}[] {
  const users: ReturnType<typeof demoUsers> = [
    {
      key: 'performance',
      email: 'performance@demo.continuum',
      role: 'performance_manager',
      agency: 'other',
    },
    {
      key: 'social.manager',
      email: 'social.manager@demo.continuum',
      role: 'social_care',
      agency: 'social_care',
    },
  ];
  for (const locality of LOCALITIES) {
    users.push({
      key: `manager.${locality.key}`,
      email: `manager.${locality.key}@demo.continuum`,
      role: 'locality_manager',
      locality: locality.key,
      agency: 'other',
    });
    users.push({
      key: `practitioner1.${locality.key}`,
      email: `practitioner1.${locality.key}@demo.continuum`,
      role: 'practitioner',
      locality: locality.key,
      agency: 'school',
    });
    users.push({
      key: `practitioner2.${locality.key}`,
      email: `practitioner2.${locality.key}@demo.continuum`,
      role: 'practitioner',
      locality: locality.key,
      agency: 'childrens_centre',
    });
  }
  for (const n of [1, 2, 3]) {
    users.push({
      key: `social${n}`,
      email: `social${n}@demo.continuum`,
      role: 'social_care',
      agency: 'social_care',
      manager: 'social.manager',
    });
  }
  return users;
}

/** The names the demo creates and that must be free: its localities, agencies and users. */
export function demoReferenceData(): {
  localityNames: string[];
  localityCodes: string[];
  agencyNames: string[];
  emails: string[];
} {
  return {
    localityNames: LOCALITIES.map((l) => l.name),
    localityCodes: LOCALITIES.map((l) => l.code),
    agencyNames: AGENCIES.map(([name]) => name),
    emails: [DEMO_ADMIN_EMAIL, ...demoUsers().map((u) => u.email)],
  };
}

/**
 * Ethnicity as DfE codes, weighted roughly as an English authority's child population (per
 * 1,000); a few children with disabilities listed, some with NONE, most not asked.
 */
const ETHNICITY_WEIGHTS: readonly [EthnicityCode, number][] = [
  ['WBRI', 640],
  ['WIRI', 5],
  ['WIRT', 2],
  ['WOTH', 50],
  ['WROM', 8],
  ['MWBC', 20],
  ['MWBA', 10],
  ['MWAS', 20],
  ['MOTH', 20],
  ['AIND', 30],
  ['APKN', 50],
  ['ABAN', 20],
  ['AOTH', 15],
  ['BCRB', 10],
  ['BAFR', 30],
  ['BOTH', 5],
  ['CHNE', 5],
  ['OOTH', 15],
  ['REFU', 10],
  ['NOBT', 35],
];
const DISABILITY_CHOICES: readonly DisabilityCode[] = [
  'LD',
  'COMM',
  'AUT',
  'BEH',
  'MOB',
  'HEAR',
  'VIS',
];

export function demoPlan(size: keyof typeof DEMO_SIZES = 'full'): Step[] {
  const { cases: CASES, referrals: REFERRALS } = DEMO_SIZES[size];
  const rnd = random(20110421);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const between = (low: number, high: number): number => low + Math.floor(rnd() * (high - low + 1));
  const dayIn = (from: IsoDate, to: IsoDate): IsoDate =>
    addDays(from, between(0, daysBetween(from, to)));
  const steps: Step[] = [];
  const at = (on: IsoDate, run: Step['run']): void => {
    if (on <= LAST_DAY) steps.push({ on, run });
  };
  const id = (context: StepContext, key: string): string => {
    const value = context.ids.get(key);
    if (!value) throw new Error(`seed: ${key} was not created`);
    return value;
  };
  const token = (context: StepContext, user: string): string => context.tokens.get(user)!;
  let childNo = 0;
  // A stream of its own, so that the rest of the demo is the same as before these fields.
  const profileRnd = random(1995);
  const ethnicity = (): EthnicityCode => {
    let roll = profileRnd() * 1000;
    for (const [code, weight] of ETHNICITY_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return code;
    }
    return 'NOBT';
  };
  const disabilities = (): { disabilities?: DisabilityCode[] } => {
    const roll = profileRnd();
    if (roll < 0.08) {
      const first = DISABILITY_CHOICES[Math.floor(profileRnd() * DISABILITY_CHOICES.length)];
      const second = DISABILITY_CHOICES[Math.floor(profileRnd() * DISABILITY_CHOICES.length)];
      return { disabilities: first === second ? [first] : [first, second] };
    }
    return roll < 0.3 ? { disabilities: ['NONE'] } : {};
  };
  const postcode = (where: Locality): { postcode?: string } => {
    if (profileRnd() >= 0.85) return {};
    const from = <T>(items: readonly T[]): T => items[Math.floor(profileRnd() * items.length)];
    const sector = from(from(AREAS[where]).sectors);
    return {
      postcode: `${sector}${from(['A', 'B', 'D', 'E', 'F', 'G'])}${from(['A', 'B', 'L', 'N', 'P', 'Q'])}`,
    };
  };
  const childBody = (where: Locality, locality: string, dateOfBirth: IsoDate) => ({
    givenName: pick(GIVEN),
    familyName: `${pick(FAMILY)}-${++childNo}`,
    dateOfBirth,
    gender: pick(['female', 'male', 'male', 'female', 'unknown']),
    localityId: locality,
    ethnicity: ethnicity(),
    ...disabilities(),
    // Most children live in one of their locality's children's centre areas.
    ...postcode(where),
  });
  const dobFor = (on: IsoDate): IsoDate =>
    addDays(on, -between(rnd() < 0.28 ? 60 : 5 * 365, rnd() < 0.28 ? 5 * 365 - 1 : 17 * 365));

  // Reference data, users and their sign-in.
  at(FIRST_DAY, async (context) => {
    const admin = (
      await context.api(null, 'POST', '/auth/login', {
        email: DEMO_ADMIN_EMAIL,
        password: DEMO_PASSWORD,
      })
    ).accessToken as string;
    context.tokens.set('admin', admin);
    for (const locality of LOCALITIES) {
      const created = await context.api(admin, 'POST', '/localities', {
        name: locality.name,
        code: locality.code,
      });
      context.ids.set(`locality.${locality.key}`, created.id as string);
      for (const [offset, year] of [2024, 2025, 2026].entries()) {
        const [a, b, c, d] = locality.bands.map((n) => Math.round(n * (1 + offset * 0.01)));
        await context.api(admin, 'PUT', `/localities/${created.id as string}/population`, {
          year,
          bands: { '0-4': a, '5-9': b, '10-15': c, '16-17': d },
        });
      }
      for (const area of AREAS[locality.key]) {
        const made = await context.api(admin, 'POST', `/localities/${created.id as string}/areas`, {
          name: area.name,
          code: area.code,
          postcodeSectors: area.sectors,
        });
        for (const [offset, year] of [2024, 2025, 2026].entries()) {
          const scale = 1 + offset * 0.01;
          const [b, c, d] = locality.bands.slice(1).map((n) => Math.round((n / 4) * scale));
          await context.api(admin, 'PUT', `/areas/${made.id as string}/population`, {
            year,
            bands: { '0-4': Math.round(area.aged0to4 * scale), '5-9': b, '10-15': c, '16-17': d },
          });
        }
      }
    }
    for (const [name, type] of AGENCIES) {
      context.ids.set(
        `agency.${type}`,
        (await context.api(admin, 'POST', '/agencies', { name, type })).id as string,
      );
    }
    const allLocalities = LOCALITIES.map((l) => context.ids.get(`locality.${l.key}`)!);
    for (const user of demoUsers()) {
      const created = await context.api(admin, 'POST', '/users', {
        email: user.email,
        displayName: user.key.replace(/[.]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
        role: user.role,
        agencyId: context.ids.get(`agency.${user.agency}`),
        localityIds: user.locality ? [context.ids.get(`locality.${user.locality}`)] : allLocalities,
        ...(user.manager ? { managerUserId: context.ids.get(`user.${user.manager}`) } : {}),
        password: DEMO_PASSWORD,
      });
      context.ids.set(`user.${user.key}`, created.id as string);
      const login = await context.api(null, 'POST', '/auth/login', {
        email: user.email,
        password: DEMO_PASSWORD,
      });
      context.tokens.set(user.key, login.accessToken as string);
    }
  });

  // CAF cases.
  for (let n = 0; n < CASES; n++) {
    const where = pick(LOCALITIES).key;
    const [lead, other] =
      rnd() < 0.5 ? ['practitioner1', 'practitioner2'] : ['practitioner2', 'practitioner1'];
    const practitioner = `${lead}.${where}`;
    const colleague = `${other}.${where}`;
    const manager = `manager.${where}`;
    const key = `case.${n}`;
    const startedOn = dayIn(addDays(FIRST_DAY, 1), addDays(LAST_DAY, -20));
    at(startedOn, async (context) => {
      const child = await context.api(
        token(context, practitioner),
        'POST',
        '/children',
        childBody(where, id(context, `locality.${where}`), dobFor(startedOn)),
      );
      context.ids.set(`${key}.child`, child.id as string);
      const created = await context.api(token(context, practitioner), 'POST', '/cases', {
        childId: child.id,
      });
      context.ids.set(key, created.id as string);
      await context.api(
        token(context, practitioner),
        'PUT',
        `/cases/${created.id as string}/pre-assessment`,
        {
          concernDomains:
            n % 3 === 0
              ? ['development_of_the_child', 'parents_and_carers']
              : ['development_of_the_child'],
          cafNeeded: true,
        },
      );
      await context.api(
        token(context, practitioner),
        'POST',
        `/cases/${created.id as string}/notes`,
        {
          kind: 'contact_with_family',
          occurredAt: `${startedOn}T09:30:00Z`,
          text: 'Met the parent to talk through the worries and the CAF; agreed to go ahead.',
        },
      );
    });
    if (rnd() < 0.07) continue; // still being assessed
    const completedOn = workingDaysAfter(startedOn, between(2, 12));
    const roll = rnd();
    const tier = roll < 0.04 ? 1 : roll < 0.58 ? 2 : roll < 0.93 ? 3 : 4;
    at(completedOn, async (context) => {
      const caseId = id(context, key);
      const as = token(context, practitioner);
      await context.api(as, 'PUT', `/cases/${caseId}/assessment`, {
        elements: TIER_ELEMENTS[tier],
        strengths: 'Settled at school; close to grandparents',
        needsSummary: 'See the elements',
        version: 1,
      });
      await context.api(as, 'POST', `/cases/${caseId}/consent`, {
        givenBy: 'Parent',
        relationship: 'parent',
        givenAt: `${completedOn}T09:00:00Z`,
        scope: ['assessment', 'information_sharing'],
      });
      const done = await context.api(as, 'POST', `/cases/${caseId}/assessment/complete`);
      context.ids.set(`${key}.assessmentVersion`, String(done.version));
      if (tier !== 4) await context.api(as, 'POST', `/cases/${caseId}/tier`, { tier });
    });
    if (tier === 1) {
      at(workingDaysAfter(completedOn, 1), async (context) => {
        await context.api(token(context, manager), 'POST', `/cases/${id(context, key)}/close`, {
          reason: 'no_longer_eligible',
          note: 'Universal services',
        });
      });
      continue;
    }
    if (tier === 4) {
      // Step up: a referral from the case; once social care accepts it the case closes as stepped_up.
      const decidedOn = workingDaysAfter(completedOn, 1);
      referralSteps({
        childKey: `${key}.child`,
        where,
        referredAt: completedOn,
        by: practitioner,
        caseKey: key,
        forceOutcome: 'initial_assessment',
      });
      at(workingDaysAfter(decidedOn, 1), async (context) => {
        await context.api(token(context, manager), 'POST', `/cases/${id(context, key)}/close`, {
          reason: 'stepped_up',
          note: 'Accepted by social care',
        });
      });
      continue;
    }
    const joinedOn = workingDaysAfter(completedOn, 1);
    const hasLead = rnd() < (tier === 3 ? 0.88 : 0.5);
    at(joinedOn, async (context) => {
      const caseId = id(context, key);
      const member = await context.api(
        token(context, practitioner),
        'POST',
        `/cases/${caseId}/tac/members`,
        {
          userId: id(context, `user.${colleague}`),
          role: pick([
            'Family support worker',
            'Learning mentor',
            'Health visitor',
            'School nurse',
          ]),
        },
      );
      context.ids.set(`${key}.member`, member.id as string);
      await context.api(token(context, practitioner), 'POST', `/cases/${caseId}/notes`, {
        kind: n % 4 === 0 ? 'child_voice' : 'home_visit',
        occurredAt: `${joinedOn}T10:15:00Z`,
        text:
          n % 4 === 0
            ? 'Said they like their teacher and want mornings at home to be calmer.'
            : 'Home visit: the family were welcoming; talked about routines and school mornings.',
      });
      await context.api(token(context, practitioner), 'POST', `/cases/${caseId}/tac/members`, {
        externalName: 'Dr Morgan',
        externalAgency: 'Riverside Health Centre',
        role: 'GP',
      });
      if (hasLead) {
        await context.api(
          token(context, practitioner),
          'PUT',
          `/cases/${caseId}/lead-professional`,
          {
            userId: id(context, `user.${colleague}`),
            reason: 'Knows the family best',
          },
        );
      }
    });
    if (tier === 3 && n % 2 === 0) {
      const heardOn = workingDaysAfter(joinedOn, 5);
      at(heardOn, async (context) => {
        await context.api(token(context, manager), 'POST', `/cases/${id(context, key)}/panels`, {
          panel: 'complex_care',
          heardOn,
          outcome: 'continue_early_help',
          notes: 'Plan agreed; review in three months',
        });
      });
    }
    const items = between(1, 3);
    // Some items name a service of the directory and start (in_progress) a week after.
    const itemServices = Array.from({ length: items }, () =>
      rnd() < 0.45
        ? pick([
            'triple_p',
            'triple_p',
            'incredible_years',
            'family_intervention',
            'family_group_conference',
            'youth_mentoring',
          ])
        : undefined,
    );
    const itemOutcomes = Array.from({ length: items }, () => {
      const r = rnd();
      return r < 0.72
        ? 'implemented'
        : r < 0.84
          ? 'cancelled'
          : r < 0.92
            ? 'not_implemented'
            : 'in_progress';
    });
    at(joinedOn, async (context) => {
      for (let i = 0; i < items; i++) {
        const item = await context.api(
          token(context, practitioner),
          'POST',
          `/cases/${id(context, key)}/action-items`,
          {
            need: pick(TIER_ELEMENTS[tier]).code,
            action: pick([
              'Speech therapy referral',
              'Housing application',
              'Parenting course',
              'Attendance plan',
              'GP review',
            ]),
            ownerUserId: id(context, `user.${colleague}`),
            dueDate: addDays(joinedOn, between(30, 120)),
            ...(itemServices[i] ? { serviceCode: itemServices[i] } : {}),
          },
        );
        context.ids.set(`${key}.item.${i}`, item.id as string);
      }
    });
    const startsOn = workingDaysAfter(joinedOn, 5);
    if (itemServices.some(Boolean)) {
      at(startsOn, async (context) => {
        for (let i = 0; i < items; i++) {
          if (!itemServices[i]) continue;
          await context.api(
            token(context, practitioner),
            'PATCH',
            `/action-items/${id(context, `${key}.item.${i}`)}`,
            {
              status: 'in_progress',
              version: 1,
            },
          );
        }
      });
    }
    const closesAfter = rnd() < 0.66 ? between(60, 300) : undefined;
    const closedOn =
      closesAfter === undefined ? undefined : workingDaysAfter(addDays(joinedOn, closesAfter), 0);
    const end = closedOn && closedOn <= LAST_DAY ? closedOn : LAST_DAY;
    // Meetings: the first within a few weeks, then reviews about every six weeks.
    let meetingOn = workingDaysAfter(completedOn, between(4, 28));
    while (meetingOn < end) {
      const day = meetingOn;
      at(day, async (context) => {
        const caseId = id(context, key);
        const as = token(context, hasLead ? colleague : practitioner);
        const meeting = await context.api(as, 'POST', `/cases/${caseId}/tac/meetings`, {
          scheduledAt: `${day}T09:30:00Z`,
          location: pick(['Children’s centre', 'School', 'Family home']),
        });
        await context.api(as, 'POST', `/tac-meetings/${meeting.id as string}/record`, {
          heldAt: `${day}T09:45:00Z`,
          attendeeUserIds: [id(context, `user.${colleague}`)],
          externalAttendees: ['Dr Morgan'],
          familyAttended: rnd() < 0.85,
          notes: 'Reviewed the plan',
        });
      });
      meetingOn = workingDaysAfter(addDays(meetingOn, between(30, 55)), 0);
    }
    // A tier 2 case that worsens, now and then.
    if (tier === 2 && rnd() < 0.12) {
      const changedOn = workingDaysAfter(completedOn, between(20, 60));
      if (!closedOn || changedOn < closedOn) {
        at(changedOn, async (context) => {
          const caseId = id(context, key);
          await context.api(token(context, practitioner), 'POST', `/cases/${caseId}/tier`, {
            tier: 3,
            reason: 'Needs have become complex',
          });
          await context.api(token(context, manager), 'POST', `/cases/${caseId}/tier/review`, {
            confirm: true,
          });
        });
      }
    }
    if (!closedOn) continue;
    // A review of the CAF before closing, for about half the cases: needs mostly reduced.
    const reviewOn = workingDaysAfter(
      addDays(completedOn, Math.floor(daysBetween(completedOn, closedOn) / 2)),
      0,
    );
    if (rnd() < 0.5 && reviewOn < addDays(closedOn, -2) && reviewOn > startsOn) {
      const reduced = rnd() < 0.7;
      at(reviewOn, async (context) => {
        const caseId = id(context, key);
        const as = token(context, practitioner);
        await context.api(as, 'PUT', `/cases/${caseId}/assessment`, {
          elements: TIER_ELEMENTS[tier].map((element) => ({
            code: element.code,
            level: reduced
              ? Math.max(0, element.level - 1)
              : Math.min(2, element.level + (element.level === 2 ? 0 : 1)),
          })),
          strengths: 'Routines in place at home',
          needsSummary: reduced
            ? 'Needs reduced since the first CAF'
            : 'Needs unchanged or greater',
          version: Number(id(context, `${key}.assessmentVersion`)),
        });
        await context.api(as, 'POST', `/cases/${caseId}/assessment/complete`);
      });
    }
    at(addDays(closedOn, -1), async (context) => {
      for (let i = 0; i < items; i++) {
        const status = itemOutcomes[i];
        if (status === 'in_progress') continue;
        const itemId = id(context, `${key}.item.${i}`);
        await context.api(token(context, practitioner), 'PATCH', `/action-items/${itemId}`, {
          status,
          ...(status === 'cancelled' ? { reason: 'No longer needed' } : {}),
          version: itemServices[i] && startsOn < addDays(closedOn, -1) ? 2 : 1,
        });
      }
    });
    const allDone = itemOutcomes.every((s) => s === 'implemented' || s === 'cancelled');
    at(closedOn, async (context) => {
      await context.api(token(context, manager), 'POST', `/cases/${id(context, key)}/close`, {
        reason: allDone ? 'needs_met' : pick(['moved_out_of_area', 'other']),
        note: allDone ? 'Plan completed' : 'Closed by the locality',
      });
    });
  }

  // Referrals to social care; some children come back within a year (re-referrals).
  function referralSteps(spec: {
    childKey: string;
    where: Locality;
    referredAt: IsoDate;
    by: string;
    caseKey?: string;
    forceOutcome?: string;
  }): void {
    const key = `referral.${steps.length}.${spec.childKey}`;
    const worker = pick(['social1', 'social2', 'social3']);
    at(spec.referredAt, async (context) => {
      const referral = await context.api(token(context, spec.by), 'POST', '/referrals', {
        childId: id(context, spec.childKey),
        referredAt: spec.referredAt,
        source: spec.caseKey
          ? 'early_help'
          : pick(['school', 'health', 'police', 'family', 'other_la', 'anonymous']),
        reason: 'Concerns about the child’s welfare',
        ...(spec.caseKey ? { caseId: id(context, spec.caseKey) } : {}),
      });
      context.ids.set(key, referral.id as string);
    });
    const roll = rnd();
    const outcome =
      spec.forceOutcome ??
      (roll < 0.62
        ? 'initial_assessment'
        : roll < 0.82
          ? 'no_further_action'
          : roll < 0.92
            ? 'step_down_early_help'
            : 'signposted_universal');
    const decidedOn = spec.forceOutcome
      ? workingDaysAfter(spec.referredAt, 1)
      : workingDaysAfter(spec.referredAt, between(0, 2));
    at(decidedOn, async (context) => {
      await context.api(token(context, worker), 'POST', `/referrals/${id(context, key)}/decision`, {
        outcome,
        decidedAt: decidedOn,
      });
      if (outcome !== 'initial_assessment') return;
      const ia = await context.api(
        token(context, worker),
        'POST',
        `/referrals/${id(context, key)}/initial-assessment`,
        {
          assignedToUserId: id(context, `user.${worker}`),
        },
      );
      context.ids.set(`${key}.ia`, ia.id as string);
    });
    if (outcome !== 'initial_assessment') return;
    const iaDone = workingDaysAfter(spec.referredAt, rnd() < 0.78 ? between(2, 7) : between(8, 14));
    const r = rnd();
    const iaOutcome =
      r < 0.4
        ? 'core_assessment'
        : r < 0.72
          ? 'services_provided'
          : r < 0.9
            ? 'no_further_action'
            : 'step_down_early_help';
    at(iaDone, async (context) => {
      await context.api(
        token(context, worker),
        'POST',
        `/initial-assessments/${id(context, `${key}.ia`)}/complete`,
        {
          completedAt: iaDone,
          outcome: iaOutcome,
        },
      );
      if (iaOutcome !== 'core_assessment') return;
      const core = await context.api(token(context, worker), 'POST', '/core-assessments', {
        initialAssessmentId: id(context, `${key}.ia`),
        commencedAt: iaDone,
        assignedToUserId: id(context, `user.${worker}`),
      });
      context.ids.set(`${key}.core`, core.id as string);
    });
    if (iaOutcome !== 'core_assessment') return;
    const coreDone = workingDaysAfter(iaDone, rnd() < 0.72 ? between(15, 35) : between(36, 50));
    at(coreDone, async (context) => {
      await context.api(
        token(context, worker),
        'POST',
        `/core-assessments/${id(context, `${key}.core`)}/complete`,
        { completedAt: coreDone },
      );
    });
  }

  const referred: { childKey: string; where: Locality; on: IsoDate }[] = [];
  const referralDays = Array.from({ length: REFERRALS }, () =>
    dayIn(FIRST_DAY, addDays(LAST_DAY, -1)),
  ).sort();
  referralDays.forEach((referredAt, n) => {
    const earlier = referred.filter(
      (r) => daysBetween(r.on, referredAt) >= 14 && daysBetween(r.on, referredAt) <= 420,
    );
    let child: { childKey: string; where: Locality };
    if (earlier.length > 0 && rnd() < 0.2) {
      child = pick(earlier);
    } else {
      const where = pick(LOCALITIES).key;
      const childKey = `referral-child.${n}`;
      const dateOfBirth = dobFor(referredAt);
      at(referredAt, async (context) => {
        const created = await context.api(
          token(context, `manager.${where}`),
          'POST',
          '/children',
          childBody(where, id(context, `locality.${where}`), dateOfBirth),
        );
        context.ids.set(childKey, created.id as string);
      });
      child = { childKey, where };
    }
    referred.push({ ...child, on: referredAt });
    referralSteps({
      ...child,
      referredAt,
      by: rnd() < 0.5 ? `manager.${child.where}` : 'social.manager',
    });
  });

  // The plan report: figures from partner systems for the last 13 months (the authority and
  // each locality) and the school attendance of the two financial years closed, then the
  // commentary beside the quarter the dashboard opens on.
  at(LAST_DAY, async (context) => {
    const as = token(context, 'performance');
    const [lastYear, lastMonth] = LAST_DAY.split('-').map(Number);
    const months = Array.from({ length: 13 }, (_, m) => {
      const index = lastYear * 12 + (lastMonth - 1) - (12 - m);
      return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    });
    const shares: [Locality, number][] = [
      ['east', 0.34],
      ['west', 0.24],
      ['central', 0.42],
    ];
    for (const [code, typical] of ENTERED_MONTHLY) {
      for (const month of months) {
        const total = Math.max(0, Math.round(typical * (0.75 + rnd() * 0.5)));
        await context.api(as, 'PUT', `/plans/current/indicators/${code}/values`, {
          period: month,
          numerator: total,
          value: total,
        });
        for (const [where, share] of shares) {
          const figure = Math.round(total * share);
          await context.api(as, 'PUT', `/plans/current/indicators/${code}/values`, {
            period: month,
            localityId: id(context, `locality.${where}`),
            numerator: figure,
            value: figure,
          });
        }
      }
    }
    for (const [year, attendance] of [
      ['FY2024-25', 93.8],
      ['FY2025-26', 94.3],
    ] as const) {
      await context.api(as, 'PUT', '/plans/current/indicators/school_attendance_pct/values', {
        period: year,
        value: attendance,
      });
    }
    for (const [code, text] of [
      [
        'referrals',
        'Referrals rose in July with the end of the school year, as in earlier years; the front door is reviewing contacts from schools.',
      ],
      [
        'tier3_with_lead_professional_pct',
        'Two cases were without a lead professional at the quarter end while a new worker was appointed; both now have one.',
      ],
      [
        'areas_0_4_referrals_below_10_per_1000',
        'Cranford and Feltham remain above 10 per 1,000; outreach through their children’s centres continues.',
      ],
      [
        'children_missing_from_home',
        'Police figures; repeat episodes concern a small number of young people known to the exploitation panel.',
      ],
      ['service_starts', 'Two Triple P groups started in September; places are full to December.'],
    ] as const) {
      await context.api(as, 'PUT', `/plans/current/indicators/${code}/commentary`, {
        period: 'FY2026-27-Q2',
        text,
      });
    }
  });
  return steps;
}
