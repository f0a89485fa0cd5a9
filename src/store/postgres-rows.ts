import type { Plan } from '../core/plan.js';
import type { Incident } from '../core/incident/incident.js';
import type { OutboxItem } from '../core/outbox-item.js';

/** A plan's name as the per-workspace uniqueness constraint compares it: lower-cased as the embedded store does. */
export const nameKey = (plan: Plan): string => plan.name.toLowerCase();

/** The time retention counts an incident from: its resolution, or its last bucket while it is open. */
export const incidentEndsAt = (incident: Incident): number => incident.resolvedAt ?? incident.lastBucketAt;

/** An outbox row as `pg` returns it: bigint columns arrive as strings. */
export interface OutboxRow {
  id: string;
  seq: string;
  incident_id: string;
  plan_id: string;
  platform: OutboxItem['platform'];
  kind: string;
  payload: Record<string, unknown>;
  created_at: string;
  due_at: string;
  attempts: number;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  delivered_at: string | null;
}

/** Optional fields are absent, not null, as in the embedded store. */
export function rowToOutboxItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    incidentId: row.incident_id,
    planId: row.plan_id,
    platform: row.platform,
    kind: row.kind,
    payload: row.payload,
    createdAt: Number(row.created_at),
    dueAt: Number(row.due_at),
    attempts: row.attempts,
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.claimed_by !== null ? { claimedBy: row.claimed_by } : {}),
    ...(row.claimed_until !== null ? { claimedUntil: Number(row.claimed_until) } : {}),
    ...(row.delivered_at !== null ? { deliveredAt: Number(row.delivered_at) } : {}),
  };
}
