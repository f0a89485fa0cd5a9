import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/catalog.js';
import { CARD_CONTENT_TYPE } from '../../../src/platforms/teams/card-kit.js';
import { PLAN_SUBMIT_VERB } from '../../../src/platforms/teams/plan-card.js';
import { CHANNEL } from './fixtures.js';
import { executeActivity, messageActivity, startHarness, type Harness } from './harness.js';

function inputs(card: any): Map<string, any> {
  return new Map((card.body as any[]).filter((e) => typeof e.id === 'string' && String(e.type).startsWith('Input.')).map((e) => [e.id, e]));
}

/** The element right after an input: where its error is shown. */
function elementAfter(card: any, id: string): any {
  const body = card.body as any[];
  return body[body.findIndex((e) => e.id === id) + 1];
}

describe('Teams plan form (Adaptive Card) over the wire', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('"plan" answers with the form: what, where, languages, sensitivity, escalation', async () => {
    const activity = messageActivity('plan', { serviceUrl: h.connector.url });
    await h.post(activity);
    const reply = await h.connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    const card = reply.body.attachments[0].content;
    expect(reply.body.attachments[0].contentType).toBe(CARD_CONTENT_TYPE);
    expect([...inputs(card).keys()]).toEqual([
      'name',
      'brand',
      'news',
      'competitors',
      'kinds',
      'feeds',
      'languages',
      'locale',
      'sensitivity',
      'escalation',
      'quietStart',
      'quietEnd',
      'timeZone',
    ]);
    expect(inputs(card).get('kinds').value).toBe('x,reddit');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: PLAN_SUBMIT_VERB });
  });

  it('a submit with an invalid field comes back as the same form, values kept, the error under the field', async () => {
    const data = {
      verb: PLAN_SUBMIT_VERB,
      name: 'acme',
      brand: '  ',
      kinds: 'x,bogus,gnews',
      languages: 'EN, fr',
      sensitivity: 'high',
      escalation: 'aad-1,aad-2',
      locale: 'en',
    };
    const res = await h.post(executeActivity(PLAN_SUBMIT_VERB, data, { serviceUrl: h.connector.url }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_CONTENT_TYPE });
    const form = h.commands.forms.at(-1);
    expect(form).toMatchObject({
      name: 'acme',
      brand: '',
      kinds: ['x', 'gnews'],
      languages: ['en', 'fr'],
      sensitivity: 'high',
      escalation: ['aad-1', 'aad-2'],
      channel: CHANNEL,
    });
    const card = res.body.value;
    expect(JSON.stringify(card)).toContain(t('en', 'teams.plan.invalid'));
    expect(elementAfter(card, 'brand')).toMatchObject({ type: 'TextBlock', color: 'Attention', text: t('en', 'teams.plan.brand') });
    expect(inputs(card).get('name').value).toBe('acme');
    expect(inputs(card).get('kinds').value).toBe('x,gnews');
    expect(inputs(card).get('sensitivity').value).toBe('high');
    expect(elementAfter(card, 'name').type).toBe('Input.Text');
  });

  it('a legacy Action.Submit of the form redraws the card it came from', async () => {
    const activity = {
      ...messageActivity('', { serviceUrl: h.connector.url, mention: false }),
      text: undefined,
      replyToId: '777',
      value: { verb: PLAN_SUBMIT_VERB, name: '1acme', brand: 'acme' },
    };
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    const update = await h.connector.waitFor((c) => c.op === 'updateActivity' && c.activityId === '777');
    const card = update.body.attachments[0].content;
    expect(elementAfter(card, 'name')).toMatchObject({ color: 'Attention', text: 'echo:name must start with a letter' });
  });
});
