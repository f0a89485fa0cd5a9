import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE } from '../../../src/platforms/teams/card-kit.js';
import { digestFixture } from '../digest-fixture.js';
import { CHANNEL, TENANT } from './fixtures.js';
import { installActivity, startHarness, type Harness } from './harness.js';

describe('Teams: a digest is a new post in the plan’s channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    expect((await h.post(installActivity({ serviceUrl: h.connector.url }))).status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates a channel post holding a card with the title and the figures', async () => {
    await h.runtime.notifier.postDigest!(digestFixture({ locale: 'fr', every: 'daily', series: [0, 3] }), {
      platform: 'teams',
      workspace: TENANT,
      channel: CHANNEL,
    });
    const created = h.connector.calls.filter((c) => c.op === 'createConversation');
    expect(created).toHaveLength(1);
    const card = created[0]!.body.activity.attachments.find((a: { contentType: string }) => a.contentType === CARD_CONTENT_TYPE).content;
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      weight: 'Bolder',
      text: 'Résumé quotidien de Acme Air : lun. 23 nov., 08:30 → lun. 30 nov., 08:30',
    });
    const body = JSON.stringify(card.body);
    expect(body).toContain('Mentions négatives par heure : ▁█ (max 3)');
    expect(body).toContain('Part de voix (mentions, part du total, part négative) :');
    expect(body).toContain('• Acme Air (marque) : 1200, 75%, 25% négatives');
    expect(body).toContain('• Globex : 400, 25%, 10% négatives');
  });
});
