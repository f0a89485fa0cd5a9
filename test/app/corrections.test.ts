import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { testVigie, type TestVigie } from '../support/vigie.js';
import { ANGRY, calmThenBurst } from '../support/burst.js';
import { sourceKey } from '../../src/core/source-state.js';
import type { CommandContext } from '../../src/core/commands/types.js';
import type { Mention } from '../../src/core/mention.js';
import type { Plan } from '../../src/core/plan.js';
import { correctionsWith } from '../../src/cli/corrections.js';
import { DEFAULT_RETENTION } from '../../src/store/retention.js';
import { PassThrough } from 'node:stream';
import { readJsonl } from '../../scripts/sentiment-data.js';

const ctx = (workspace: string, user = 'U1'): CommandContext => ({
  scope: { platform: 'local', workspace },
  channel: 'terminal',
  user,
  locale: 'en',
});

describe('corrections the model learns from', () => {
  let feeds: FeedServer;
  let bot: TestVigie;
  let dataDir: string;
  let plan: Plan;
  let other: Plan;
  const owner = ctx('local', 'amina');
  const stranger = ctx('elsewhere', 'omar');

  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
    dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-corrections-'));
    bot = await testVigie({ VIGIE_GNEWS_URL: feeds.url }, { dataDir });
    await bot.watchOnly('acme', 'Acme', owner);
    await bot.say(`source acme rss ${feeds.url}/rss.xml`, owner);
    await bot.watchOnly('acme', 'Acme', stranger);
    plan = (await bot.vigie.store.plans.get(owner.scope, 'acme'))!;
    other = (await bot.vigie.store.plans.get(stranger.scope, 'acme'))!;
    await bot.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
    await bot.vigie.outbox.flush();
  });
  afterAll(async () => {
    await bot.close();
    await feeds.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const mention = (id: string, text: string): Mention => ({
    id,
    sourceKind: 'x',
    url: `https://x.example/${id}`,
    author: 'someone',
    text,
    publishedAt: Date.now() - 60_000,
  });

  it('changes the incident at once, refreshes the alert, and makes the next copy in the workspace take the label — never in another', async () => {
    const before = (await bot.vigie.store.incidents.open(plan.id))!;
    expect(before.samples.length).toBeGreaterThan(1);
    // The reference printed beside each evidence post is what a person types (its first 6 characters are enough).
    const refs = [...bot.printed().matchAll(/\[ref ([0-9a-f]{8})\]/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(bot.printed()).toContain('Wrong sentiment? type `correct <ref> neutral`');
    const ref = refs[0]!;

    const reply = await bot.say(`correct ${ref.slice(0, 6)} neutral`, owner);
    expect(reply.reply.ok).toBe(true);
    expect(reply.text).toContain(`Post ${ref} marked neutral by amina`);
    const after = (await bot.vigie.store.incidents.open(plan.id))!;
    expect(after.counts.negative).toBe(before.counts.negative - 1);
    expect(after.counts.total).toBe(before.counts.total);
    expect(reply.text).toContain(`the incident now counts ${after.counts.negative} negative of ${after.counts.total} mentions`);
    const corrected = after.samples.filter((s) => s.corrected !== undefined);
    expect(corrected).toHaveLength(1);
    expect(corrected[0]).toMatchObject({ sentiment: 'neutral', corrected: { by: 'amina', from: 'negative' } });
    const stored = await bot.vigie.store.corrections.list(owner.scope);
    expect(stored.map((c) => [c.postId, c.label, c.previous, c.by, c.planId, c.incidentId])).toEqual([
      [corrected[0]!.id, 'neutral', 'negative', 'amina', plan.id, before.id],
    ]);
    // The parent message is refreshed with the new counts, and the corrected post is no longer shown as evidence.
    await bot.vigie.outbox.flush();
    const refresh = bot.printed().split('🔄').at(-1)!;
    expect(refresh).toContain(`${after.counts.negative} negative`);
    expect(refresh).not.toContain(`[ref ${ref}]`);

    // A later retweet of the corrected post, in the same workspace: the correction scores it, not the model.
    const copy = mention('x:later', `RT @fan: ${corrected[0]!.text} https://t.co/abc`);
    const [scored] = await bot.vigie.pipeline.score(plan, [copy]);
    expect(scored!.sentiment).toMatchObject({ label: 'neutral', correctedFrom: corrected[0]!.id });
    // The same text in another workspace is left to the model, which reads it as negative.
    const [elsewhere] = await bot.vigie.pipeline.score(other, [copy]);
    expect(elsewhere!.sentiment.label).toBe('negative');
    expect(elsewhere!.sentiment.correctedFrom).toBeUndefined();
    // Counted accordingly: no negative in the workspace that corrected it, one in the other.
    const here = await bot.vigie.pipeline.ingest(plan, `${plan.id}|x|copies`, [copy], Date.now());
    const there = await bot.vigie.pipeline.ingest(other, `${other.id}|x|copies`, [{ ...copy, id: 'x:later-2' }], Date.now());
    expect([here.matched, here.negative]).toEqual([1, 0]);
    expect([there.matched, there.negative]).toEqual([1, 1]);
  });

  it('refuses a post of another workspace, an unknown reference and a word that is not a sentiment', async () => {
    const open = (await bot.vigie.store.incidents.open(plan.id))!;
    const target = open.samples.find((s) => s.corrected === undefined)!;
    const foreign = await bot.say(`correct ${target.id} positive`, stranger);
    expect(foreign.reply.ok).toBe(false);
    expect(foreign.reply.lines[0]?.key).toBe('corr.error.not_found');
    expect((await bot.vigie.store.incidents.open(plan.id))!.counts).toEqual(open.counts);
    expect(await bot.vigie.store.corrections.list(stranger.scope)).toEqual([]);
    expect((await bot.say('correct 123 positive', owner)).reply.lines[0]?.key).toBe('corr.error.not_found');
    const word = await bot.say(`correct ${target.id} angry`, owner);
    expect(word.text).toContain('“angry” is not a sentiment');
    expect(word.text).toContain('correct <post> <positive|neutral|negative>');
  });

  it('takes French words, answers in French, and counts a post again when it is marked negative again', async () => {
    const fr: CommandContext = { ...owner, user: 'karim', locale: 'fr' };
    const before = (await bot.vigie.store.incidents.open(plan.id))!;
    const post = before.samples.find((s) => s.corrected !== undefined)!;
    const back = await bot.say(`corriger ${post.id} négatif`, fr);
    expect(back.text).toContain('marquée négatif par karim');
    expect((await bot.vigie.store.incidents.open(plan.id))!.counts.negative).toBe(before.counts.negative + 1);
    const again = await bot.say(`corriger ${post.id} neutre`, fr);
    expect(again.text).toContain('marquée neutre par karim');
    expect((await bot.vigie.store.incidents.open(plan.id))!.counts.negative).toBe(before.counts.negative);
    expect((await bot.vigie.store.corrections.list(owner.scope)).map((c) => [c.label, c.previous, c.by])).toEqual([['neutral', 'negative', 'karim']]);
  });

  it('exports the corrections as training rows the trainer reads', async () => {
    const out = path.join(dataDir, 'rows.jsonl');
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    let err = '';
    io.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await bot.vigie.store.close();
    const run = correctionsWith({ databaseUrl: undefined, schema: 'vigie', poolSize: 1, dataDir, retention: DEFAULT_RETENTION });
    expect(await run(['export', '--out', out], io)).toBe(0);
    expect(err).toContain('1 training rows written');
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ label: 'neutral', lang: 'en', platform: 'local', workspace: 'local' });
    expect(ANGRY.some((text) => rows[0]!.text!.includes(text))).toBe(true);
    expect(readJsonl(out)).toEqual([{ text: rows[0]!.text, label: 'neutral', lang: 'en' }]);
    expect(await run(['export', '--workspace', 'nobody'], io)).toBe(0);
    expect(await run(['import'], io)).toBe(2);
  });
});
