/**
 * Every queue and job of the service, in one place. Payloads carry IDs only; a handler
 * re-reads the database and returns early when there is nothing left to do.
 */
export const QUEUE_NAMES = { reminders: 'reminders' } as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Job names and their typed payloads. */
export interface JobPayloads {
  'reminder.deliver': { reminderId: string };
  /** An automatic snapshot staged in kpi_snapshot_schedule. */
  'kpi.snapshot': { scheduleId: string };
}

export const JOB_NAMES: readonly JobName[] = ['reminder.deliver', 'kpi.snapshot'];

export type JobName = keyof JobPayloads;

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;
