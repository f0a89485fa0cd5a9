import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanForm } from '../../../src/core/commands/types.js';
import { t } from '../../../src/i18n/catalog.js';
import { formFromState, planModal } from '../../../src/platforms/slack/modal.js';
import { bootVigie } from './app.js';
import { T0 } from './fixtures.js';
import { type Harness, startHarness, tempStore } from './harness.js';
import { RecordingCommands } from './recording-commands.js';
import { payloadBody, postSigned, slashBody, viewSubmissionPayload } from './wire.js';

const FILLED = {
  name: { type: 'plain_text_input', value: 'Acme Air' },
  brand: { type: 'plain_text_input', value: '"Acme Air" OR (' },
  news: { type: 'plain_text_input', value: null },
  competitors: { type: 'plain_text_input', value: '"Nimbus Air"' },
  kinds_social: { type: 'checkboxes', selected_options: [{ value: 'x' }, { value: 'reddit' }] },
  kinds_news: { type: 'checkboxes', selected_options: [{ value: 'gnews' }] },
  feeds: { type: 'plain_text_input', value: 'https://press.acme.example/feed.xml' },
  languages: { type: 'plain_text_input', value: 'FR, en;ar' },
  sensitivity: { type: 'radio_buttons', selected_option: { value: 'high' } },
  channel: { type: 'conversations_select', selected_conversation: 'C0ALERTS' },
  escalation: { type: 'multi_users_select', selected_users: ['U0BOSS', 'U0PR'] },
  locale: { type: 'static_select', selected_option: { value: 'fr' } },
  quietStart: { type: 'timepicker', selected_time: '22:00' },
  quietEnd: { type: 'timepicker', selected_time: '07:00' },
  timeZone: { type: 'plain_text_input', value: 'Europe/Paris' },
};

describe('plan modal', () => {
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

  it('`/vigie plan acme` opens the modal with the trigger id, strategy first', async () => {
    const res = await postSigned(harness.events, slashBody('plan acme', harness.fake.responseUrl('m1'), { channel: 'C0COMMS' }));
    expect(res.status).toBe(200);
    const call = await harness.fake.waitFor('views.open');
    expect(call.args.trigger_id).toBe('1337.42.abcdef');
    const view = call.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ block_id?: string }> };
    expect(view.callback_id).toBe('vigie_plan');
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: 'C0COMMS' });
    const ids = view.blocks.map((b) => b.block_id).filter((id) => id !== undefined);
    expect(ids).toEqual([
      'name',
      'brand',
      'news',
      'competitors',
      'kinds_social',
      'kinds_news',
      'feeds',
      'languages',
      'sensitivity',
      'channel',
      'escalation',
      'locale',
      'quietStart',
      'quietEnd',
      'timeZone',
    ]);
    expect(commands.runs.some((r) => r.text.startsWith('plan'))).toBe(false);
  });

  it('reads every field of a submission into the shared plan form', () => {
    const values = Object.fromEntries(Object.entries(FILLED).map(([block, value]) => [block, { value }])) as never;
    expect(formFromState(values)).toEqual({
      name: 'Acme Air',
      brand: '"Acme Air" OR (',
      news: undefined,
      competitors: '"Nimbus Air"',
      kinds: ['x', 'reddit', 'gnews'],
      feeds: 'https://press.acme.example/feed.xml',
      languages: ['fr', 'en', 'ar'],
      locale: 'fr',
      sensitivity: 'high',
      channel: 'C0ALERTS',
      escalation: ['U0BOSS', 'U0PR'],
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/Paris',
    });
  });

  it('shows a wrong field under that field with response_action errors, keeping the modal open', async () => {
    const line = { key: 'cmd.error.missing_argument' as const, params: { argument: 'brand' } };
    commands.submitResult = () => ({ ok: false, errors: { brand: line, kinds: line } });
    const res = await postSigned(harness.events, payloadBody(viewSubmissionPayload(FILLED, JSON.stringify({ channel: 'C0COMMS' }))));
    expect(res.status).toBe(200);
    const body = (await res.json()) as unknown;
    const message = t('en', line.key, line.params);
    expect(body).toEqual({ response_action: 'errors', errors: { brand: message, kinds_social: message } });
    const submit = commands.submits.at(-1);
    expect(submit?.ctx).toEqual({ scope: { platform: 'slack', workspace: 'T1' }, channel: 'C0COMMS', user: 'U1', locale: 'en' });
    expect(submit?.form.brand).toBe('"Acme Air" OR (');
  });

  it('refuses values the modal cannot produce on their own field', async () => {
    const before = commands.submits.length;
    const tampered = { ...FILLED, sensitivity: { type: 'radio_buttons', selected_option: { value: 'extreme' } } };
    const res = await postSigned(harness.events, payloadBody(viewSubmissionPayload(tampered, JSON.stringify({ channel: 'C0COMMS' }))));
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { sensitivity: t('en', 'slack.modal.invalid') } });
    expect(commands.submits.length).toBe(before);
  });

  it('pre-fills the modal from an existing plan', () => {
    const form: PlanForm = {
      name: 'Acme Air',
      brand: '"Acme Air"',
      kinds: ['x', 'gdelt'],
      feeds: 'https://a.example/feed',
      languages: ['fr', 'en'],
      locale: 'fr',
      sensitivity: 'low',
      channel: 'C0ALERTS',
      escalation: ['U0BOSS'],
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/Paris',
    };
    const blocks = planModal(form, 'en', { channel: 'C0COMMS' }).blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    const element = (id: string): Record<string, unknown> | undefined => blocks.find((b) => b.block_id === id)?.element;
    expect(element('name')?.initial_value).toBe('Acme Air');
    expect(element('channel')?.initial_conversation).toBe('C0ALERTS');
    expect(element('escalation')?.initial_users).toEqual(['U0BOSS']);
    expect(element('languages')?.initial_value).toBe('fr, en');
    expect(element('feeds')?.initial_value).toBe('https://a.example/feed');
    expect(element('quietStart')?.initial_time).toBe('22:00');
    expect(element('timeZone')?.initial_value).toBe('Europe/Paris');
    expect((element('sensitivity')?.initial_option as { value: string } | undefined)?.value).toBe('low');
    expect((element('locale')?.initial_option as { value: string } | undefined)?.value).toBe('fr');
    expect((element('kinds_social')?.initial_options as Array<{ value: string }> | undefined)?.map((o) => o.value)).toEqual(['x']);
    expect((element('kinds_news')?.initial_options as Array<{ value: string }> | undefined)?.map((o) => o.value)).toEqual(['gdelt']);
  });
});

describe('plan modal through the real command service', () => {
  let app: Awaited<ReturnType<typeof bootVigie>>;
  let harness: Harness;
  const meta = JSON.stringify({ channel: 'C0COMMS' });

  beforeAll(async () => {
    app = await bootVigie(() => T0);
    harness = await startHarness({ commands: app.vigie.commands, store: app.vigie.store, kinds: () => REGISTERED });
  });
  afterAll(async () => {
    await harness.close();
    await app.cleanup();
  });

  // The kinds the application says it can poll (its source registry's, in production); the modal offers only those.
  const REGISTERED = ['rss', 'gnews', 'galerts', 'hn'] as const;
  const { kinds_social: _social, ...rest } = FILLED;
  const SUBMITTED = { ...rest, kinds_news: { type: 'checkboxes', selected_options: [{ value: 'gnews' }] } };

  it('offers only the source kinds this installation can poll', async () => {
    await postSigned(harness.events, slashBody('plan', harness.fake.responseUrl('pm0')));
    const call = await harness.fake.waitFor('views.open');
    const blocks = (call.args.view as { blocks: Array<{ block_id?: string; element?: { options?: Array<{ value: string }> } }> }).blocks;
    const offered = blocks.filter((b) => b.block_id?.startsWith('kinds_')).map((b) => [b.block_id, b.element?.options?.map((o) => o.value)]);
    // Feeds come from the feed URL field (rss) or `/vigie source` (galerts), not from checkboxes.
    expect(offered).toEqual([
      ['kinds_social', ['hn']],
      ['kinds_news', ['gnews']],
    ]);
  });

  it('puts a query error under the brand field only, and saves once it is fixed', async () => {
    const wrong = await postSigned(harness.events, payloadBody(viewSubmissionPayload(SUBMITTED, meta)));
    const body = (await wrong.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['brand']);
    expect(await app.vigie.store.plans.list({ platform: 'slack', workspace: 'T1' })).toEqual([]);

    const fixed = { ...SUBMITTED, brand: { type: 'plain_text_input', value: '"Acme Air" OR @acmeair' } };
    const saved = await postSigned(harness.events, payloadBody(viewSubmissionPayload(fixed, meta)));
    const ack = (await saved.json()) as { response_action: string; view: { blocks: unknown[] } };
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view.blocks)).toContain(t('en', 'slack.modal.saved.created', { plan: 'Acme Air', channel: 'C0ALERTS' }));
    const plan = await app.vigie.store.plans.get({ platform: 'slack', workspace: 'T1' }, 'Acme Air');
    expect(plan).toMatchObject({
      what: { brand: '"Acme Air" OR @acmeair', competitors: '"Nimbus Air"' },
      languages: ['fr', 'en', 'ar'],
      locale: 'fr',
      sensitivity: 'high',
      destination: { platform: 'slack', workspace: 'T1', channel: 'C0ALERTS' },
      escalation: ['U0BOSS', 'U0PR'],
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
    });
    expect(plan?.sources).toEqual(expect.arrayContaining([{ kind: 'gnews' }, { kind: 'rss', arg: 'https://press.acme.example/feed.xml' }]));
  });

  it('`/vigie plan "Acme Air"` opens the modal pre-filled with the saved plan', async () => {
    await postSigned(harness.events, slashBody('plan "Acme Air"', harness.fake.responseUrl('pm1')));
    const call = await harness.fake.waitFor('views.open', (c) =>
      (c.args.view as { blocks: Array<{ element?: { initial_value?: string } }> }).blocks.some((b) => b.element?.initial_value === 'Acme Air'),
    );
    const blocks = (call.args.view as { blocks: Array<{ block_id?: string; element?: Record<string, unknown> }> }).blocks;
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element;
    expect(element('brand')?.initial_value).toBe('"Acme Air" OR @acmeair');
    expect(element('channel')?.initial_conversation).toBe('C0ALERTS');
    expect(element('escalation')?.initial_users).toEqual(['U0BOSS', 'U0PR']);
  });
});
