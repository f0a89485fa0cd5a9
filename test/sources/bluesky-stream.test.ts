import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/core/mention.js';
import { createBlueskyStreamSource } from '../../src/sources/bluesky-stream.js';
import type { Source } from '../../src/sources/source.js';
import { type FakeJetstream, postEvent, startFakeJetstream } from '../fakes/jetstream.js';
import { contextFor, planWith } from './context.js';

const T0 = Date.now() * 1000;
const acme = planWith({ brand: 'acme OR "acme air"' }, { id: 'plan-acme' });
const other = planWith({ brand: 'globex' }, { id: 'plan-globex', languages: ['fr'] });
const spec = { kind: 'bluesky-stream' as const };

/** Poll until `count` mentions have come, as the scheduler would, accumulating the cursor. */
async function pollUntil(source: Source, plan = acme, count: number, state: { cursor?: unknown; seen: Mention[] }): Promise<void> {
  for (let i = 0; i < 200 && state.seen.length < count; i += 1) {
    const result = await source.fetch(contextFor(plan, spec, { cursor: state.cursor }));
    state.seen.push(...result.mentions);
    if (result.cursor !== undefined) state.cursor = result.cursor;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('bluesky-stream source', () => {
  let jetstream: FakeJetstream;
  let source: Source & { close(): Promise<void> };

  beforeEach(async () => {
    jetstream = await startFakeJetstream();
    source = createBlueskyStreamSource({ blueskyStreamUrl: jetstream.url, blueskyStreamReconnectMs: 20, blueskyStreamRewindMs: 3 });
  });
  afterEach(async () => {
    await source.close();
    await jetstream.close();
  });

  it('first poll connects once for the process; later polls drain the posts matching each plan', async () => {
    const first = await source.fetch(contextFor(acme, spec));
    expect(first.mentions).toEqual([]);
    await source.fetch(contextFor(other, spec));
    await jetstream.connected(1);
    jetstream.publish(postEvent(T0 + 1, 'did:plc:alice', '3kaaa', 'Acme Air lost my bag'));
    jetstream.publish(postEvent(T0 + 2, 'did:plc:bob', '3kbbb', 'nothing to see'));
    jetstream.publish(postEvent(T0 + 3, 'did:plc:cy', '3kccc', 'Globex est en panne', 'fr'));
    jetstream.publish({
      did: 'did:plc:dan',
      time_us: T0 + 4,
      kind: 'commit',
      commit: { rev: 'r', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3kaaa' },
    });
    jetstream.publish({ did: 'did:plc:dan', time_us: T0 + 5, kind: 'identity' });
    const state = { seen: [] as Mention[] };
    await pollUntil(source, acme, 1, state);
    expect(state.seen).toEqual([
      {
        id: 'at://did:plc:alice/app.bsky.feed.post/3kaaa',
        sourceKind: 'bluesky-stream',
        url: 'https://bsky.app/profile/did:plc:alice/post/3kaaa',
        author: 'did:plc:alice',
        text: 'Acme Air lost my bag',
        lang: 'en',
        publishedAt: Math.floor((T0 + 1) / 1000),
      },
    ]);
    const globex = { seen: [] as Mention[] };
    await pollUntil(source, other, 1, globex);
    expect(globex.seen.map((m) => m.text)).toEqual(['Globex est en panne']);
    expect(jetstream.connections).toEqual([undefined]);
  });

  it('incremental polls return only what came since the previous poll, and the cursor follows the stream', async () => {
    const state: { cursor?: unknown; seen: Mention[] } = { seen: [] };
    await source.fetch(contextFor(acme, spec));
    await jetstream.connected(1);
    jetstream.publish(postEvent(T0 + 10, 'did:plc:a', 'r1', 'acme one'));
    await pollUntil(source, acme, 1, state);
    jetstream.publish(postEvent(T0 + 20, 'did:plc:a', 'r2', 'acme two'));
    jetstream.publish(postEvent(T0 + 30, 'did:plc:a', 'r3', 'unrelated'));
    await pollUntil(source, acme, 2, state);
    expect(state.seen.map((m) => m.text)).toEqual(['acme one', 'acme two']);
    // The non-matching event is read too: the cursor reaches it, so a restart will not replay it.
    for (let i = 0; i < 100 && (state.cursor as { timeUs: number }).timeUs < T0 + 30; i += 1) {
      const result = await source.fetch(contextFor(acme, spec, { cursor: state.cursor }));
      expect(result.mentions).toEqual([]);
      if (result.cursor !== undefined) state.cursor = result.cursor;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(state.cursor).toEqual({ timeUs: T0 + 30 });
  });

  it('a dropped WebSocket resumes from its cursor, minus a rewind, without losing or duplicating posts', async () => {
    const state: { cursor?: unknown; seen: Mention[] } = { seen: [] };
    await source.fetch(contextFor(acme, spec));
    await jetstream.connected(1);
    for (let i = 0; i < 5; i += 1) jetstream.publish(postEvent(T0 + 1000 + i, 'did:plc:a', `before${i}`, `acme before ${i}`));
    await pollUntil(source, acme, 5, state);
    jetstream.drop();
    // Published while the client is disconnected: only the replay from the cursor can bring them.
    for (let i = 0; i < 5; i += 1) jetstream.publish(postEvent(T0 + 1005 + i, 'did:plc:a', `during${i}`, `acme during ${i}`));
    await jetstream.connected(2);
    for (let i = 0; i < 3; i += 1) jetstream.publish(postEvent(T0 + 1010 + i, 'did:plc:a', `after${i}`, `acme after ${i}`));
    await pollUntil(source, acme, 13, state);
    await new Promise((r) => setTimeout(r, 100));
    await pollUntil(source, acme, 14, state);
    expect(jetstream.connections[1]).toBe(T0 + 1004 - 3000);
    const ids = state.seen.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(state.seen.map((m) => m.text)).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `acme before ${i}`),
      ...[0, 1, 2, 3, 4].map((i) => `acme during ${i}`),
      ...[0, 1, 2].map((i) => `acme after ${i}`),
    ]);
  });

  it('after a restart, replays from the saved cursor and skips what was already delivered', async () => {
    for (let i = 0; i < 4; i += 1) jetstream.publish(postEvent(T0 + 2000 + i, 'did:plc:a', `old${i}`, `acme old ${i}`));
    // The previous process delivered old0 and old1: its cursor is old1's time.
    const state: { cursor?: unknown; seen: Mention[] } = { cursor: { timeUs: T0 + 2001 }, seen: [] };
    await pollUntil(source, acme, 2, state);
    expect(jetstream.connections[0]).toBe(T0 + 2001 - 3000);
    expect(state.seen.map((m) => m.text)).toEqual(['acme old 2', 'acme old 3']);
  });

  it('skips unreadable events and keeps going', async () => {
    await source.fetch(contextFor(acme, spec));
    await jetstream.connected(1);
    jetstream.publish({
      did: 'did:plc:x',
      time_us: T0 + 3000,
      kind: 'commit',
      commit: { rev: 'r', operation: 'create', collection: 'app.bsky.feed.post', rkey: 'k', record: { text: 42 } },
    });
    jetstream.publish(postEvent(T0 + 3001, 'did:plc:a', 'ok', 'acme fine'));
    const state = { seen: [] as Mention[] };
    await pollUntil(source, acme, 1, state);
    expect(state.seen.map((m) => m.text)).toEqual(['acme fine']);
  });

  it('returns nothing while nothing matches', async () => {
    const zzz = planWith({ brand: 'zzz' });
    await source.fetch(contextFor(zzz, spec));
    await jetstream.connected(1);
    jetstream.publish(postEvent(T0 + 4000, 'did:plc:a', 'nz', 'acme, not the brand of this plan'));
    // Poll until the stream was read past the post: only then is "nothing" the plan's answer to it (the first poll
    // only connects and answers nothing whatever comes).
    const state: { cursor?: unknown; seen: Mention[] } = { seen: [] };
    for (let i = 0; i < 100 && (state.cursor as { timeUs: number } | undefined)?.timeUs !== T0 + 4000; i += 1) {
      const result = await source.fetch(contextFor(zzz, spec, { cursor: state.cursor }));
      state.seen.push(...result.mentions);
      if (result.cursor !== undefined) state.cursor = result.cursor;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(state.cursor).toEqual({ timeUs: T0 + 4000 });
    expect(state.seen).toEqual([]);
  });

  it('says so in the poll when the stream stays down', async () => {
    const url = jetstream.url;
    await jetstream.close();
    const down = createBlueskyStreamSource({ blueskyStreamUrl: url, blueskyStreamReconnectMs: 10, blueskyStreamDownAlertMs: 50 });
    expect((await down.fetch(contextFor(acme, spec))).mentions).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    await expect(down.fetch(contextFor(acme, spec))).rejects.toMatchObject({ code: 'unreachable' });
    await down.close();
  });

  it('hangs up when no plan uses the stream any more, and connects again when one does', async () => {
    await source.fetch(contextFor(acme, spec));
    await jetstream.connected(1);
    await until(() => jetstream.open() === 1);
    await source.retain?.(new Set(['plan-acme']));
    expect(jetstream.open()).toBe(1);
    await source.retain?.(new Set());
    await until(() => jetstream.open() === 0);
    // No reconnection by itself: nobody asked.
    await new Promise((r) => setTimeout(r, 100));
    expect(jetstream.connections).toHaveLength(1);
    await source.fetch(contextFor(other, spec));
    await jetstream.connected(2);
    await until(() => jetstream.open() === 1);
  });

  it('hangs up by itself when no plan has polled for a while (an instance never told of a removal)', async () => {
    const idle = createBlueskyStreamSource({ blueskyStreamUrl: jetstream.url, blueskyStreamIdleMs: 200 });
    try {
      await idle.fetch(contextFor(acme, spec, { now: Date.now() }));
      await jetstream.connected(1);
      await until(() => jetstream.open() === 1);
      await until(() => jetstream.open() === 0);
      expect(jetstream.connections).toHaveLength(1);
    } finally {
      await idle.close();
    }
  });

  it('fails its polls, saying so, while the service refuses the connection', async () => {
    jetstream.refuse(403);
    await expect(
      (async () => {
        for (let i = 0; i < 100; i += 1) {
          await source.fetch(contextFor(acme, spec));
          await new Promise((r) => setTimeout(r, 10));
        }
      })(),
    ).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining('refused the connection (HTTP 403') });
    jetstream.refuse(undefined);
    await jetstream.connected(1);
    await until(() => jetstream.open() === 1);
    // Once the client too has seen the connection open, polls succeed again.
    const results: unknown[] = [];
    for (let i = 0; i < 100 && results.length === 0; i += 1) {
      await source.fetch(contextFor(acme, spec)).then(
        (r) => results.push(r.mentions),
        () => new Promise((r) => setTimeout(r, 10)),
      );
    }
    expect(results).toEqual([[]]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
