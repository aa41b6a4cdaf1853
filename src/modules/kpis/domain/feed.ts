/**
 * The indicator feed's columns, in their published order (README: "The indicator feed"). A
 * values file an admin loads may carry all of them, so that a feed file loads back.
 */
export const FEED_COLUMNS = [
  'period',
  'from',
  'to',
  'indicator_code',
  'metric',
  'title',
  'unit',
  'locality_id',
  'locality_code',
  'locality_name',
  'numerator',
  'denominator',
  'value',
  'target',
  'rag',
  'suppressed',
  'snapshot_id',
  'snapshot_taken_at',
  'baseline_period',
  'baseline_value',
  'lead_agency',
  'lead_officer',
  'monitored_by',
  'commentary',
] as const;

export type FeedColumn = (typeof FEED_COLUMNS)[number];
