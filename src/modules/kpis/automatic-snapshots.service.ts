import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { JobsQueue } from '../../common/queue/jobs.queue';
import { JobsWorker } from '../../common/queue/jobs.worker';
import { Database } from '../../database/database';
import { CalendarService } from '../calendar/calendar.service';
import { londonInstant } from '../../common/domain/london-time';
import { DEFAULT_SNAPSHOT_AFTER_WORKING_DAYS, indicatorsOf } from './domain/plan';
import { AUTOMATIC_SNAPSHOT_HOUR, periodKindsOf, periodsToStage } from './domain/snapshot-schedule';
import { KpisService } from './kpis.service';
import { PlansService } from './plans.service';
import { SnapshotScheduleRepository, type ScheduledSnapshot } from './snapshot-schedule.repository';

// Like the reminders' sweep (docs/domain.md#reminders-and-escalations): at start, every half minute, and when Redis comes back,
// the staged rows are the truth and the queue's jobs are re-created from them.
const SWEEP_EVERY_MS = 30_000;
const SWEEP_AHEAD_MS = 5 * 60_000;
const SWEEP_BATCH = 500;

export function snapshotJobIdOf(row: Pick<ScheduledSnapshot, 'id'>): string {
  return `kpi-snapshot-${row.id}`;
}

/**
 * Snapshots on their own (docs/domain.md#automatic-snapshots): stages each period the plan
 * reports with the instant its snapshot falls due (the plan's snapshotAfterWorkingDays-th working
 * day after it ends, 07:00 London), and queues a delayed job that takes it then. The database
 * holds the schedule, so a Redis that restarts empty loses nothing: the sweep re-creates the
 * jobs, and the handler (KpisService.automaticSnapshot) is safe to run twice.
 */
@Injectable()
export class AutomaticSnapshotsService
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('AutomaticSnapshots');
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly schedule: SnapshotScheduleRepository,
    private readonly plans: PlansService,
    private readonly kpis: KpisService,
    private readonly calendar: CalendarService,
    private readonly queue: JobsQueue,
    private readonly worker: JobsWorker,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.worker.register('kpi.snapshot', async ({ scheduleId }) => {
      await this.kpis.automaticSnapshot(scheduleId);
    });
  }

  onApplicationBootstrap(): void {
    if (!this.worker.running) return;
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
    this.queue.onReady(() => void this.sweep());
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /**
   * Stages the periods in progress and just closed for the plan in force, then queues every
   * pending row due before the next sweeps (deterministic job ids make repeats harmless) and
   * makes the overdue ones run now. Answers how many pending rows it queued.
   */
  async sweep(): Promise<number> {
    try {
      const today = this.clock.today();
      const active = await this.plans.get();
      const after = active.plan.snapshotAfterWorkingDays ?? DEFAULT_SNAPSHOT_AFTER_WORKING_DAYS;
      const periods = periodsToStage(
        periodKindsOf(indicatorsOf(active.plan).map((i) => i.frequency)),
        today,
      );
      const staged = await Promise.all(
        periods.map(async (period) => ({
          period: period.id,
          dueAt: londonInstant(
            (await this.calendar.addWorkingDays(period.to, after)).result,
            AUTOMATIC_SNAPSHOT_HOUR,
          ),
        })),
      );
      await this.db.transaction((sql) => this.schedule.stage(sql, staged, active.version));
      const now = this.clock.now().getTime();
      const pending = await this.db.read((sql) =>
        this.schedule.pendingBefore(sql, new Date(now + SWEEP_AHEAD_MS), SWEEP_BATCH),
      );
      await this.queue.addMany(
        'kpi.snapshot',
        pending.map((row) => ({
          payload: { scheduleId: row.id },
          jobId: snapshotJobIdOf(row),
          delayMs: row.dueAt.getTime() - now,
        })),
      );
      const overdue = pending.filter((row) => row.dueAt.getTime() <= now);
      if (overdue.length > 0) await this.queue.runDueNow(overdue.map(snapshotJobIdOf));
      return pending.length;
    } catch (error) {
      this.logger.warn(
        `Automatic snapshot sweep failed: ${error instanceof Error ? error.message : 'error'}`,
      );
      return 0;
    }
  }
}
