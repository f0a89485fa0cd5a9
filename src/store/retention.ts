/** How long the store keeps what it is not asked for any more (README, "Storage bounds"). */
export interface RetentionSettings {
  seenMs: number;
  bucketMs: number;
  incidentMs: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  seenMs: 30 * 86_400_000,
  bucketMs: 15 * 86_400_000,
  incidentMs: 180 * 86_400_000,
};

export const DELIVERED_OUTBOX_MS = 86_400_000;

/**
 * Posts waiting for the detector are taken when it steps their bucket, within minutes; any left this long (a plan
 * paused or removed before its step) are dropped by the periodic prune.
 */
export const PENDING_SAMPLES_MS = 2 * 86_400_000;
