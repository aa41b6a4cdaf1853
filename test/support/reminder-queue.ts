import { Queue } from 'bullmq';
import { Clock } from '../../src/common/clock/clock';
import { QUEUE_NAMES } from '../../src/common/queue/jobs';
import { bullConnectionOptions } from '../../src/common/queue/redis';
import type { TestApp } from './test-app';

/** The test app's reminder queue, read from the test (close it in afterAll). */
export function reminderQueue(t: TestApp): Queue {
  return new Queue(QUEUE_NAMES.reminders, {
    connection: bullConnectionOptions(t.settings),
    prefix: t.settings.env.redisPrefix,
  });
}

/**
 * Waits until nothing more can be delivered for these subjects, so that a test can count what
 * was delivered instead of sleeping first: no stage of theirs is pending and due by the app's
 * Clock, and no job of their stages is waiting, running, or delayed to a time already past. (A
 * job delayed to a later day may stay: it finds its stage done when it runs.)
 */
export async function remindersSettled(
  t: TestApp,
  queue: Queue,
  subjectIds: readonly string[],
  timeoutMs = 30_000,
): Promise<void> {
  const clock = t.app.get(Clock);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = (
      await t.sql.query<{ id: string; version: number; state: string; fire_at: Date }>(
        `SELECT id, version, state, fire_at FROM reminders WHERE subject_id = ANY($1::uuid[])`,
        [subjectIds],
      )
    ).rows;
    const busy: string[] = rows
      .filter((row) => row.state === 'pending' && row.fire_at <= clock.now())
      .map((row) => `stage ${row.id} pending`);
    for (const row of rows) {
      const jobId = `reminder-${row.id}-v${row.version}`;
      const job = await queue.getJob(jobId);
      if (!job) continue; // completed jobs are removed
      const state = await job.getState();
      const due = job.timestamp + (job.delay ?? 0) <= Date.now();
      if (['waiting', 'active', 'prioritized', 'waiting-children'].includes(state)) {
        busy.push(`job ${jobId} ${state}`);
      } else if (state === 'delayed' && due) {
        busy.push(`job ${jobId} due`);
      }
    }
    if (busy.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `reminders still running after ${timeoutMs} ms: ${busy.slice(0, 5).join(', ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
