import type { Call } from './open-loop';

/**
 * The traffic of one authority's working day, one request at a time: practitioners take
 * children from registration through the CAF and the TAC to closure, social care takes
 * referrals through decision and assessments, locality managers page through cases and
 * search for children, and the performance manager reads the indicators and the feed.
 * Each multi-step piece of work is a pipeline whose next step is sent only once the previous
 * one has been answered, so that every request is one a correct service accepts.
 */

export interface LoadUser {
  id: string;
  token: string;
}

export interface Authority {
  localityIds: string[];
  /** Per locality, in the order of `localityIds`. */
  practitioners: LoadUser[][];
  managers: LoadUser[];
  socialWorkers: LoadUser[];
  performanceManager: LoadUser;
}

/** A small seeded PRNG (mulberry32), so that a run's mix can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Amelia', 'Oliver', 'Isla', 'Harry', 'Ava', 'Jack', 'Mia', 'Noah', 'Ella', 'Leo'];
const FAMILY = [
  'Ashworth',
  'Blackwood',
  'Cartwright',
  'Dunmore',
  'Eversley',
  'Fairbanks',
  'Greenhalgh',
  'Hollingsworth',
  'Ingleby',
  'Kettlewell',
  'Lockwood',
  'Merriweather',
  'Northcott',
  'Ormerod',
  'Pendlebury',
  'Quarmby',
  'Rushworth',
  'Sowerby',
  'Thistlethwaite',
  'Uttley',
];
/** The family names the children get, so that the test can look for them in the service's log. */
export const FAMILY_NAMES: readonly string[] = FAMILY;

const ELEMENTS = [
  'general_health',
  'speech_language_communication',
  'emotional_social_development',
  'behavioural_development',
  'participation_in_learning_education_employment',
  'basic_care_safety_protection',
  'guidance_boundaries_stimulation',
  'housing_employment_financial',
  'social_community_resources',
];

/** Today and a few dates around it, as calendar dates in Europe/London. */
export function londonToday(now = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The financial-year quarter a date falls in (`FY2025-26-Q3`), and the one `back` before it. */
export function quarterOf(date: string, back = 0): string {
  const [year, month] = date.split('-').map(Number);
  const index = (month >= 4 ? year : year - 1) * 4 + Math.floor(((month + 8) % 12) / 3) - back;
  const fy = Math.floor(index / 4);
  return `FY${fy}-${String((fy + 1) % 100).padStart(2, '0')}-Q${(index % 4) + 1}`;
}

interface Pipeline {
  /** The next request, or null when the work is done. */
  next(): Call | null;
}

interface KnownChild {
  id: string;
  locality: number;
}

export class MixedTraffic {
  private readonly casesReady: Pipeline[] = [];
  private readonly referralsReady: Pipeline[] = [];
  /** Children and records created so far, for the reads. */
  readonly children: KnownChild[] = [];
  readonly cases: { id: string; owner: LoadUser }[] = [];
  readonly referrals: string[] = [];
  /** Children whose referral work is finished, to be referred again (re-referrals). */
  private readonly referredChildren: string[] = [];
  private readonly caseListCursors = new Map<LoadUser, string | null>();
  private readonly today = londonToday();
  private readonly currentQuarter = quarterOf(this.today);
  private readonly lastQuarter = quarterOf(this.today, 1);

  constructor(
    private readonly authority: Authority,
    private readonly random: () => number,
    /** Pipelines kept open at once; new work starts only below it, as in a steady team. */
    private readonly openWorkTarget = 150,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private takeRandom(pool: Pipeline[]): Pipeline | undefined {
    if (pool.length === 0) return undefined;
    const index = Math.floor(this.random() * pool.length);
    const [taken] = pool.splice(index, 1);
    return taken;
  }

  /** The next request of a pipeline; the pipeline returns to `pool` once answered, if not done. */
  private advance(pipeline: Pipeline, pool: Pipeline[]): Call | null {
    const call = pipeline.next();
    if (!call) return null;
    const then = call.then;
    return {
      ...call,
      then: (body) => {
        then?.(body);
        pool.push(pipeline);
      },
    };
  }

  private work(pool: Pipeline[], start: () => Pipeline): Call {
    const startNew = pool.length < this.openWorkTarget && this.random() < 0.15;
    for (;;) {
      const pipeline = (!startNew && this.takeRandom(pool)) || start();
      const call = this.advance(pipeline, pool);
      if (call) return call;
    }
  }

  // ---- practitioners: from registration to a case closed as needs met ----

  newCase(): Pipeline {
    const locality = Math.floor(this.random() * this.authority.localityIds.length);
    const team = this.authority.practitioners[locality];
    const owner = this.pick(team);
    const colleague = team[(team.indexOf(owner) + 1) % team.length];
    const steps = this.caseSteps(locality, owner, colleague);
    let step = 0;
    return { next: () => (step < steps.length ? steps[step++]() : null) };
  }

  private caseSteps(locality: number, owner: LoadUser, colleague: LoadUser): (() => Call)[] {
    const s = {
      child: '',
      case: '',
      version: 0,
      tier: 2,
      meeting: '',
      item: '',
      itemVersion: 0,
    };
    const by = (user: LoadUser) => ({ token: user.token });
    const elements = () =>
      ELEMENTS.filter(() => this.random() < 0.4).map((code) => ({
        code,
        level: this.random() < 0.3 ? 2 : 1,
      }));
    return [
      () => ({
        ...by(owner),
        route: 'POST /children',
        method: 'POST',
        path: '/children',
        body: this.childBody(locality),
        expect: 201,
        then: (b: { id: string }) => {
          s.child = b.id;
          this.children.push({ id: b.id, locality });
        },
      }),
      () => ({
        ...by(owner),
        route: 'POST /cases',
        method: 'POST',
        path: '/cases',
        body: { childId: s.child },
        expect: 201,
        then: (b: { id: string; assessment: { version: number } }) => {
          s.case = b.id;
          s.version = b.assessment.version;
          this.cases.push({ id: b.id, owner });
        },
      }),
      () => ({
        ...by(owner),
        route: 'PUT /cases/:id/assessment',
        method: 'PUT',
        path: `/cases/${s.case}/assessment`,
        body: { elements: elements(), strengths: 'Close to grandparents', version: s.version },
        expect: 200,
        then: (b: { version: number }) => (s.version = b.version),
      }),
      () => ({
        ...by(owner),
        route: 'PUT /cases/:id/assessment',
        method: 'PUT',
        path: `/cases/${s.case}/assessment`,
        body: {
          elements: [{ code: 'general_health', level: 1 }, ...elements()].filter(
            (e, i, all) => all.findIndex((other) => other.code === e.code) === i,
          ),
          strengths: 'Close to grandparents; enjoys school',
          needsSummary: 'Needs support at home and at school',
          childViews: 'Wants to see friends more',
          parentViews: 'Would like help with routines',
          version: s.version,
        },
        expect: 200,
        then: (b: { version: number }) => (s.version = b.version),
      }),
      () => ({
        ...by(owner),
        route: 'POST /cases/:id/consent',
        method: 'POST',
        path: `/cases/${s.case}/consent`,
        body: {
          givenBy: 'Parent',
          relationship: 'parent',
          givenAt: new Date(Date.now() - 60_000).toISOString(),
          scope: ['assessment', 'information_sharing'],
        },
        expect: 201,
      }),
      () => ({
        ...by(owner),
        route: 'POST /cases/:id/assessment/complete',
        method: 'POST',
        path: `/cases/${s.case}/assessment/complete`,
        body: {},
        expect: 200,
        then: (b: { suggestedTier: number }) => (s.tier = b.suggestedTier),
      }),
      () => ({
        ...by(owner),
        route: 'POST /cases/:id/tier',
        method: 'POST',
        path: `/cases/${s.case}/tier`,
        body: { tier: s.tier },
        expect: 200,
      }),
      () => ({
        ...by(owner),
        route: 'POST /cases/:id/tac/members',
        method: 'POST',
        path: `/cases/${s.case}/tac/members`,
        body: { userId: colleague.id, role: 'Family support worker' },
        expect: 201,
      }),
      () => ({
        ...by(owner),
        route: 'PUT /cases/:id/lead-professional',
        method: 'PUT',
        path: `/cases/${s.case}/lead-professional`,
        body: { userId: colleague.id, reason: 'Knows the family' },
        expect: 200,
      }),
      () => ({
        ...by(colleague),
        route: 'POST /cases/:id/tac/meetings',
        method: 'POST',
        path: `/cases/${s.case}/tac/meetings`,
        body: { scheduledAt: new Date().toISOString(), location: 'Children’s centre' },
        expect: 201,
        then: (b: { id: string }) => (s.meeting = b.id),
      }),
      () => ({
        ...by(colleague),
        route: 'POST /tac-meetings/:id/record',
        method: 'POST',
        path: `/tac-meetings/${s.meeting}/record`,
        body: {
          heldAt: new Date().toISOString(),
          attendeeUserIds: [colleague.id],
          familyAttended: this.random() < 0.8,
          notes: 'Plan agreed',
        },
        expect: 200,
      }),
      () => ({
        ...by(colleague),
        route: 'POST /cases/:id/action-items',
        method: 'POST',
        path: `/cases/${s.case}/action-items`,
        body: {
          need: 'general_health',
          action: 'Health visitor review',
          ownerUserId: colleague.id,
          dueDate: addDays(this.today, 30),
        },
        expect: 201,
        then: (b: { id: string; version: number }) => {
          s.item = b.id;
          s.itemVersion = b.version;
        },
      }),
      () => ({
        ...by(colleague),
        route: 'PATCH /action-items/:id',
        method: 'PATCH',
        path: `/action-items/${s.item}`,
        body: { status: 'implemented', version: s.itemVersion },
        expect: 200,
      }),
      () => ({
        ...by(colleague),
        route: 'POST /cases/:id/close',
        method: 'POST',
        path: `/cases/${s.case}/close`,
        body: { reason: 'needs_met' },
        expect: 200,
      }),
    ];
  }

  private childBody(locality: number): object {
    const year = 2008 + Math.floor(this.random() * 16);
    const day = String(1 + Math.floor(this.random() * 28)).padStart(2, '0');
    const month = String(1 + Math.floor(this.random() * 12)).padStart(2, '0');
    return {
      givenName: this.pick(GIVEN),
      familyName: this.pick(FAMILY),
      dateOfBirth: `${year}-${month}-${day}`,
      gender: this.pick(['male', 'female', 'unknown']),
      localityId: this.authority.localityIds[locality],
    };
  }

  // ---- social care: referral, decision, initial and core assessments ----

  newReferral(): Pipeline {
    const worker = this.pick(this.authority.socialWorkers);
    // Some children come back: their referral is checked for a re-referral.
    const again = this.referredChildren.length > 0 && this.random() < 0.3;
    const s = {
      child: again ? this.pick(this.referredChildren) : '',
      referral: '',
      initial: '',
      core: '',
      done: false,
    };
    // Referred up to three weeks ago: late work raises its reminders at once, for the worker.
    const referredAt = addDays(this.today, -Math.floor(this.random() * 21));
    const finish = () => {
      s.done = true;
      this.referredChildren.push(s.child);
    };
    const by = { token: worker.token };
    const steps: (() => Call)[] = [
      () => ({
        ...by,
        route: 'POST /referrals',
        method: 'POST',
        path: '/referrals',
        body: {
          childId: s.child,
          referredAt,
          source: this.pick(['school', 'health', 'police']),
          reason: 'Concern raised',
        },
        expect: 201,
        then: (b: { id: string }) => {
          s.referral = b.id;
          this.referrals.push(b.id);
        },
      }),
      () => {
        const outcome =
          this.random() < 0.75
            ? 'initial_assessment'
            : this.pick(['no_further_action', 'signposted_universal']);
        return {
          ...by,
          route: 'POST /referrals/:id/decision',
          method: 'POST',
          path: `/referrals/${s.referral}/decision`,
          body: { outcome, decidedAt: referredAt },
          expect: 200,
          then: () => {
            if (outcome !== 'initial_assessment') finish();
          },
        };
      },
      () => ({
        ...by,
        route: 'POST /referrals/:id/initial-assessment',
        method: 'POST',
        path: `/referrals/${s.referral}/initial-assessment`,
        body: { assignedToUserId: worker.id },
        expect: 201,
        then: (b: { id: string }) => (s.initial = b.id),
      }),
      () => {
        const outcome = this.random() < 0.6 ? 'core_assessment' : 'services_provided';
        return {
          ...by,
          route: 'POST /initial-assessments/:id/complete',
          method: 'POST',
          path: `/initial-assessments/${s.initial}/complete`,
          body: { completedAt: this.today, outcome },
          expect: 200,
          then: () => {
            if (outcome !== 'core_assessment') finish();
          },
        };
      },
      () => ({
        ...by,
        route: 'POST /core-assessments',
        method: 'POST',
        path: '/core-assessments',
        body: {
          initialAssessmentId: s.initial,
          commencedAt: this.today,
          assignedToUserId: worker.id,
        },
        expect: 201,
        then: (b: { id: string }) => (s.core = b.id),
      }),
      () => ({
        ...by,
        route: 'POST /core-assessments/:id/complete',
        method: 'POST',
        path: `/core-assessments/${s.core}/complete`,
        body: { completedAt: this.today },
        expect: 200,
        then: finish,
      }),
    ];
    if (!again) {
      const locality = Math.floor(this.random() * this.authority.localityIds.length);
      steps.unshift(() => ({
        ...by,
        route: 'POST /children',
        method: 'POST',
        path: '/children',
        body: this.childBody(locality),
        expect: 201,
        then: (b: { id: string }) => {
          s.child = b.id;
          this.children.push({ id: b.id, locality });
        },
      }));
    }
    let step = 0;
    return { next: () => (!s.done && step < steps.length ? steps[step++]() : null) };
  }

  // ---- the mix ----

  /** Per cent of all requests, by who sends them and what for. */
  readonly mix: Record<string, number> = {
    'practitioner CAF and TAC writes': 30,
    'social care referral and assessment writes': 15,
    'practitioner reads (case, my cases, notifications)': 12,
    'social care reads (referral, list, notifications)': 5,
    'locality manager case list pages': 12,
    'locality manager child search': 10,
    'locality manager child record': 3,
    'performance manager indicators': 8,
    'performance manager feed': 5,
  };

  private readonly senders: (() => Call)[] = [
    () => this.work(this.casesReady, () => this.newCase()),
    () => this.work(this.referralsReady, () => this.newReferral()),
    () => this.practitionerRead(),
    () => this.socialCareRead(),
    () => this.caseListPage(),
    () => this.childSearch(),
    () => this.childRead(),
    () => this.indicators(),
    () => this.feed(),
  ];

  /** The next request of the mix. */
  next(): Call {
    let roll = this.random() * 100;
    const weights = Object.values(this.mix);
    for (let i = 0; i < weights.length - 1; i++) {
      if (roll < weights[i]) return this.senders[i]();
      roll -= weights[i];
    }
    return this.senders[weights.length - 1]();
  }

  private practitionerRead(): Call {
    const known = this.cases.length > 0 && this.random() < 0.7 ? this.pick(this.cases) : null;
    if (known) {
      return {
        route: 'GET /cases/:id',
        token: known.owner.token,
        method: 'GET',
        path: `/cases/${known.id}`,
        expect: 200,
      };
    }
    const user = this.pick(this.pick(this.authority.practitioners));
    return this.random() < 0.5
      ? {
          route: 'GET /cases/mine',
          token: user.token,
          method: 'GET',
          path: '/cases/mine?limit=20',
          expect: 200,
        }
      : {
          route: 'GET /notifications',
          token: user.token,
          method: 'GET',
          path: '/notifications?limit=20',
          expect: 200,
        };
  }

  private socialCareRead(): Call {
    const worker = this.pick(this.authority.socialWorkers);
    const roll = this.random();
    if (roll < 0.5 && this.referrals.length > 0) {
      return {
        route: 'GET /referrals/:id',
        token: worker.token,
        method: 'GET',
        path: `/referrals/${this.pick(this.referrals)}`,
        expect: 200,
      };
    }
    return roll < 0.8
      ? {
          route: 'GET /referrals',
          token: worker.token,
          method: 'GET',
          path: '/referrals?limit=20',
          expect: 200,
        }
      : {
          route: 'GET /notifications',
          token: worker.token,
          method: 'GET',
          path: '/notifications?limit=20',
          expect: 200,
        };
  }

  /** A locality manager pages through their cases, 50 at a time, back to the start at the end. */
  private caseListPage(): Call {
    const manager = this.pick(this.authority.managers);
    const cursor = this.caseListCursors.get(manager) ?? null;
    return {
      route: 'GET /cases (page)',
      token: manager.token,
      method: 'GET',
      path: `/cases?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      expect: 200,
      then: (b: { nextCursor: string | null }) => this.caseListCursors.set(manager, b.nextCursor),
    };
  }

  private childSearch(): Call {
    const locality = Math.floor(this.random() * this.authority.localityIds.length);
    const name = this.pick(FAMILY);
    const q = name.slice(0, 3 + Math.floor(this.random() * (name.length - 2))).toLowerCase();
    return {
      route: 'GET /children?q=',
      token: this.authority.managers[locality].token,
      method: 'GET',
      path: `/children?q=${encodeURIComponent(q)}&limit=20`,
      expect: 200,
    };
  }

  private childRead(): Call {
    if (this.children.length === 0) return this.childSearch();
    const child = this.pick(this.children);
    return {
      route: 'GET /children/:id',
      token: this.authority.managers[child.locality].token,
      method: 'GET',
      path: `/children/${child.id}`,
      expect: 200,
    };
  }

  private indicators(): Call {
    const locality = this.random() < 0.5 ? null : this.pick(this.authority.localityIds);
    return {
      route: 'GET /kpis',
      token: this.authority.performanceManager.token,
      method: 'GET',
      path: `/kpis?period=${this.currentQuarter}${locality ? `&localityId=${locality}` : ''}`,
      expect: 200,
    };
  }

  private feed(): Call {
    const format = this.random() < 0.5 ? 'json' : 'csv';
    return {
      route: 'GET /kpis/feed',
      token: this.authority.performanceManager.token,
      method: 'GET',
      path: `/kpis/feed?period=${this.lastQuarter}&format=${format}`,
      expect: 200,
    };
  }

  // ---- set-up: work already under way before the traffic starts ----

  /**
   * Starts `cases` and `referrals` pipelines and takes each to a random step, `concurrency`
   * at a time, through `send`; the unfinished ones join the pools the traffic advances.
   */
  async seed(
    cases: number,
    referrals: number,
    concurrency: number,
    send: (call: Call) => Promise<void>,
  ): Promise<void> {
    const jobs = [
      ...Array.from({ length: cases }, () => [this.newCase(), this.casesReady, 14] as const),
      ...Array.from(
        { length: referrals },
        () => [this.newReferral(), this.referralsReady, 7] as const,
      ),
    ];
    let nextJob = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (nextJob < jobs.length) {
          const [pipeline, pool, length] = jobs[nextJob++];
          const steps = 1 + Math.floor(this.random() * length);
          for (let i = 0; i < steps; i++) {
            const call = pipeline.next();
            if (!call) break;
            let ok = false;
            await send({
              ...call,
              then: (b) => {
                ok = true;
                call.then?.(b);
              },
            });
            if (!ok) throw new Error(`set-up request ${call.route} was refused`);
          }
          pool.push(pipeline);
        }
      }),
    );
  }
}
