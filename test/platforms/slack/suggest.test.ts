import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHOICES_BLOCK_ID } from '../../../src/platforms/slack/choices.js';
import { keywordHistory } from '../../support/keyword-history.js';
import { bootVigie } from './app.js';
import { T0 } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';
import { type Who, buttonPayload, payloadBody, postSigned, slashBody } from './wire.js';

const ALICE: Who = { team: 'T1', channel: 'C0COMMS', user: 'U0ALICE' };

describe('/vigie suggest: keyword suggestions confirmed with a button', () => {
  let app: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;
  beforeAll(async () => {
    app = await bootVigie(() => T0);
    harness = await startHarness({ commands: app.vigie.commands, store: app.vigie.store });
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
  });

  it('answers with a button per suggestion, and a click applies it as the clicker', async () => {
    const watch = await postSigned(harness.events, slashBody('watch orange Orange OR #OrangeMaroc', harness.fake.responseUrl('w'), ALICE));
    expect(watch.status).toBe(200);
    const ctx = { scope: { platform: 'slack' as const, workspace: 'T1' } };
    const plan = (await app.vigie.store.plans.get(ctx.scope, 'orange'))!;
    await app.vigie.store.plans.save({ ...plan, sources: [] });
    await app.vigie.pipeline.ingest(plan, `${plan.id}|test|feed`, keywordHistory(T0), T0);

    const res = await postSigned(harness.events, slashBody('suggest orange', harness.fake.responseUrl('s'), ALICE));
    const body = (await res.json()) as { response_type: string; text: string; blocks: Array<Record<string, any>> };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Keyword suggestions for *orange*');
    const actions = body.blocks.find((b) => b.type === 'actions');
    expect(actions?.block_id).toBe(CHOICES_BLOCK_ID);
    const buttons = actions!.elements as Array<{ action_id: string; value: string; text: { text: string } }>;
    const exclude = buttons.find((b) => b.value === 'exclude orange recette');
    expect(exclude?.text.text).toBe('Exclude recette');
    expect(buttons.some((b) => b.value === 'add orange panne')).toBe(true);

    const click = buttonPayload(exclude!.action_id, '', harness.fake.responseUrl('click'), ALICE);
    const [action] = click.actions as Array<Record<string, unknown>>;
    click.actions = [{ ...action, block_id: CHOICES_BLOCK_ID, value: exclude!.value }];
    expect((await postSigned(harness.events, payloadBody(click))).status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === 'click');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String((answer.body as { text: string }).text)).toContain('-recette');
    const saved = await app.vigie.store.plans.get(ctx.scope, 'orange');
    expect(saved?.what.brand).toBe('(Orange OR #OrangeMaroc) -recette');
    expect(saved?.updated.by).toBe('U0ALICE');
  });
});
