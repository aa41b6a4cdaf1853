import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from '../support/processes';
import { ServiceProcess } from '../support/service-process';
import {
  TEST_REDIS_URL,
  TEST_SERVER_URL,
  TEST_TEMPLATE_DB,
  required,
  withDatabase,
} from '../support/test-env';
import {
  Authority,
  FAMILY_NAMES,
  LoadUser,
  MixedTraffic,
  londonToday,
  seededRandom,
} from './mixed-traffic';
import {
  Call,
  Recorder,
  WINDOW_MS,
  cpuSeconds,
  percentile,
  rssMiB,
  send,
  sendAtConstantRate,
} from './open-loop';

/**
 * docs/domain.md#qualities Reliability under sustained load: the built service (`node dist/src/main.js`) and
 * its queue worker (`node dist/src/worker.js`) as their own processes, on a fresh database,
 * given LOAD_DURATION_S seconds (default 600) of mixed traffic at LOAD_RATE requests a second
 * (default 40), sent at a constant rate whatever the service does. It must answer every
 * request, never with a 5xx, keep its memory steady, and keep child data out of its log.
 * `npm run test:load`; the figures go to stderr and to .data/load-summary.json.
 */

const ROOT = join(__dirname, '..', '..');
const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 600);
const WARMUP_S = Number(process.env.LOAD_WARMUP_S ?? Math.min(60, Math.max(10, DURATION_S / 10)));
const RATE = Number(process.env.LOAD_RATE ?? 40);
const SEED = Number(process.env.LOAD_SEED ?? 1);
const SAMPLE_EVERY_MS = 10_000;
/** Memory may settle higher after warm-up (heap sizing, caches) but not grow without bound. */
const RSS_GROWTH_LIMIT = 1.5;
const ADMIN_EMAIL = 'admin@load.continuum';
const ADMIN_PASSWORD = 'a long enough load-test admin password';
const PASSWORD = 'a long enough load-test password';

interface Sample {
  atS: number;
  phase: 'warm-up' | 'measured' | 'end';
  serviceMiB: number;
  workerMiB: number;
  /** The machine's one-minute load average: other work on a shared machine shows here. */
  loadAverage: number;
  inFlight: number;
}

const mib = (n: number): string => `${n.toFixed(1)} MiB`;
const ms = (n: number): string => (Number.isNaN(n) ? '-' : `${n.toFixed(1)}`);

describe('ten minutes of mixed traffic against the running service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-load-'));
  const serviceLog = join(dir, 'service.log');
  const workerLog = join(dir, 'worker.log');
  const database = `continuum_load_${randomBytes(6).toString('hex')}`;
  const serverUrl = required(TEST_SERVER_URL);
  const redisPrefix = `load-${database}`;
  let service: ServiceProcess | undefined;
  let worker: ServiceProcess | undefined;
  let sql: Client;
  let base: string;

  beforeAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${required(TEST_TEMPLATE_DB)}`);
    await admin.end();
    const port = await freePort();
    base = `http://127.0.0.1:${port}/api/v1`;
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: withDatabase(serverUrl, database),
      REDIS_URL: required(TEST_REDIS_URL),
      REDIS_PREFIX: redisPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dir,
      // Every request is logged, as in production, so the log can be searched for child data.
      LOG_LEVEL: 'info',
    };
    [service, worker] = await Promise.all([
      ServiceProcess.start(
        'main.js',
        { ...env, PORT: String(port), RUN_WORKER: 'false', ADMIN_EMAIL, ADMIN_PASSWORD },
        undefined,
        serviceLog,
      ),
      ServiceProcess.start('worker.js', env, 'Continuum worker started', workerLog),
    ]);
    sql = new Client({ connectionString: withDatabase(serverUrl, database) });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([service?.kill(), worker?.kill()]);
    await sql?.end();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(required(TEST_REDIS_URL));
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${redisPrefix}*`, count: 1000 }))
      keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.unlink(...keys);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A set-up request through the API; anything but `expect` stops the test. */
  async function api(
    token: string | null,
    method: string,
    path: string,
    body: object,
    expect: number,
  ) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { id: string; accessToken: string; message?: string };
    if (response.status !== expect)
      throw new Error(`${method} ${path}: ${response.status} ${json.message}`);
    return json;
  }

  const login = async (email: string, password: string): Promise<string> =>
    (await api(null, 'POST', '/auth/login', { email, password }, 200)).accessToken;

  /** Three localities with populations, agencies, and users of every role, through the admin API. */
  async function setUpAuthority(): Promise<Authority> {
    const admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const year = Number(londonToday().slice(0, 4));
    const localityIds: string[] = [];
    for (const name of ['East', 'West', 'Central']) {
      const locality = await api(
        admin,
        'POST',
        '/localities',
        { name, code: name.toUpperCase() },
        201,
      );
      for (const y of [year - 1, year])
        await api(
          admin,
          'PUT',
          `/localities/${locality.id}/population`,
          { year: y, bands: { '0-4': 4000, '5-9': 4200, '10-15': 5000, '16-17': 1600 } },
          200,
        );
      localityIds.push(locality.id);
    }
    const school = (
      await api(admin, 'POST', '/agencies', { name: 'Hillside School', type: 'school' }, 201)
    ).id;
    const care = (
      await api(
        admin,
        'POST',
        '/agencies',
        { name: 'Children’s Services', type: 'social_care' },
        201,
      )
    ).id;
    let n = 0;
    const user = async (
      role: string,
      agencyId: string,
      ids: string[],
      managerUserId?: string,
    ): Promise<LoadUser> => {
      const email = `${role}.${++n}@load.continuum`;
      const created = await api(
        admin,
        'POST',
        '/users',
        {
          email,
          displayName: `${role} ${n}`,
          role,
          agencyId,
          localityIds: ids,
          password: PASSWORD,
          ...(managerUserId ? { managerUserId } : {}),
        },
        201,
      );
      return { id: created.id, token: await login(email, PASSWORD) };
    };
    const practitioners: LoadUser[][] = [];
    const managers: LoadUser[] = [];
    for (const id of localityIds) {
      managers.push(await user('locality_manager', school, [id]));
      const team: LoadUser[] = [];
      for (let i = 0; i < 4; i++) team.push(await user('practitioner', school, [id]));
      practitioners.push(team);
    }
    const teamManager = await user('social_care', care, localityIds);
    const socialWorkers: LoadUser[] = [];
    for (let i = 0; i < 3; i++)
      socialWorkers.push(await user('social_care', care, localityIds, teamManager.id));
    const performanceManager = await user('performance_manager', school, []);
    return { localityIds, practitioners, managers, socialWorkers, performanceManager };
  }

  function routeTable(recorder: Recorder): string[][] {
    const rows = [...recorder.routes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, stats]) => [
        route,
        String(stats.latencies.length),
        [...stats.statuses.entries()].map(([status, count]) => `${status}×${count}`).join(' '),
        ms(percentile(stats.latencies, 50)),
        ms(percentile(stats.latencies, 95)),
        ms(percentile(stats.latencies, 99)),
        ms(Math.max(...stats.latencies)),
      ]);
    const all = recorder.allLatencies();
    rows.push([
      'all',
      String(all.length),
      Object.entries(recorder.statusCounts())
        .map(([status, count]) => `${status}×${count}`)
        .join(' '),
      ms(percentile(all, 50)),
      ms(percentile(all, 95)),
      ms(percentile(all, 99)),
      ms(Math.max(...all)),
    ]);
    return [
      ['route class', 'requests', 'statuses', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      ...rows,
    ];
  }

  const format = (rows: string[][]): string => {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
    return rows
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
      )
      .join('\n');
  };

  it(
    'answers every request without a 5xx, keeps its memory steady and child data out of its log',
    async () => {
      const authority = await setUpAuthority();
      const traffic = new MixedTraffic(authority, seededRandom(SEED));

      // A few hundred children, cases and referrals already at every step of their work.
      const setup = new Recorder();
      await traffic.seed(300, 100, 8, (call: Call) => send(base, call, setup));

      const samples: Sample[] = [];
      const inFlight = new Set<Promise<void>>();
      const t0 = performance.now();
      let phase: Sample['phase'] = 'warm-up';
      const sample = (): Sample => {
        const s = {
          atS: Math.round((performance.now() - t0) / 1000),
          phase,
          serviceMiB: rssMiB(service!.child.pid!),
          workerMiB: rssMiB(worker!.child.pid!),
          loadAverage: loadavg()[0],
          inFlight: inFlight.size,
        };
        samples.push(s);
        return s;
      };
      const sampler = setInterval(() => {
        if (performance.now() - t0 - samples[samples.length - 1].atS * 1000 > 2000) sample();
      }, SAMPLE_EVERY_MS);
      const warmUp = new Recorder(t0);
      const measured = new Recorder(t0);
      let maxSendLagMs = 0;
      let measuredSeconds = 0;
      let cpuAtStart = 0;
      let serviceCpuPct = 0;
      let baseline: Sample;
      let maxInFlight = 0;
      const inFlightWatch = setInterval(
        () => (maxInFlight = Math.max(maxInFlight, inFlight.size)),
        100,
      );
      try {
        sample();
        await sendAtConstantRate(
          base,
          RATE,
          WARMUP_S * 1000,
          () => traffic.next(),
          warmUp,
          inFlight,
        );
        phase = 'measured';
        baseline = sample();
        cpuAtStart = cpuSeconds(service!.child.pid!);
        const started = performance.now();
        ({ maxSendLagMs } = await sendAtConstantRate(
          base,
          RATE,
          DURATION_S * 1000,
          () => traffic.next(),
          measured,
          inFlight,
        ));
        await Promise.all([...inFlight]);
        measuredSeconds = (performance.now() - started) / 1000;
        serviceCpuPct = ((cpuSeconds(service!.child.pid!) - cpuAtStart) / measuredSeconds) * 100;
      } finally {
        clearInterval(sampler);
        clearInterval(inFlightWatch);
      }
      phase = 'end';
      const end = sample();
      const peak = Math.max(
        ...samples.filter((s) => s.phase !== 'warm-up').map((s) => s.serviceMiB),
      );
      const workerPeak = Math.max(
        ...samples.filter((s) => s.phase !== 'warm-up').map((s) => s.workerMiB),
      );
      // RSS swings with the requests in flight (a backlog on a busy machine holds sockets,
      // bodies and promises), so one sample at the end is noise. A leak raises the floor: the
      // least RSS over the last fifth of the run, end included, must stay within the bound.
      const lastFifth = samples.filter((s) => s.atS >= WARMUP_S + DURATION_S * 0.8);
      const floor = Math.min(...lastFifth.map((s) => s.serviceMiB));
      const windows = new Map<number, number[]>();
      for (const [window, latencies] of [...warmUp.windows, ...measured.windows])
        windows.set(window, [...(windows.get(window) ?? []), ...latencies]);
      const timeline = [...windows]
        .sort(([a], [b]) => a - b)
        .map(([window, latencies]) => ({
          fromS: (window * WINDOW_MS) / 1000,
          requests: latencies.length,
          p50: Number(percentile(latencies, 50).toFixed(1)),
          p99: Number(percentile(latencies, 99).toFixed(1)),
          max: Number(Math.max(...latencies).toFixed(1)),
        }));
      const measuredWindows = timeline.filter((w) => w.fromS >= WARMUP_S);
      const worstWindow = measuredWindows.reduce((a, b) => (b.p99 > a.p99 ? b : a));
      const calmWindows = measuredWindows.filter((w) => w.p99 < 1000).length;

      // What the service acknowledged is in the database; reminders were delivered meanwhile.
      const count = async (query: string): Promise<number> =>
        (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${query}`)).rows[0].n;
      const recorders = [setup, warmUp, measured];
      const acknowledged = (route: string, status: string): number =>
        recorders.reduce((sum, r) => sum + (r.routes.get(route)?.statuses.get(status) ?? 0), 0);
      const children = await count('children');
      const referrals = await count('referrals');
      const notifications = await count('notifications');

      // The service's own log: every request was logged, none of it names a child.
      const log = readFileSync(serviceLog, 'utf8');
      const logLines = log.split('\n').filter((line) => line.startsWith('{'));
      const errorLines = logLines.filter(
        (line) => ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50,
      );
      const namesInLog = FAMILY_NAMES.filter((name) =>
        log.toLowerCase().includes(name.toLowerCase()),
      );

      // And it still stops cleanly on SIGTERM after the run.
      service!.child.kill('SIGTERM');
      worker!.child.kill('SIGTERM');

      const all = measured.allLatencies();
      const summary = {
        ranAt: new Date().toISOString(),
        rateRequestsPerSecond: RATE,
        mixPercent: traffic.mix,
        warmUpSeconds: WARMUP_S,
        durationSeconds: DURATION_S,
        measuredSeconds: Number(measuredSeconds.toFixed(1)),
        achievedRequestsPerSecond: Number((measured.issued / measuredSeconds).toFixed(2)),
        maxSendLagMs: Number(maxSendLagMs.toFixed(1)),
        maxInFlight,
        machine: {
          cpus: cpus().length,
          loadAverageMean: Number(
            (samples.reduce((sum, s) => sum + s.loadAverage, 0) / samples.length).toFixed(2),
          ),
          loadAverageMax: Number(Math.max(...samples.map((s) => s.loadAverage)).toFixed(2)),
          serviceCpuPercentOfOneCore: Number(serviceCpuPct.toFixed(1)),
        },
        setUpRequests: setup.issued,
        requests: {
          warmUp: warmUp.issued,
          measured: measured.issued,
          answered: warmUp.answered + measured.answered,
          serverErrors: setup.serverErrors + warmUp.serverErrors + measured.serverErrors,
          connectionErrors:
            setup.connectionErrors + warmUp.connectionErrors + measured.connectionErrors,
          unexpectedStatuses:
            setup.unexpectedCount + warmUp.unexpectedCount + measured.unexpectedCount,
        },
        statuses: measured.statusCounts(),
        latencyMs: {
          p50: Number(percentile(all, 50).toFixed(1)),
          p95: Number(percentile(all, 95).toFixed(1)),
          p99: Number(percentile(all, 99).toFixed(1)),
          max: Number(Math.max(...all).toFixed(1)),
        },
        routes: Object.fromEntries(
          [...measured.routes.entries()].map(([route, stats]) => [
            route,
            {
              requests: stats.latencies.length,
              statuses: Object.fromEntries(stats.statuses),
              p50: Number(percentile(stats.latencies, 50).toFixed(1)),
              p95: Number(percentile(stats.latencies, 95).toFixed(1)),
              p99: Number(percentile(stats.latencies, 99).toFixed(1)),
              max: Number(Math.max(...stats.latencies).toFixed(1)),
            },
          ]),
        ),
        serviceRssMiB: {
          beforeWarmUp: Number(samples[0].serviceMiB.toFixed(1)),
          afterWarmUp: Number(baseline!.serviceMiB.toFixed(1)),
          end: Number(end.serviceMiB.toFixed(1)),
          max: Number(peak.toFixed(1)),
          floorOfLastFifth: Number(floor.toFixed(1)),
          bound: Number((baseline!.serviceMiB * RSS_GROWTH_LIMIT).toFixed(1)),
          drift: Number((end.serviceMiB - baseline!.serviceMiB).toFixed(1)),
          driftPct: Number(
            (((end.serviceMiB - baseline!.serviceMiB) / baseline!.serviceMiB) * 100).toFixed(1),
          ),
        },
        workerRssMiB: {
          afterWarmUp: Number(baseline!.workerMiB.toFixed(1)),
          end: Number(end.workerMiB.toFixed(1)),
          max: Number(workerPeak.toFixed(1)),
        },
        latencyTimeline: {
          windowSeconds: WINDOW_MS / 1000,
          measuredWindows: measuredWindows.length,
          windowsWithP99Under1s: calmWindows,
          worst: worstWindow,
          windows: timeline,
        },
        rssSamples: {
          columns: ['seconds', 'phase', 'service MiB', 'worker MiB', 'load average', 'in flight'],
          rows: samples.map((s) => [
            s.atS,
            s.phase,
            Number(s.serviceMiB.toFixed(1)),
            Number(s.workerMiB.toFixed(1)),
            Number(s.loadAverage.toFixed(2)),
            s.inFlight,
          ]),
        },
        database: { children, referrals, notificationsDelivered: notifications },
        serviceLog: {
          lines: logLines.length,
          errorLines: errorLines.length,
          childNamesFound: namesInLog.length,
        },
        unexpected: [...setup.unexpected, ...warmUp.unexpected, ...measured.unexpected],
        scriptErrors: [...setup.scriptErrors, ...warmUp.scriptErrors, ...measured.scriptErrors],
      };
      mkdirSync(join(ROOT, '.data'), { recursive: true });
      writeFileSync(
        join(ROOT, '.data', 'load-summary.json'),
        `${JSON.stringify(summary, null, 2)}\n`,
      );
      process.stderr.write(
        [
          '',
          `load: ${RATE} requests/s for ${DURATION_S} s after ${WARMUP_S} s of warm-up ` +
            `(${measured.issued} requests measured, ${summary.achievedRequestsPerSecond}/s achieved, ` +
            `max send lag ${summary.maxSendLagMs} ms, max in flight ${maxInFlight})`,
          format(routeTable(measured)),
          `service RSS: ${mib(samples[0].serviceMiB)} before warm-up, ${mib(baseline!.serviceMiB)} after warm-up, ${mib(end.serviceMiB)} at the end, ` +
            `${mib(peak)} max; drift ${summary.serviceRssMiB.drift} MiB (${summary.serviceRssMiB.driftPct}%); ` +
            `floor of the last fifth ${mib(floor)} (bound ${mib(summary.serviceRssMiB.bound)})`,
          `latency by 10-s window: ${calmWindows} of ${measuredWindows.length} with p99 under 1 s; ` +
            `worst p99 ${worstWindow.p99} ms (from ${worstWindow.fromS} s)`,
          `worker RSS: ${mib(baseline!.workerMiB)} after warm-up, ${mib(end.workerMiB)} at the end, ${mib(workerPeak)} max`,
          `machine: ${cpus().length} cores, load average ${summary.machine.loadAverageMean} mean, ` +
            `${summary.machine.loadAverageMax} max; the service used ${summary.machine.serviceCpuPercentOfOneCore}% of one core`,
          `database: ${children} children, ${referrals} referrals, ${notifications} reminders delivered; ` +
            `service log: ${logLines.length} lines, ${errorLines.length} at error level, ` +
            `${namesInLog.length} child names`,
          `summary: .data/load-summary.json`,
          '',
        ].join('\n'),
      );

      expect(summary.scriptErrors).toEqual([]);
      expect(summary.unexpected).toEqual([]);
      expect(summary.requests.serverErrors).toBe(0);
      expect(summary.requests.connectionErrors).toBe(0);
      expect(summary.requests.answered).toBe(warmUp.issued + measured.issued);
      expect(floor).toBeLessThan(baseline!.serviceMiB * RSS_GROWTH_LIMIT);
      expect(children).toBe(acknowledged('POST /children', '201'));
      expect(referrals).toBe(acknowledged('POST /referrals', '201'));
      expect(notifications).toBeGreaterThan(0);
      expect(errorLines).toEqual([]);
      // Every request was logged (so the search for child names below means something).
      expect(logLines.length).toBeGreaterThan(setup.issued + warmUp.issued + measured.issued);
      expect(namesInLog).toEqual([]);
      expect((await service!.exit).code).toBe(0);
      expect((await worker!.exit).code).toBe(0);
    },
    (WARMUP_S + DURATION_S) * 1000 + 10 * 60_000,
  );
});
