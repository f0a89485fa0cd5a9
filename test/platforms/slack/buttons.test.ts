import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_ACTIONS } from '../../../src/core/alert-view.js';
import { t } from '../../../src/i18n/catalog.js';
import { CORRECT_ACTION_ID, DRAFT_USED_ACTION_ID, DRAFT_USED_BLOCK_PREFIX, draftUsedValue } from '../../../src/platforms/slack/render.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';
import { buttonPayload, payloadBody, postSigned } from './wire.js';

describe('alert buttons (block_actions)', () => {
  const commands = new RecordingCommands();
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await startHarness({ commands, store: temp.store });
  });
  afterAll(async () => {
    await harness.close();
    await cleanup();
  });

  it.each(ALERT_ACTIONS)('%s: acks at once, runs the action on the incident, answers the clicker only', async (action) => {
    const res = await postSigned(
      harness.events,
      payloadBody(buttonPayload(action, 'inc-42', harness.fake.responseUrl(`b-${action}`), { user: 'U0ACK', channel: 'C0ALERTS' })),
    );
    expect(res.status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === `b-${action}`);
    expect(answer.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: t('en', 'cmd.summary.source', { kinds: action }) });
    expect(commands.actions.at(-1)).toEqual({
      incidentId: 'inc-42',
      action,
      ctx: { scope: { platform: 'slack', workspace: 'T1' }, channel: 'C0ALERTS', user: 'U0ACK', locale: 'en' },
    });
  });

  const overflowPayload = (value: string, responseUrl: string): Record<string, unknown> => {
    const payload = buttonPayload('unused', 'unused', responseUrl, { user: 'U0FIX', channel: 'C0ALERTS' });
    return {
      ...payload,
      actions: [
        {
          type: 'overflow',
          action_id: CORRECT_ACTION_ID,
          block_id: 'evidence-1',
          selected_option: { text: { type: 'plain_text', text: 'Wrong sentiment: neutral' }, value },
          action_ts: '1764234001.000002',
        },
      ],
    };
  };

  it('"wrong sentiment" beside an evidence post runs `correct` and answers the clicker only', async () => {
    const res = await postSigned(harness.events, payloadBody(overflowPayload('932e6e58 neutral', harness.fake.responseUrl('fix-1'))));
    expect(res.status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === 'fix-1');
    expect(answer.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: t('en', 'cmd.summary.source', { kinds: 'rss, x' }) });
    expect(commands.runs.at(-1)).toEqual({
      text: 'correct 932e6e58 neutral',
      ctx: { scope: { platform: 'slack', workspace: 'T1' }, channel: 'C0ALERTS', user: 'U0FIX', locale: 'en' },
    });
  });

  it('ignores a forged correction value', async () => {
    const before = commands.runs.length;
    const res = await postSigned(harness.events, payloadBody(overflowPayload('932e6e58 neutral; remove acme', harness.fake.responseUrl('fix-2'))));
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(commands.runs.length).toBe(before);
    expect(harness.logs.lines.some((l) => l.msg === 'unknown sentiment correction')).toBe(true);
  });

  const usedClick = (value: string, id: string): Record<string, unknown> => {
    const payload = buttonPayload(DRAFT_USED_ACTION_ID, 'unused', harness.fake.responseUrl(id), { user: 'U0USE', channel: 'C0ALERTS' });
    Object.assign((payload.actions as Array<Record<string, unknown>>)[0]!, { block_id: `${DRAFT_USED_BLOCK_PREFIX}reply`, value });
    return payload;
  };

  it('"Mark as used": runs useDraft with the incident, the draft and the text the button carries', async () => {
    const res = await postSigned(harness.events, payloadBody(usedClick(draftUsedValue('inc-42', 'reply', 'Hi [name], sorry.'), 'u-1')));
    expect(res.status).toBe(200);
    const answer = await harness.fake.waitForResponse((p) => p.id === 'u-1');
    expect(answer.body).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: t('en', 'cmd.summary.source', { kinds: 'used reply' }),
    });
    expect(commands.usedDrafts.at(-1)).toEqual({
      incidentId: 'inc-42',
      draft: 'reply',
      shown: 'Hi [name], sorry.',
      ctx: { scope: { platform: 'slack', workspace: 'T1' }, channel: 'C0ALERTS', user: 'U0USE', locale: 'en' },
    });
  });

  it('"Mark as used" on a draft too long for a button value carries no text: the command path records the template', () => {
    const value = draftUsedValue('inc-42', 'brief', 'x'.repeat(3000));
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(JSON.parse(value)).toEqual({ i: 'inc-42', k: 'brief' });
  });

  it('"Mark as used" with a forged value is logged and runs nothing', async () => {
    const before = commands.usedDrafts.length;
    const res = await postSigned(harness.events, payloadBody(usedClick('{"i":"inc-42","k":"everything"}', 'u-bad')));
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.logs.lines.some((l) => l.msg === 'unknown "mark as used" button')).toBe(true);
    expect(commands.usedDrafts.length).toBe(before);
  });

  it('ignores a click on a button that is not an alert action', async () => {
    const before = commands.actions.length;
    const res = await postSigned(harness.events, payloadBody(buttonPayload('delete_everything', 'inc-42', harness.fake.responseUrl('b-x'))));
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(commands.actions.length).toBe(before);
    expect(harness.logs.lines.some((l) => l.msg === 'unknown alert button')).toBe(true);
  });
});
