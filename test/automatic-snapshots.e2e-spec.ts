import { Queue } from 'bullmq';
import { Clock } from '../src/common/clock/clock';
import { QUEUE_NAMES } from '../src/common/queue/jobs';
import { bullConnectionOptions } from '../src/common/queue/redis';
import { AutomaticSnapshotsService } from '../src/modules/kpis/automatic-snapshots.service';
import { KpisService } from '../src/modules/kpis/kpis.service';
import { TestApp, startTestApp } from './support/test-app';

/**
 * Snapshots on their own: a closed period is snapshotted on the 10th working day after it ends
 * (07:00 London), once per period and plan version, from durable rows that survive a Redis that
 * loses its jobs. 30 June 2011 + 10 working days = Thursday 14 July 2011; 31 July 2011 + 10 =
 * Friday 12 August 2011.
 */
describe('automatic snapshots', () => {
  let t: TestApp;
  let clock: Clock;
  let admin: string;
  let sweeps: AutomaticSnapshotsService;

  beforeAll(async () => {
    t = await startTestApp({ RUN_WORKER: 'true' });
    clock = t.app.get(Clock);
    admin = await t.adminToken();
    sweeps = t.app.get(AutomaticSnapshotsService);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => t.close());

  const at = (instant: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(instant));

  async function snapshotsOf(period: string) {
    const response = await t
      .http()
      .get(`/api/v1/kpis/snapshots?period=${period}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    return response.body as { id: string; current: boolean }[];
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function automatic(period: string) {
    const rows = await t.sql.query(
      'SELECT id, plan_version FROM kpi_snapshots WHERE period = $1 AND automatic',
      [period],
    );
    return rows.rows;
  }

  it('stages a closed quarter and takes nothing before its 10th working day', async () => {
    at('2011-07-13T12:00:00Z');
    await sweeps.sweep();
    const staged = await t.sql.query(
      `SELECT due_at, state FROM kpi_snapshot_schedule WHERE period = 'FY2011-12-Q1'`,
    );
    expect(staged.rows).toEqual([
      { due_at: new Date('2011-07-14T06:00:00Z'), state: 'pending' }, // 07:00 BST
    ]);
    const id = (
      await t.sql.query(`SELECT id FROM kpi_snapshot_schedule WHERE period = 'FY2011-12-Q1'`)
    ).rows[0].id as string;
    expect(await t.app.get(KpisService).automaticSnapshot(id)).toBe('not_due');
    expect(await snapshotsOf('FY2011-12-Q1')).toEqual([]);
  });

  it('takes exactly one automatic snapshot once it falls due, however often the work runs', async () => {
    at('2011-07-14T06:01:00Z');
    await sweeps.sweep();
    const taken = await until(
      () => automatic('FY2011-12-Q1'),
      (rows) => rows.length > 0,
    );
    expect(taken).toHaveLength(1);
    // The same job again, the sweep again, the handler twice: still one.
    await sweeps.sweep();
    const ids = await t.sql.query(
      `SELECT id FROM kpi_snapshot_schedule WHERE period = 'FY2011-12-Q1'`,
    );
    const kpis = t.app.get(KpisService);
    expect(await kpis.automaticSnapshot(ids.rows[0].id)).toBe('done');
    expect(await kpis.automaticSnapshot(ids.rows[0].id)).toBe('done');
    expect(await automatic('FY2011-12-Q1')).toHaveLength(1);
    const published = await t
      .http()
      .get('/api/v1/kpis?period=FY2011-12-Q1')
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(published.body.snapshot).toMatchObject({ id: taken[0].id });
  });

  it('leaves an admin’s recompute working as before, keeping the automatic snapshot', async () => {
    at('2011-07-20T12:00:00Z');
    const recomputed = await t
      .http()
      .post('/api/v1/kpis/snapshots')
      .auth(admin, { type: 'bearer' })
      .send({ period: 'FY2011-12-Q1', recompute: true })
      .expect(201);
    const automaticId = (await automatic('FY2011-12-Q1'))[0].id;
    expect(recomputed.body.supersedes).toBe(automaticId);
    const all = await snapshotsOf('FY2011-12-Q1');
    expect(all).toHaveLength(2);
    expect(all.find((s) => s.current)?.id).toBe(recomputed.body.id);
    // A later sweep takes no second automatic snapshot of the period.
    await sweeps.sweep();
    expect(await automatic('FY2011-12-Q1')).toHaveLength(1);
  });

  it('takes a period’s snapshot even when Redis lost every queued job', async () => {
    at('2011-08-10T12:00:00Z');
    await sweeps.sweep(); // July staged and its job queued, due 12 August
    const queue = new Queue(QUEUE_NAMES.reminders, {
      connection: bullConnectionOptions(t.settings),
      prefix: t.settings.env.redisPrefix,
    });
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
    at('2011-08-12T06:30:00Z');
    await sweeps.sweep();
    const taken = await until(
      () => automatic('2011-07'),
      (rows) => rows.length > 0,
    );
    expect(taken).toHaveLength(1);
  });

  it('skips a period an admin snapshotted before it fell due', async () => {
    at('2011-09-02T12:00:00Z');
    await t
      .http()
      .post('/api/v1/kpis/snapshots')
      .auth(admin, { type: 'bearer' })
      .send({ period: '2011-08' })
      .expect(201);
    at('2011-09-15T06:30:00Z');
    await sweeps.sweep();
    const row = await until(
      () => t.sql.query(`SELECT state FROM kpi_snapshot_schedule WHERE period = '2011-08'`),
      (result) => result.rows[0]?.state !== 'pending',
    );
    expect(row.rows[0].state).toBe('skipped');
    expect(await automatic('2011-08')).toHaveLength(0);
    expect(await snapshotsOf('2011-08')).toHaveLength(1);
  });
});
