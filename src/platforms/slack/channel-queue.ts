const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls into one channel run one at a time, spaced by `intervalMs` (Slack allows about one message per second per
 * channel); a 429 pauses that channel only. Different channels do not wait for each other.
 */
export class ChannelQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly notBefore = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  run<T>(channel: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = (this.notBefore.get(channel) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        this.pause(channel, this.intervalMs);
      }
    });
    const tail = result.catch(() => undefined);
    this.tails.set(channel, tail);
    // Forget idle channels, so that a long-running process does not keep one entry per channel ever used.
    void tail.then(() => {
      if (this.tails.get(channel) === tail) this.tails.delete(channel);
    });
    return result;
  }

  /** Nothing goes into `channel` before `ms` from now (never shortens an existing pause). */
  pause(channel: string, ms: number): void {
    const until = Date.now() + ms;
    if (until > (this.notBefore.get(channel) ?? 0)) this.notBefore.set(channel, until);
  }
}
