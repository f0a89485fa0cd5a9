import { lastDigestPeriod } from '../../core/digest/schedule.js';
import type { Plan, Platform } from '../../core/plan.js';
import { planTimeZone } from '../../core/time-zone.js';
import type { Logger } from '../../log.js';
import type { Notifier } from '../../platforms/notifier.js';
import type { Store } from '../../store/store.js';
import { digestOf } from './digest-data.js';

/** A period is posted only this long after it ends: an instance down for longer skips it (and says so). */
const GRACE_MS = 6 * 3_600_000;
/** How long one instance holds a period while it posts: past it, another instance may take it over. */
const LEASE_MS = 5 * 60_000;

/** Where a plan's digest progress is kept: beside its detector state, so it moves with it in dumps and is found across instances. */
export const digestMarkerKey = (planId: string): string => `${planId}:digest`;

interface Marker {
  /** End of the last period posted (or skipped because nothing happened). */
  doneTo?: number;
  /** A period being posted, by whom, until when. */
  claimedTo?: number;
  claimedBy?: string;
  claimedUntil?: number;
}

export interface Digests {
  /** Post the digests that are due; returns how many went out. */
  tick(): Promise<number>;
}

/**
 * Per plan, its digest once per period across instances and restarts: the period is claimed under the plan's lock
 * (an advisory lock on PostgreSQL) in a marker stored with the plan's detector state, posted, then marked done.
 * A failed post releases the claim and is tried again at the next tick.
 */
export function createDigests(deps: {
  store: Store;
  notifiers: Map<Platform, Notifier>;
  owner: string;
  /** The zone of plans without their own (`VIGIE_TIMEZONE`): periods start and end at the plan's local time. */
  timeZone: string;
  now(): number;
  logger: Logger;
}): Digests {
  const { store, logger } = deps;

  const claim = (plan: Plan, to: number, now: number): Promise<boolean> =>
    store.withPlanLock(plan.id, async () => {
      const marker = ((await store.detector.get(digestMarkerKey(plan.id))) ?? {}) as Marker;
      if ((marker.doneTo ?? 0) >= to) return false;
      // Held by someone (this instance's other tick included) whose lease runs: theirs to post.
      if (marker.claimedTo === to && (marker.claimedUntil ?? 0) > now) return false;
      await store.detector.save(digestMarkerKey(plan.id), { ...marker, claimedTo: to, claimedBy: deps.owner, claimedUntil: now + LEASE_MS });
      return true;
    });

  const settle = (plan: Plan, to: number, done: boolean): Promise<void> =>
    store.withPlanLock(plan.id, async () => {
      const marker = ((await store.detector.get(digestMarkerKey(plan.id))) ?? {}) as Marker;
      const { claimedTo: _to, claimedBy: _by, claimedUntil: _until, ...rest } = marker;
      await store.detector.save(digestMarkerKey(plan.id), done ? { ...rest, doneTo: Math.max(rest.doneTo ?? 0, to) } : rest);
    });

  const one = async (plan: Plan, now: number): Promise<boolean> => {
    const schedule = plan.digest;
    if (!schedule) return false;
    const zone = planTimeZone(plan, deps.timeZone);
    const period = lastDigestPeriod(schedule, zone, now);
    if (period.to <= plan.created.at) return false;
    const log = logger.child({ planId: plan.id, periodEnd: new Date(period.to).toISOString() });
    if (now - period.to > GRACE_MS) {
      const marker = ((await store.detector.get(digestMarkerKey(plan.id))) ?? {}) as Marker;
      if ((marker.doneTo ?? 0) < period.to) log.debug('digest period missed (no instance ran when it was due)');
      return false;
    }
    const notifier = deps.notifiers.get(plan.destination.platform);
    if (!notifier?.postDigest) return false;
    if (!(await claim(plan, period.to, now))) return false;
    try {
      const digest = await digestOf(store, plan, schedule, { ...period, timeZone: zone });
      if (!digest) {
        log.info('digest skipped: nothing happened');
        await settle(plan, period.to, true);
        return false;
      }
      await notifier.postDigest(digest, plan.destination);
      await settle(plan, period.to, true);
      log.info('digest posted', { negative: digest.volume.negative, incidents: digest.incidents.opened });
      return true;
    } catch (error) {
      log.warn('digest not posted, tried again later', { code: 'digest_failed', error });
      await settle(plan, period.to, false);
      return false;
    }
  };

  return {
    async tick() {
      const now = deps.now();
      let posted = 0;
      for (const plan of await store.plans.listActive()) {
        if (plan.digest && (await one(plan, now))) posted += 1;
      }
      return posted;
    },
  };
}
