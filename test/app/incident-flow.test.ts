import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../fakes/feed-server.js';
import type { FeedServer } from '../fakes/feed-server.js';
import { testVigie } from '../support/vigie.js';
import { calmThenBurst } from '../support/burst.js';
import { sourceKey } from '../../src/core/source-state.js';
import type { CommandContext } from '../../src/core/commands/types.js';

const ctx = (workspace: string, user = 'U1'): CommandContext => ({
  scope: { platform: 'local', workspace },
  channel: 'terminal',
  user,
  locale: 'en',
});

describe('an incident from the first alert to the buttons, across a restart', () => {
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({ items: calmThenBurst(Date.now()) });
  });
  afterAll(async () => {
    await feeds.close();
  });

  it('alerts once, records each button with who and when, refuses another workspace, and never reposts the parent', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vigie-flow-'));
    const first = await testVigie({ VIGIE_GNEWS_URL: feeds.url }, { dataDir });
    const owner = ctx('local');
    await first.watchOnly('acme', 'Acme', owner);
    await first.say(`source acme rss ${feeds.url}/rss.xml`, owner);
    const plan = (await first.vigie.store.plans.get(owner.scope, 'acme'))!;
    await first.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
    await first.vigie.outbox.flush();
    expect(first.printed().match(/^🚨/gm)).toHaveLength(1);
    const incident = (await first.vigie.store.incidents.open(plan.id))!;
    expect(incident.alertedAt).toBeDefined();

    const forged = await first.vigie.commands.action(incident.id, 'not_crisis', ctx('intruder'));
    expect(forged.ok).toBe(false);
    expect((await first.vigie.store.incidents.get(incident.id))!.falsePositive).toBeUndefined();

    expect((await first.vigie.commands.action(incident.id, 'acknowledge', ctx('local', 'amina'))).ok).toBe(true);
    expect((await first.say(`act ${incident.id} escalate`, ctx('local', 'karim'))).text).toContain('karim escalated');
    await first.vigie.outbox.flush();
    expect(first.printed()).toContain('Acknowledged by amina');
    expect(first.printed()).toContain('Escalated by karim');
    const again = await first.vigie.commands.action(incident.id, 'acknowledge', ctx('local', 'other'));
    expect(again.lines[0]?.key).toBe('cmd.action.already');
    await first.close();

    // A restart in the middle of the incident: queued messages go out, the parent is never posted again.
    const second = await testVigie({ VIGIE_GNEWS_URL: feeds.url }, { dataDir });
    await second.vigie.store.outbox.add({
      id: 'replayed-open',
      incidentId: incident.id,
      planId: plan.id,
      platform: 'local',
      kind: 'open',
      payload: {},
      createdAt: Date.now(),
      dueAt: Date.now(),
      attempts: 0,
    });
    await second.vigie.pipeline.poll({ planId: plan.id, sourceKey: sourceKey(plan.id, 'rss', `${feeds.url}/rss.xml`) });
    await second.vigie.outbox.flush();
    // The replayed open was handled (confirmed against the saved thread), so no parent below is not a message left queued.
    expect((await second.vigie.store.outbox.pending()).map((o) => o.id)).not.toContain('replayed-open');
    expect(second.printed()).not.toMatch(/^🚨/m);

    expect((await second.vigie.commands.action(incident.id, 'mute', ctx('local', 'amina'))).ok).toBe(true);
    expect((await second.vigie.store.incidents.get(incident.id))!.muted?.until).toBeGreaterThan(Date.now() + 3_600_000);
    expect((await second.vigie.commands.action(incident.id, 'not_crisis', ctx('local', 'amina'))).ok).toBe(true);
    const feedback = await second.vigie.store.feedback.list(plan.id);
    expect(feedback.map((f) => [f.kind, f.by])).toEqual([
      ['acknowledge', 'amina'],
      ['escalate', 'karim'],
      ['mute', 'amina'],
      ['not_crisis', 'amina'],
    ]);
    expect(feedback.at(-1)!.observed).toBeGreaterThan(0);
    expect((await second.say('show acme', owner)).text).toMatch(/1 "not a crisis" mark\(s\): the alert threshold is ×/);
    await second.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});
