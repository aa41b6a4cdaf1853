/**
 * Every queue and job of the service, in one place. Payloads carry IDs only; a handler
 * re-reads the database and returns early when there is nothing left to do.
 */
export const QUEUE_NAMES = { reminders: 'reminders' } as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Job names and their typed payloads (the reminders feature adds its jobs here). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobPayloads {}

export type JobName = keyof JobPayloads;

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<void>;
