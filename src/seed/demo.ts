import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../bootstrap';
import { AuditLog } from '../common/audit/audit-log';
import { Passwords } from '../common/auth/passwords';
import { Clock } from '../common/clock/clock';
import { ConfigError, loadEnv } from '../config/env';
import { Settings } from '../config/settings';
import { Database } from '../database/database';
import { migrate } from '../database/migrate';
import { prepareRuntime } from '../runtime/local-services';
import { UsersRepository } from '../modules/users/users.repository';
import { AgenciesRepository } from '../modules/agencies/agencies.repository';
import type { IsoDate } from '../common/domain/iso-date';
import {
  demoPlan,
  demoReferenceData,
  DEMO_PASSWORD,
  DEMO_ADMIN_EMAIL,
  type Step,
} from './demo-plan';
import { DEMO_SEEDED_ACTION, DemoSeedRepository } from './demo-seed.repository';

/** Something on the database stops the seed before it writes anything. */
class SeedRefused extends Error {}

/**
 * npm run seed:demo — a demo authority (3 localities, users of every role, a few hundred CAF
 * cases, two and a half years of referrals and assessments) written through the service's own
 * HTTP API, in date order with the clock moved to each day, so that histories, audit rows and
 * reminders are exactly what real use would leave. Deterministic (seeded). Either it
 * completes, or it refuses before writing anything, naming what is in the way (a locality,
 * agency or user the demo would create, e.g. from an earlier run that stopped part-way); its
 * last step marks the demo complete, and a later run that finds the mark does nothing.
 * Refuses to run in production.
 */
async function main(): Promise<void> {
  const env = loadEnv({
    ...process.env,
    RUN_WORKER: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  if (env.nodeEnv === 'production') {
    process.stderr.write('seed:demo refuses to run with NODE_ENV=production\n');
    process.exit(1);
  }
  const runtime = await prepareRuntime(env, (line) => process.stdout.write(`${line}\n`));
  try {
    await migrate(runtime.databaseUrl);
    const settings = new Settings(env, runtime.databaseUrl, runtime.redisUrl, runtime.jwtSecret);
    const app = await createHttpApp(settings);
    await app.listen(0, '127.0.0.1');
    try {
      await seed(
        app.get(Database),
        app,
        `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await runtime.stop();
  }
}

type App = Awaited<ReturnType<typeof createHttpApp>>;

async function seed(db: Database, app: App, baseUrl: string): Promise<void> {
  const seeds = new DemoSeedRepository();
  if (await db.read((sql) => seeds.isComplete(sql))) {
    process.stdout.write(
      `The demo is already seeded: sign in as ${DEMO_ADMIN_EMAIL} (password ${DEMO_PASSWORD}).\n`,
    );
    return;
  }
  const inTheWay = await db.read((sql) => seeds.inTheWay(sql, demoReferenceData()));
  if (inTheWay.length > 0) {
    throw new SeedRefused(
      [
        'seed:demo wrote nothing: this database already has records the demo creates itself:',
        ...inTheWay.map((what) => `  ${what}`),
        'Run it on an empty database (README, "Demo data", says how to start again).',
      ].join('\n'),
    );
  }
  // The demo admin, as the first-admin start-up step makes one.
  const passwordHash = await app.get(Passwords).hash(DEMO_PASSWORD);
  await db.transaction(async (sql) => {
    const agencies = app.get(AgenciesRepository);
    const agency =
      (await agencies.findFirst(sql)) ?? (await agencies.insert(sql, 'Local authority', 'other'));
    const id = await app.get(UsersRepository).insert(sql, {
      email: DEMO_ADMIN_EMAIL,
      displayName: 'Demo administrator',
      role: 'admin',
      agencyId: agency.id,
      localityIds: [],
      managerUserId: null,
      passwordHash,
    });
    await app.get(AuditLog).record(
      sql,
      { id: null, requestId: 'seed-demo', ip: null },
      {
        action: 'user.demo_admin_created',
        entityType: 'user',
        entityId: id,
      },
    );
  });

  // Every later step goes through HTTP with the clock standing on its day.
  const clock = app.get(Clock);
  let today: IsoDate = '2024-04-01';
  clock.now = () => new Date(`${today}T11:00:00Z`);
  const api = async (token: string | null, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `${method} ${path} on ${today} answered ${response.status}: ${text.slice(0, 300)}`,
      );
    }
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };

  const steps: Step[] = demoPlan(process.env.DEMO_SIZE === 'small' ? 'small' : 'full');
  const started = Date.now();
  let done = 0;
  // Stable sort: the steps of one record keep their order on the same day.
  const ordered = steps
    .map((step, index) => ({ step, index }))
    .sort((a, b) => (a.step.on === b.step.on ? a.index - b.index : a.step.on < b.step.on ? -1 : 1));
  const context = { api, tokens: new Map<string, string>(), ids: new Map<string, string>() };
  for (const { step } of ordered) {
    today = step.on;
    await step.run(context);
    done += 1;
    if (done % 500 === 0 || done === ordered.length) {
      process.stdout.write(
        `  ${done} / ${ordered.length} steps (${Math.round((Date.now() - started) / 1000)} s)\n`,
      );
    }
  }
  // The last step: only a demo that is all there is marked complete.
  await db.transaction((sql) =>
    app
      .get(AuditLog)
      .record(
        sql,
        { id: null, requestId: 'seed-demo', ip: null },
        { action: DEMO_SEEDED_ACTION, entityType: 'demo', entityId: null },
      ),
  );
  process.stdout.write(
    [
      '',
      'The demo authority is ready: East, West and Central, cases and referrals from April 2024 to September 2026.',
      `Demo password for every demo user: ${DEMO_PASSWORD} (demo only)`,
      `  admin               ${DEMO_ADMIN_EMAIL}`,
      '  performance manager performance@demo.continuum',
      '  locality managers   manager.east@demo.continuum, manager.west@…, manager.central@…',
      '  practitioners       practitioner1.east@demo.continuum (…2, and for west, central)',
      '  social care         social1@demo.continuum … social3@demo.continuum, their manager social.manager@demo.continuum',
      'Start the service (npm start), sign in as performance@demo.continuum and open /dashboard?to=FY2026-27-Q2',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SeedRefused)
    process.stderr.write(`${error.message}\n`);
  else
    process.stderr.write(
      `seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  process.exit(1);
});
