import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import type { AlertAction } from '../../../src/core/alert-view.js';
import type { CommandContext, CommandService, PlanForm, PlanFormResult, Reply } from '../../../src/core/commands/types.js';
import type { MessageKey } from '../../../src/i18n/catalog.js';
import { type Logger, silentLogger } from '../../../src/log.js';
import { startTeams, TeamsSettingsSchema, type TeamsRuntime, type TeamsSettingsInput } from '../../../src/platforms/teams/index.js';
import { createLowdbStore } from '../../../src/store/lowdb.js';
import type { Store } from '../../../src/store/store.js';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector.js';
import { BOT, CHANNEL, TEAM, TENANT } from './fixtures.js';

/** A line the fake command service answers with: not in the catalogue, so it renders as itself. */
export function echoKey(text: string): MessageKey {
  return `echo:${text}` as MessageKey;
}

export interface RecordedCommand {
  text: string;
  ctx: CommandContext;
}

/**
 * A command service that records what the bot hands it. `action` applies the button to the stored incident the way
 * the real one does, so a redrawn card shows the new state.
 */
export function fakeCommands(
  store: () => Store,
): CommandService & { runs: RecordedCommand[]; actions: Array<{ incidentId: string; action: AlertAction; ctx: CommandContext }>; forms: PlanForm[] } {
  const runs: RecordedCommand[] = [];
  const actions: Array<{ incidentId: string; action: AlertAction; ctx: CommandContext }> = [];
  const forms: PlanForm[] = [];
  return {
    runs,
    actions,
    forms,
    async run(text, ctx): Promise<Reply> {
      runs.push({ text, ctx });
      return { ok: true, lines: [{ key: echoKey(text) }] };
    },
    isSlow: (text) => text.startsWith('test'),
    async action(incidentId, action, ctx) {
      actions.push({ incidentId, action, ctx });
      const incident = await store().incidents.get(incidentId);
      if (incident === undefined) return { ok: false, lines: [{ key: echoKey(`unknown incident ${incidentId}`) }] };
      const actor = { by: ctx.user, at: incident.openedAt + 600_000 };
      const next =
        action === 'acknowledge'
          ? { ...incident, acknowledged: actor }
          : action === 'escalate'
            ? { ...incident, escalated: actor }
            : action === 'mute'
              ? { ...incident, muted: { ...actor, until: actor.at + 7_200_000 } }
              : { ...incident, falsePositive: actor };
      await store().incidents.save(next);
      return { ok: true, lines: [{ key: echoKey(`${action} ${incidentId}`) }] };
    },
    async useDraft(incidentId, draft) {
      return { ok: true, lines: [{ key: echoKey(`used ${draft} ${incidentId}`) }] };
    },
    async submitPlanForm(form): Promise<PlanFormResult> {
      forms.push(form);
      if (form.brand.trim() === '') return { ok: false, errors: { brand: { key: 'teams.plan.brand' } } };
      if (!/^[a-z]/i.test(form.name)) return { ok: false, errors: { name: { key: echoKey('name must start with a letter') } } };
      throw new Error('the fake only refuses forms');
    },
    async planForm(name) {
      return { name: name ?? '', brand: '', kinds: ['x', 'reddit'], languages: [], sensitivity: 'normal', escalation: [] };
    },
  };
}

export interface Harness {
  connector: FakeBotConnector;
  store: Store;
  runtime: TeamsRuntime;
  commands: ReturnType<typeof fakeCommands>;
  /** POST an activity to /api/messages as the Bot Connector would. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** A second bot process on the same store and connector (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(settings: Partial<TeamsSettingsInput> = {}, options: { logger?: Logger } = {}): Promise<Harness> {
  const connector = await startFakeBotConnector();
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-teams-'));
  let store = await createLowdbStore(dir);
  const commands = fakeCommands(() => store);
  let server: Server | undefined;
  let runtime: TeamsRuntime | undefined;
  let url = '';

  const boot = async (): Promise<void> => {
    const app = express();
    runtime = await startTeams({
      settings: TeamsSettingsSchema.parse({ enabled: true, maxWaitMs: 5_000, ...settings }),
      express: app,
      commands,
      store,
      logger: options.logger ?? silentLogger,
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const shutdown = async (): Promise<void> => {
    await runtime?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  };
  await boot();

  return {
    connector,
    get store() {
      return store;
    },
    get runtime() {
      if (runtime === undefined) throw new Error('not started');
      return runtime;
    },
    commands,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const raw = await res.text();
      let body: unknown = raw;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        // Plain-text answers (errors) stay as they are.
      }
      return { status: res.status, body };
    },
    async restart() {
      await shutdown();
      await store.close();
      store = await createLowdbStore(dir);
      await boot();
    },
    async close() {
      await shutdown();
      await store.close();
      await connector.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let nextId = 1;

interface Where {
  serviceUrl: string;
  /** Channel (default), group chat or personal chat. */
  kind?: 'channel' | 'groupChat' | 'personal';
  locale?: string;
}

function conversation(where: Where, thread?: string): Record<string, unknown> {
  const kind = where.kind ?? 'channel';
  if (kind === 'channel') {
    return {
      conversation: { id: thread ?? CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: TEAM, name: 'Comms' }, channel: { id: CHANNEL, name: 'General' } },
    };
  }
  const id = kind === 'groupChat' ? '19:group-chat@thread.v2' : 'a:personal-chat';
  return { conversation: { id, conversationType: kind, isGroup: kind === 'groupChat', tenantId: TENANT }, channelData: { tenant: { id: TENANT } } };
}

function base(where: Where): Record<string, unknown> {
  return {
    id: String(nextId++),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: where.locale ?? 'en-US',
    from: { id: '29:alice', name: 'Alice Martin', aadObjectId: 'aad-alice' },
    recipient: { id: BOT, name: 'Vigie' },
  };
}

/** A message as Teams delivers it: in a channel the bot's mention is in the text and in `entities`. */
export function messageActivity(text: string, where: Where & { mention?: boolean }): Record<string, unknown> {
  const activity = base(where);
  const id = String(activity.id);
  const mention = where.mention ?? (where.kind ?? 'channel') !== 'personal';
  const conv = conversation(where, `${CHANNEL};messageid=${id}`);
  return {
    ...activity,
    type: 'message',
    ...conv,
    text: mention ? `<at>Vigie</at> ${text}` : text,
    textFormat: 'plain',
    entities: mention ? [{ type: 'mention', text: '<at>Vigie</at>', mentioned: { id: BOT, name: 'Vigie' } }] : [],
  };
}

export function installActivity(where: Where): Record<string, unknown> {
  return { ...base(where), type: 'conversationUpdate', ...conversation(where), membersAdded: [{ id: BOT }] };
}

export function removalActivity(where: Where): Record<string, unknown> {
  return { ...base(where), type: 'conversationUpdate', ...conversation(where), membersRemoved: [{ id: BOT }] };
}

/** An Adaptive Card `Action.Execute` click (Universal Actions). */
export function executeActivity(verb: string, data: Record<string, unknown>, where: Where & { replyToId?: string }): Record<string, unknown> {
  return {
    ...base(where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    ...conversation(where),
    ...(where.replyToId !== undefined ? { replyToId: where.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
