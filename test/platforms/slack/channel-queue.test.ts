import { describe, expect, it } from 'vitest';
import { ChannelQueue } from '../../../src/platforms/slack/channel-queue.js';

describe('per-channel queue', () => {
  it('spaces calls into one channel and keeps their order', async () => {
    const queue = new ChannelQueue(100);
    const starts: Array<[number, number]> = [];
    await Promise.all([1, 2, 3].map((n) => queue.run('C1', async () => void starts.push([n, Date.now()]))));
    expect(starts.map(([n]) => n)).toEqual([1, 2, 3]);
    expect(starts[1]![1] - starts[0]![1]).toBeGreaterThanOrEqual(95);
    expect(starts[2]![1] - starts[1]![1]).toBeGreaterThanOrEqual(95);
  });

  it('does not make one channel wait for another', async () => {
    const queue = new ChannelQueue(300);
    const begin = Date.now();
    await queue.run('C1', async () => undefined);
    const other = await queue.run('C2', async () => Date.now());
    expect(other - begin).toBeLessThan(250);
  });

  it('holds a paused channel until the pause ends, even after a failure', async () => {
    const queue = new ChannelQueue(0);
    await expect(queue.run('C1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    queue.pause('C1', 200);
    const begin = Date.now();
    const ran = await queue.run('C1', async () => Date.now());
    expect(ran - begin).toBeGreaterThanOrEqual(190);
  });
});
