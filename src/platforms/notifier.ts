import type { AlertView, ChartView } from '../core/alert-view.js';
import type { Destination, Platform } from '../core/plan.js';
import type { Suggestion } from '../core/respond/types.js';
import type { DigestView } from '../core/digest/view.js';

/** One thing to say about an incident. The first (`open`) creates the thread; every other goes in it. */
export type AlertMessage =
  | { kind: 'open'; view: AlertView }
  | { kind: 'update'; view: AlertView; previous: { stage: number; severity: number; negative: number } }
  | { kind: 'resolve'; view: AlertView }
  /** Refresh the parent to show who acknowledged, escalated, muted, resolved. */
  | { kind: 'state'; view: AlertView }
  | { kind: 'escalate'; view: AlertView; by: string }
  | { kind: 'suggestions'; view: AlertView; suggestion: Suggestion }
  | { kind: 'chart'; view: AlertView; chart: ChartView }
  /** A competitor's own crisis, as context: a message of its own in the plan's channel (not a thread of the team's). */
  | { kind: 'competitor'; view: AlertView; competitor: string }
  /** An unacknowledged alert, reminded in its thread with the escalation list mentioned. */
  | { kind: 'remind'; view: AlertView; afterMs: number }
  /** The same, as a direct message to one person of the escalation list. */
  | { kind: 'remind_dm'; view: AlertView; afterMs: number; user: string };

/** Messages that stand alone (a thread root): they return a handle, and are not posted twice once it is saved. */
export const STANDALONE_KINDS: ReadonlySet<AlertMessage['kind']> = new Set(['open', 'competitor']);

/** Platform-specific, opaque reference to the parent message of an incident (Slack channel+ts, Teams ids…). */
export type ThreadHandle = Record<string, string>;

export type NotifierErrorCode = 'rate_limited' | 'unavailable' | 'not_in_channel' | 'channel_not_found' | 'unauthorized' | 'rejected';

export class NotifierError extends Error {
  readonly code: NotifierErrorCode;
  readonly retryAfterMs?: number;
  constructor(code: NotifierErrorCode, message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NotifierError';
    this.code = code;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
  /** Temporary faults are retried from the outbox; the others need a human (invite the bot, fix the channel). */
  get temporary(): boolean {
    return this.code === 'rate_limited' || this.code === 'unavailable';
  }
}

/** What the outbox knows of earlier tries of a message. */
export interface DeliveryContext {
  /**
   * An `open` claimed before and never confirmed (a crash, a lost answer) was first tried then: its parent may
   * already be on the platform. A notifier that can look for it does, from a little before this time.
   */
  firstTriedAt?: number;
}

/** A chat platform as the pipeline sees it: deliver one message, get back the thread handle. */
export interface Notifier {
  readonly platform: Platform;
  /**
   * Deliver a message. `thread` is the handle returned when the incident was opened (undefined for `open`).
   * Returns the thread handle for `open`. Throws NotifierError.
   */
  deliver(
    message: AlertMessage,
    destination: Destination,
    thread: ThreadHandle | undefined,
    context?: DeliveryContext,
  ): Promise<ThreadHandle | undefined>;
  /** Post a plan's digest to its channel (outside any incident thread). Throws NotifierError. */
  postDigest?(digest: DigestView, destination: Destination): Promise<void>;
}
