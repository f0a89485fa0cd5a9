/**
 * Teams' documented per-bot, per-thread limits (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
 * 7 operations per second, 8 per 2 s, 60 per 30 s, 1800 per hour. Staying under them avoids most 429s.
 */
export const TEAMS_THREAD_LIMITS: ReadonlyArray<{ windowMs: number; max: number }> = [
  { windowMs: 1_000, max: 7 },
  { windowMs: 2_000, max: 8 },
  { windowMs: 30_000, max: 60 },
  { windowMs: 3_600_000, max: 1_800 },
];

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Sliding-window limiter per key (a thread). `take` waits for a slot, or says how long it would have to wait. */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly limits: ReadonlyArray<{ windowMs: number; max: number }>,
    private readonly clock: Clock = systemClock,
  ) {
    this.longest = Math.max(...limits.map((l) => l.windowMs));
  }

  /** Earliest time a new operation on `key` fits every window. */
  private nextSlot(key: string, now: number): number {
    const times = this.sent.get(key) ?? [];
    let at = now;
    for (const { windowMs, max } of this.limits) {
      const inWindow = times.filter((t) => t > at - windowMs);
      if (inWindow.length >= max) at = Math.max(at, (inWindow[inWindow.length - max] ?? at) + windowMs);
    }
    return at;
  }

  /** Wait for a slot no later than `deadline`; returns false (without waiting) when none comes in time. */
  async take(key: string, deadline: number): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
    const now = this.clock.now();
    const at = this.nextSlot(key, now);
    if (at > deadline) return { ok: false, retryAfterMs: at - now };
    // Reserve the slot before sleeping so that concurrent callers queue behind it.
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - this.longest);
    times.push(at);
    times.sort((a, b) => a - b);
    this.sent.set(key, times);
    if (at > now) await this.clock.sleep(at - now);
    return { ok: true };
  }
}
