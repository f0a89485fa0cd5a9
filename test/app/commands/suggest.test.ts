import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_PRESENT, TEST_DATABASE_URL, dropSchemas, testSchemaName } from '../../support/postgres.js';
import { keywordHistory } from '../../support/keyword-history.js';
import { testVigie, type TestVigie } from '../../support/vigie.js';

const NOW = Date.UTC(2026, 2, 5, 12, 0);
describe('suggest <plan>', () => {
  let app: TestVigie;
  beforeAll(async () => {
    app = await testVigie({}, { now: () => NOW });
    await app.watchOnly('orange', 'Orange OR #OrangeMaroc');
    const plan = (await app.vigie.store.plans.get(app.vigie.localContext().scope, 'orange'))!;
    await app.vigie.pipeline.ingest(plan, `${plan.id}|test|feed`, keywordHistory(NOW), NOW);
  });
  afterAll(async () => {
    await app.close();
  });

  it('proposes words to add and to exclude, each as the command that applies it', async () => {
    const { reply, text } = await app.say('suggest orange');
    expect(reply.ok).toBe(true);
    expect(text).toContain('Keyword suggestions for *orange* from the last 7 days (57 matched mentions');
    expect(text).toMatch(/add `panne`: in \d+ negative posts about the brand/);
    expect(text).toMatch(/exclude `recette`: in 15 matches that look off-topic/);
    const commands = reply.choices?.map((c) => c.command) ?? [];
    expect(commands).toContain('add orange panne');
    expect(commands).toContain('exclude orange recette');
    expect(commands.length).toBeLessThanOrEqual(10);
    // Printed as commands for the terminal and clients without buttons.
    for (const command of commands) expect(text).toContain(`    ${command}`);
    expect(commands.some((c) => /\b(orange|orangemaroc)$/.test(c.split(' ').at(-1)!))).toBe(false);
  });

  it('applies a suggestion when its command is run (the click)', async () => {
    const { reply } = await app.say('suggest orange');
    const exclude = reply.choices?.find((c) => c.command.startsWith('exclude'));
    expect(exclude).toBeDefined();
    expect((await app.say(exclude!.command)).reply.ok).toBe(true);
    const plan = await app.vigie.store.plans.get(app.vigie.localContext().scope, 'orange');
    expect(plan?.what.brand).toContain(`-${exclude!.command.split(' ').at(-1)}`);
    // The word is in the query now: it is not suggested again.
    const again = await app.say('suggest orange');
    expect(again.reply.choices?.map((c) => c.command)).not.toContain(exclude!.command);
  });

  it('says when there is too little to go on, in French too, and refuses a bad number of days', async () => {
    await app.watchOnly('calme', 'Calme');
    // A reply about a plan is in the plan's language.
    await app.say('set calme locale fr');
    expect((await app.say('suggest calme 3')).text).toContain(
      'Aucune suggestion pour *calme* : trop peu de mentions retenues ces 3 derniers jours (0)',
    );
    await app.say('set calme locale en');
    const refused = await app.say('suggest calme 30');
    expect(refused.reply.ok).toBe(false);
    expect(refused.text).toContain('suggest <plan> [days]');
  });
});

describe('suggest <plan> sees every instance’s polls, and survives a restart', () => {
  const half = (odd: boolean) => keywordHistory(NOW).filter((_, i) => i % 2 === (odd ? 1 : 0));

  it('on the embedded store, across a restart', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-suggest-'));
    try {
      const first = await testVigie({}, { now: () => NOW, dataDir });
      await first.watchOnly('orange', 'Orange OR #OrangeMaroc');
      const plan = (await first.vigie.store.plans.get(first.vigie.localContext().scope, 'orange'))!;
      await first.vigie.pipeline.ingest(plan, `${plan.id}|test|feed`, keywordHistory(NOW), NOW);
      await first.close();
      const second = await testVigie({}, { now: () => NOW, dataDir });
      try {
        expect((await second.say('suggest orange')).reply.choices?.map((c) => c.command)).toContain('exclude orange recette');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it.skipIf(!POSTGRES_PRESENT)('on PostgreSQL, with two instances polling the same plan at once', async () => {
    const schema = testSchemaName('vigie_suggest');
    const queue = testSchemaName('vigie_suggest_boss');
    const env = { DATABASE_URL: TEST_DATABASE_URL, VIGIE_DB_SCHEMA: schema, VIGIE_QUEUE_SCHEMA: queue, VIGIE_DB_POOL_SIZE: '2' };
    const a = await testVigie(env, { now: () => NOW });
    const b = await testVigie(env, { now: () => NOW });
    try {
      await a.watchOnly('orange', 'Orange OR #OrangeMaroc');
      const plan = (await a.vigie.store.plans.get(a.vigie.localContext().scope, 'orange'))!;
      await Promise.all([
        a.vigie.pipeline.ingest(plan, `${plan.id}|feed|a`, half(false), NOW),
        b.vigie.pipeline.ingest(plan, `${plan.id}|feed|b`, half(true), NOW),
      ]);
      const { text, reply } = await b.say('suggest orange');
      expect(text).toContain('(57 matched mentions');
      expect(reply.choices?.map((c) => c.command)).toContain('exclude orange recette');
    } finally {
      await Promise.allSettled([a.close(), b.close()]);
      await dropSchemas(schema, queue);
    }
  });
});
