import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVigie, type Vigie } from '../../../src/app/vigie.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/log.js';
import { startTeams, TeamsSettingsSchema, type TeamsRuntime } from '../../../src/platforms/teams/index.js';
import { PLAN_SUBMIT_VERB } from '../../../src/platforms/teams/plan-card.js';
import { actionVerb, DRAFT_USED_VERB } from '../../../src/platforms/teams/cards.js';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.js';
import { CHANNEL, TENANT, incident } from './fixtures.js';
import { executeActivity, installActivity, messageActivity } from './harness.js';

/** Vigie's real composition (command service, store, outbox) with Teams mounted on its HTTP app. */
describe('Teams end to end on the real command service and outbox', () => {
  let dir: string;
  let vigie: Vigie;
  let teams: TeamsRuntime;
  let connector: FakeBotConnector;
  let server: Server;
  let url: string;

  const post = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const raw = await res.text();
    return { status: res.status, body: raw === '' ? undefined : (JSON.parse(raw) as any) };
  };
  const say = async (text: string) => {
    const activity = messageActivity(text, { serviceUrl: connector.url });
    await post(activity);
    return (await connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id)).body;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vigie-teams-e2e-'));
    connector = await startFakeBotConnector();
    const config = loadConfig({ VIGIE_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'silent' });
    vigie = await createVigie({ config, stdout: new PassThrough(), logStream: new PassThrough(), overrides: { logger: silentLogger } });
    teams = await startTeams({
      settings: TeamsSettingsSchema.parse({ enabled: true }),
      express: vigie.http,
      commands: vigie.commands,
      store: vigie.store,
      logger: silentLogger,
    });
    vigie.notifiers.set('teams', teams.notifier);
    server = await new Promise<Server>((resolve) => {
      const s = vigie.http.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await post(installActivity({ serviceUrl: connector.url }));
  });
  afterAll(async () => {
    await teams?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await vigie?.outbox.stop();
    await vigie?.store.close();
    await connector?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('"watch" from a channel mention creates a plan of this tenant that alerts this channel', async () => {
    const reply = await say('watch acme "Acme Air" OR acmeair');
    expect(reply.text).toContain('acme');
    const plan = await vigie.store.plans.get({ platform: 'teams', workspace: TENANT }, 'acme');
    expect(plan).toMatchObject({
      scope: { platform: 'teams', workspace: TENANT },
      destination: { platform: 'teams', workspace: TENANT, channel: CHANNEL },
      status: 'active',
    });
    expect(await vigie.store.plans.get({ platform: 'teams', workspace: 'another-tenant' }, 'acme')).toBeUndefined();
  });

  it('"plan acme" sends the form filled from the plan, and an invalid submit shows the field error on the card', async () => {
    const reply = await say('plan acme');
    const form = reply.attachments[0].content;
    const brand = form.body.find((e: any) => e.id === 'brand');
    expect(brand.value).toBe('"Acme Air" OR acmeair');
    const res = await post(
      executeActivity(
        PLAN_SUBMIT_VERB,
        { name: 'acme', brand: '"Acme Air" OR (', sensitivity: 'normal', kinds: 'rss' },
        { serviceUrl: connector.url },
      ),
    );
    expect(res.status).toBe(200);
    const card = res.body.value;
    const index = card.body.findIndex((e: any) => e.id === 'brand');
    expect(card.body[index + 1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
    expect(card.body[index].value).toBe('"Acme Air" OR (');
  });

  it('an incident goes out through the outbox as one thread, and a button click redraws the card and escalates', async () => {
    const plan = (await vigie.store.plans.get({ platform: 'teams', workspace: TENANT }, 'acme'))!;
    const now = Date.now();
    await vigie.store.incidents.save(incident({ id: 'inc-e2e', planId: plan.id, openedAt: now, lastBucketAt: now }));
    for (const kind of ['open', 'state']) {
      await vigie.store.outbox.add({
        id: `o-${kind}`,
        incidentId: 'inc-e2e',
        planId: plan.id,
        platform: 'teams',
        kind,
        payload: {},
        createdAt: now,
        dueAt: now,
        attempts: 0,
      });
    }
    await vigie.outbox.flush();
    const root = await connector.waitFor((c) => c.op === 'createConversation');
    const thread = (await vigie.store.threads.get('inc-e2e', 'teams'))?.ref;
    expect(thread?.thread).toBe(`${CHANNEL};messageid=${thread?.root}`);
    expect(JSON.stringify(root.body.activity)).toContain('vigie.alert.acknowledge');

    const res = await post(
      executeActivity(actionVerb('escalate'), { incidentId: 'inc-e2e' }, { serviceUrl: connector.url, replyToId: thread?.root }),
    );
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(res.body.value)).toContain('Escalated by Alice Martin');
    await vigie.outbox.flush();
    const escalation = await connector.waitFor((c) => c.op === 'sendToConversation' && String(c.body.text ?? '').includes('escalated'));
    expect(escalation.conversationId).toBe(thread?.thread);
    expect(connector.calls.filter((c) => c.op === 'createConversation')).toHaveLength(1);
  });

  it('a click from another tenant is refused and changes nothing', async () => {
    const forged = executeActivity(actionVerb('not_crisis'), { incidentId: 'inc-e2e' }, { serviceUrl: connector.url });
    (forged.channelData as any).tenant.id = 'another-tenant';
    (forged.conversation as any).tenantId = 'another-tenant';
    const res = await post(forged);
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    expect((await vigie.store.incidents.get('inc-e2e'))?.falsePositive).toBeUndefined();
  });
  it('the alert card opens the incident report, and "export" answers with a download link (a bot cannot post a file in a channel)', async () => {
    const root = connector.calls.find((c) => c.op === 'createConversation')!;
    const card = root.body.activity.attachments[0].content;
    const open = (card.actions as Array<{ type: string; url?: string }>).find((a) => a.type === 'Action.OpenUrl')!;
    const page = new URL(open.url!);
    expect(page.pathname).toBe('/report/inc-e2e');
    const res = await fetch(`${url}${page.pathname}${page.search}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Incident report: acme');

    const reply = await say('export inc-e2e csv');
    expect(reply.text).toMatch(/mentions? from 1 incident/);
    const link = new URL(/Download \(link valid until [^)]*\): (\S+)/.exec(reply.text)![1]!);
    // The same link as a button on a card under the text.
    expect(reply.attachments[0].content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Download', url: link.href }]);
    expect(reply.attachments[0].content.body[0].text).toMatch(/^vigie-acme-inc-e2e-\d{4}-\d\d-\d\d\.csv$/);
    const file = await fetch(`${url}${link.pathname}${link.search}`);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\r\n')[0]).toBe('incident_id,published_at,source,author,text,url,language,sentiment,confidence,matched');
  });

  it('"Mark as used" (Action.Submit) under a draft of the suggestions card: recorded, answered, marked on the report page', async () => {
    const plan = (await vigie.store.plans.get({ platform: 'teams', workspace: TENANT }, 'acme'))!;
    const now = Date.now();
    await vigie.store.outbox.add({
      id: 'o-suggestions',
      incidentId: 'inc-e2e',
      planId: plan.id,
      platform: 'teams',
      kind: 'suggestions',
      payload: {},
      createdAt: now,
      dueAt: now,
      attempts: 0,
    });
    await vigie.outbox.flush();
    const posted = await connector.waitFor((c) => JSON.stringify(c.body ?? {}).includes(DRAFT_USED_VERB));
    const submits: Array<{ type: string; title: string; data: Record<string, string> }> = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node !== null && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'Action.Submit') submits.push(o as never);
        Object.values(o).forEach(collect);
      }
    };
    collect(posted.body);
    expect(submits.map((a) => [a.title, a.data.draft])).toEqual([
      ['Mark as used', 'holding'],
      ['Mark as used', 'reply'],
      ['Mark as used', 'brief'],
    ]);
    const holding = submits[0]!.data;
    expect(holding).toMatchObject({ verb: DRAFT_USED_VERB, incidentId: 'inc-e2e' });

    // Action.Submit arrives as a message whose value is the button's data.
    const activity: Record<string, unknown> = { ...messageActivity('', { serviceUrl: connector.url, mention: false }), text: '', value: holding };
    expect((await post(activity)).status).toBe(200);
    const reply = await connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === activity.id);
    expect(reply.body.text).toContain('Alice Martin used the holding statement (no. 1)');
    const used = (await vigie.store.incidents.get('inc-e2e'))!.usedDrafts!;
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ kind: 'holding', n: 1, by: 'Alice Martin', text: holding.text });

    const forged: Record<string, unknown> = {
      ...messageActivity('', { serviceUrl: connector.url, mention: false }),
      text: '',
      value: { ...holding, draft: 'all' },
    };
    await post(forged);
    expect((await connector.waitFor((c) => c.op === 'replyToActivity' && c.activityId === forged.id)).body.text).not.toContain('Recorded');
    expect((await vigie.store.incidents.get('inc-e2e'))!.usedDrafts).toHaveLength(1);

    const root = connector.calls.find((c) => c.op === 'createConversation')!;
    const open = (root.body.activity.attachments[0].content.actions as Array<{ type: string; url?: string }>).find(
      (a) => a.type === 'Action.OpenUrl',
    )!;
    const page = new URL(open.url!);
    const html = await (await fetch(`${url}${page.pathname}${page.search}`)).text();
    expect(html).toMatch(/<p data-used="holding"><strong>✓ Used by Alice Martin at [^<]+<\/strong><\/p>/);
    expect(html).toContain('Suggested response used by Alice Martin: holding statement');
  });
});
