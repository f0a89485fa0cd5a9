import type { Plan, Platform, Scope } from '../core/plan.js';
import type { Bucket } from '../core/detect/types.js';
import type { Sample } from '../core/incident/incident.js';
import type { Incident } from '../core/incident/incident.js';
import type { StoreDump } from './dump.js';
import type { Feedback } from '../core/incident/feedback.js';
import type { ThreadRef } from '../core/incident/thread-ref.js';
import type { OutboxItem } from '../core/outbox-item.js';
import type { SourceState } from '../core/source-state.js';
import type { Correction } from '../core/corrections/correction.js';

/**
 * Persistence behind one small async interface, grouped by what is stored. The embedded default is lowdb
 * (`store/lowdb.ts`); a PostgreSQL implementation replaces it without touching the core or the pipeline.
 */
export interface Store {
  plans: PlanRepo;
  sources: SourceStateRepo;
  seen: SeenRepo;
  buckets: BucketRepo;
  evidence: EvidenceRepo;
  detector: DetectorStateRepo;
  incidents: IncidentRepo;
  threads: ThreadRepo;
  feedback: FeedbackRepo;
  outbox: OutboxRepo;
  installations: InstallationRepo;
  nonces: NonceRepo;
  corrections: CorrectionRepo;
  /** Run `fn` with exclusive access to one plan's detector and incident state (a mutex here, a lock in a database). */
  withPlanLock<T>(planId: string, fn: () => Promise<T>): Promise<T>;
  /** Drop what is older than the retention bounds (see README, "Storage bounds"). */
  prune(now: number): Promise<PruneReport>;
  /** Everything stored, in the neutral dump format (`vigie export`): the interface above cannot read seen ids. */
  exportAll(): Promise<StoreDump>;
  /** Load a dump into an empty store, all or nothing (`vigie import`); StoreError('not_empty') otherwise. */
  importAll(dump: StoreDump): Promise<void>;
  /** Is the store reachable (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface PruneReport {
  seen: number;
  buckets: number;
  incidents: number;
  outbox: number;
}

export interface PlanRepo {
  /** Plans of one workspace only. */
  list(scope: Scope): Promise<Plan[]>;
  /** Every active plan of every workspace: for the scheduler and the pipeline only, never for a user. */
  listActive(): Promise<Plan[]>;
  get(scope: Scope, name: string): Promise<Plan | undefined>;
  getById(id: string): Promise<Plan | undefined>;
  /** Insert or replace (by id). Names are unique per workspace. */
  save(plan: Plan): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface SourceStateRepo {
  get(key: string): Promise<SourceState | undefined>;
  save(state: SourceState): Promise<void>;
  listForPlan(planId: string): Promise<SourceState[]>;
  removeForPlan(planId: string, keys?: string[]): Promise<void>;
}

export interface SeenRepo {
  /**
   * Record ids as seen for one source and return those that were not seen before, in input order. With `keep`,
   * the source's seen ids beyond the `keep` most recently seen are forgotten (a size bound on top of the age bound).
   */
  markNew(sourceKey: string, ids: string[], now: number, keep?: number): Promise<string[]>;
}

export interface BucketRepo {
  /** Add counts to buckets (creating them). Buckets are keyed by their start. */
  add(planId: string, increments: Bucket[]): Promise<void>;
  /** Buckets with `from <= start < to`, ordered by start. */
  range(planId: string, from: number, to: number): Promise<Bucket[]>;
}

/**
 * Negative mentions of buckets the detector has not stepped over yet: they become the samples (top posts, sources,
 * links) of the incident their bucket opens or updates. Kept in the store, so that a restart between a poll and the
 * step of its buckets does not leave an incident with counts but no evidence ("Seen on: -").
 */
export interface EvidenceRepo {
  /** Keep these samples, by bucket start; beyond `perBucket` in one bucket, only the heaviest are kept. */
  add(planId: string, byBucket: ReadonlyMap<number, Array<{ sample: Sample; weight: number }>>, perBucket: number): Promise<void>;
  /** The samples of every bucket that starts at or before `upTo`, heaviest first per bucket, removed from the store. */
  take(planId: string, upTo: number): Promise<Map<number, Sample[]>>;
}

export interface DetectorStateRepo {
  get(planId: string): Promise<unknown | undefined>;
  save(planId: string, state: unknown): Promise<void>;
}

export interface IncidentRepo {
  get(id: string): Promise<Incident | undefined>;
  /** The open incident of a plan: at most one. */
  open(planId: string): Promise<Incident | undefined>;
  save(incident: Incident): Promise<void>;
  /** Most recent first. */
  list(planId: string, limit: number): Promise<Incident[]>;
  /** Incidents whose id starts with `prefix` (the short id an alert shows), at most `limit`, in id order. */
  withPrefix(prefix: string, limit: number): Promise<Incident[]>;
}

export interface ThreadRepo {
  get(incidentId: string, platform: Platform): Promise<ThreadRef | undefined>;
  save(ref: ThreadRef): Promise<void>;
}

export interface FeedbackRepo {
  add(feedback: Feedback): Promise<void>;
  list(planId: string): Promise<Feedback[]>;
}

export interface OutboxRepo {
  add(item: OutboxItem): Promise<void>;
  /**
   * Add unless an item with this id exists (delivered or not): false when it did. With ids derived from what the
   * item is (a reminder's incident and step), several instances and restarts queue it once.
   */
  addOnce(item: OutboxItem): Promise<boolean>;
  /** Claim up to `limit` due, undelivered items not claimed by a live owner, oldest first, per incident in order. */
  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<OutboxItem[]>;
  delivered(id: string, now: number): Promise<void>;
  /** Release a claimed item for a later try. */
  retry(id: string, dueAt: number, error: string): Promise<void>;
  pending(): Promise<OutboxItem[]>;
}

/** Sentiment corrections, per workspace: one per post (the latest verdict replaces an earlier one). */
export interface CorrectionRepo {
  save(correction: Correction): Promise<void>;
  /** One workspace's corrections, oldest first. */
  list(scope: Scope): Promise<Correction[]>;
  /** Every workspace's corrections, oldest first: for `vigie corrections export` only, never for a user. */
  all(): Promise<Correction[]>;
}

/** Platform installations and conversation references (Slack OAuth installs, Teams conversation references). */
export interface InstallationRepo {
  get(platform: Platform, key: string): Promise<Record<string, unknown> | undefined>;
  save(platform: Platform, key: string, value: Record<string, unknown>): Promise<void>;
  remove(platform: Platform, key: string): Promise<void>;
  list(platform: Platform): Promise<Array<{ key: string; value: Record<string, unknown> }>>;
}

/**
 * One-time values of signed requests (a Slack request's signature), remembered until they expire so that a request
 * replayed while its signature is still valid is refused: in the process for lowdb (one process per data folder),
 * in a table shared by every instance for PostgreSQL.
 */
export interface NonceRepo {
  /** Remember `nonce` until `expiresAt`; false when it is already remembered and not expired (a replay). */
  claim(nonce: string, expiresAt: number, now: number): Promise<boolean>;
}
