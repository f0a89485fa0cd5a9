import type { Platform } from '../core/plan.js';
import type { Incident } from '../core/incident/incident.js';
import type { Plan } from '../core/plan.js';
import { NotifierError, STANDALONE_KINDS } from '../platforms/notifier.js';
import type { AlertMessage, Notifier } from '../platforms/notifier.js';
import type { Store } from '../store/store.js';
import { firstTriedAt, type OutboxItem } from '../core/outbox-item.js';
import type { Logger } from '../log.js';

export interface OutboxDeps {
  store: Store;
  notifiers: Map<Platform, Notifier>;
  /** This instance's name: claims are leased to it, so two instances never deliver the same message. */
  owner: string;
  message(item: OutboxItem, incident: Incident, plan: Plan): Promise<AlertMessage | undefined>;
  now(): number;
  logger: Logger;
  leaseMs?: number;
  /** Told after each message is delivered (e.g. to add reworded drafts later). Must not throw. */
  delivered?(item: OutboxItem, incident: Incident, plan: Plan): void;
}

const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;
const WAIT_FOR_PARENT_MS = 10_000;
const WAIT_FOR_INCIDENT_MS = 5 * 60_000;
const INCIDENT_RETRY_MS = 1_000;

function backoff(attempts: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts, 16));
}

/**
 * Delivers queued alerts. A message is claimed before the platform call and confirmed after it; a temporary
 * failure (rate limit, outage) puts it back with a delay, a permanent one (bot not in the channel) too, with a
 * longer delay and an error in the log: nothing is dropped while its incident exists. An `open` whose parent is
 * already posted (a restart between posting and confirming) is confirmed without posting again; one claimed before
 * and never confirmed is handed to the notifier with its first try's time, so that it can look for the parent first.
 */
export function createOutbox(deps: OutboxDeps) {
  const { store, logger } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  /** `claimedAt`: when this claim was taken; a parent first tried before it may already be posted. */
  const deliverOne = async (item: OutboxItem, claimedAt: number): Promise<boolean> => {
    const now = deps.now();
    const log = logger.child({ planId: item.planId, incidentId: item.incidentId, outboxId: item.id, kind: item.kind });
    const [plan, incident] = await Promise.all([store.plans.getById(item.planId), store.incidents.get(item.incidentId)]);
    // The pipeline saves an incident before queueing its messages, but not in one transaction with them, and a
    // dump can be imported while instances run: an incident not found yet is looked for again before giving up.
    if (plan && !incident && now - item.createdAt < WAIT_FOR_INCIDENT_MS) {
      await store.outbox.retry(item.id, now + INCIDENT_RETRY_MS, 'waiting for its incident to be saved');
      return false;
    }
    if (!plan || !incident) {
      log.warn('alert dropped: its plan or incident was removed');
      await store.outbox.delivered(item.id, now);
      return false;
    }
    const notifier = deps.notifiers.get(item.platform);
    if (!notifier) {
      log.warn('alert kept pending: its platform is not configured in this process', { platform: item.platform });
      await store.outbox.retry(item.id, now + RETRY_MAX_MS, `platform ${item.platform} not configured`);
      return false;
    }
    const thread = await store.threads.get(incident.id, item.platform);
    const standalone = STANDALONE_KINDS.has(item.kind as AlertMessage['kind']);
    if (standalone && thread) {
      await store.outbox.delivered(item.id, now);
      return false;
    }
    if (!standalone && !thread) {
      await store.outbox.retry(item.id, now + WAIT_FOR_PARENT_MS, 'waiting for the parent message');
      return false;
    }
    const message = await deps.message(item, incident, plan);
    if (!message) {
      await store.outbox.delivered(item.id, now);
      return false;
    }
    try {
      const tried = firstTriedAt(item);
      const context = item.kind === 'open' && tried !== undefined && tried < claimedAt ? { firstTriedAt: tried } : {};
      const handle = await notifier.deliver(message, plan.destination, thread?.ref, context);
      if (standalone && handle) await store.threads.save({ incidentId: incident.id, platform: item.platform, ref: handle });
      await store.outbox.delivered(item.id, deps.now());
      deps.delivered?.(item, incident, plan);
      return true;
    } catch (error) {
      const temporary = error instanceof NotifierError && error.temporary;
      const code = error instanceof NotifierError ? error.code : 'internal';
      const delay =
        error instanceof NotifierError && error.retryAfterMs !== undefined ? error.retryAfterMs : temporary ? backoff(item.attempts) : RETRY_MAX_MS;
      (temporary ? log.warn : log.error)('alert not delivered, kept pending', { code, error, attempts: item.attempts + 1, retryInMs: delay });
      await store.outbox.retry(item.id, deps.now() + delay, `${code}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  /** Deliver what is due now; returns how many messages went out. */
  const flush = async (): Promise<number> => {
    let sent = 0;
    for (;;) {
      const claimedAt = deps.now();
      const batch = await store.outbox.claim(deps.owner, claimedAt, leaseMs, 20);
      if (batch.length === 0) return sent;
      for (const item of batch) if (await deliverOne(item, claimedAt)) sent += 1;
    }
  };

  const guardedFlush = (): Promise<number> => {
    running ??= flush()
      .catch((error: unknown) => {
        logger.error('outbox flush failed', { error });
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  return {
    flush: guardedFlush,
    start(intervalMs: number): void {
      timer = setInterval(() => void guardedFlush(), intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
