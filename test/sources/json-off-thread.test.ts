import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHnSource } from '../../src/sources/hn.js';
import { OFF_THREAD_CHARS, parseJsonText } from '../../src/sources/json-off-thread.js';
import { createLimiter } from '../../src/sources/politeness.js';
import type { ApiServer } from '../fakes/api-server.js';
import { type FakeHnItem, startFakeHn } from '../fakes/hn.js';
import { contextFor, planWith } from './context.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A value with long arrays at the root, inside objects and inside the elements of other long arrays. */
function bigValue(): unknown[] {
  return Array.from({ length: 2_500 }, (_, i) => ({
    id: `item-${i}`,
    n: i * 1.5,
    ok: i % 2 === 0,
    none: null,
    text: `é ✓ 🌍 "quoted" \\ line\nbreak ${i}`,
    ...(i % 1_000 === 7 ? { many: Array.from({ length: 2_345 }, (_, j) => [j, { deep: [`${i}-${j}`] }]) } : {}),
  }));
}

describe('parseJsonText', () => {
  it('gives what JSON.parse gives for a big text, long arrays at every level included', async () => {
    const text = JSON.stringify({ head: { count: 3 }, items: bigValue(), tail: bigValue().slice(0, 3) });
    expect(text.length).toBeGreaterThan(OFF_THREAD_CHARS);
    expect(await parseJsonText(text)).toEqual(JSON.parse(text));
    const rootArray = JSON.stringify(bigValue());
    expect(rootArray.length).toBeGreaterThan(OFF_THREAD_CHARS);
    expect(await parseJsonText(rootArray)).toEqual(JSON.parse(rootArray));
  });

  it('refuses a big invalid text with the SyntaxError JSON.parse gives', async () => {
    const text = JSON.stringify(bigValue()).slice(0, -2);
    expect(text.length).toBeGreaterThan(OFF_THREAD_CHARS);
    const expected = (() => {
      try {
        JSON.parse(text);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(expected).toBeInstanceOf(SyntaxError);
    await expect(parseJsonText(text)).rejects.toThrow(new SyntaxError((expected as Error).message));
  });

  it('works from dist/, where the build copies the worker beside the compiled module', async () => {
    const built = path.join(ROOT, 'dist/sources/json-off-thread.js');
    expect(existsSync(path.join(ROOT, 'dist/sources/json-worker.js'))).toBe(true);
    const { parseJsonText: fromDist } = (await import(pathToFileURL(built).href)) as { parseJsonText: typeof parseJsonText };
    const text = JSON.stringify(bigValue());
    expect(await fromDist(text)).toEqual(JSON.parse(text));
  });
});

describe('a big answer through a source', () => {
  const NOW = Date.UTC(2026, 10, 27, 12);
  const plan = planWith({ brand: 'acme' });
  let fake: ApiServer;
  const source = () => createHnSource({ hnUrl: fake.url, limiter: createLimiter() });

  beforeEach(async () => {
    const items: FakeHnItem[] = Array.from({ length: 450 }, (_, i) => ({
      id: 5_000 + i,
      type: i % 3 === 0 ? 'story' : 'comment',
      createdAtI: NOW / 1000 - 60 - i,
      author: `user${i % 7}`,
      title: `Acme outage ${i}`,
      text: `Acme is down again ${i}: ${'ça ne marche plus, 🌍 '.repeat(40)}`,
      points: i,
      comments: i % 11,
    }));
    fake = await startFakeHn(items);
  });
  afterEach(() => fake.close());

  it('reads the same mentions from one big page parsed off the main thread as from small pages parsed on it', async () => {
    const small = await source().fetch(contextFor(plan, { kind: 'hn' }, { now: NOW }));
    expect(small.mentions).toHaveLength(450);
    const big = await (await fetch(`${fake.url}/api/v1/search_by_date?query=acme&hitsPerPage=1000`)).text();
    expect(big.length).toBeGreaterThan(OFF_THREAD_CHARS);
    fake.interceptNext({ body: big });
    const requestsBefore = fake.requests.length;
    const whole = await source().fetch(contextFor(plan, { kind: 'hn' }, { now: NOW }));
    expect(fake.requests.length - requestsBefore).toBe(1);
    expect(whole.mentions).toEqual(small.mentions);
    expect(whole.cursor).toEqual(small.cursor);
  });

  it('still refuses a big answer that is not JSON (malformed) or nested too deep (too_large)', async () => {
    const padding = 'x'.repeat(OFF_THREAD_CHARS);
    fake.interceptNext({ body: `{"hits":[],"page":0,"nbPages":1,"pad":"${padding}"` });
    await expect(source().fetch(contextFor(plan, { kind: 'hn' }, { now: NOW }))).rejects.toMatchObject({
      code: 'malformed',
      cause: expect.any(SyntaxError),
    });
    fake.interceptNext({ body: `{"pad":"${padding}","hits":${'['.repeat(40)}${']'.repeat(40)},"page":0,"nbPages":1}` });
    await expect(source().fetch(contextFor(plan, { kind: 'hn' }, { now: NOW }))).rejects.toMatchObject({
      code: 'too_large',
      message: expect.stringContaining('nested deeper than 32 levels'),
    });
  });
});
