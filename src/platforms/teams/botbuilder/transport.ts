import express from 'express';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../../../log.js';
import type { TeamsSettings } from '../settings.js';
import {
  InboundActivitySchema,
  TeamsTransportError,
  rootIdOf,
  type OutboundActivity,
  type TeamsConversationRef,
  type TeamsTransport,
  type TeamsTurn,
  type TurnHandler,
} from '../port.js';
import { toTransportError } from './errors.js';
import { createConnectorHttpClient } from './http-client.js';

const CHANNEL_ID = 'msteams';
/** OAuth scope of the public Bot Connector, the audience of the tokens botbuilder asks for when sending. */
const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';
/** Teams answers within seconds; a Bot Connector call still pending after this is treated as an outage. */
const CONNECTOR_TIMEOUT_MS = 30_000;

function toActivity(activity: OutboundActivity): Partial<Activity> {
  return { type: ActivityTypes.Message, ...activity };
}

function conversationReference(ref: TeamsConversationRef, conversationId: string): Partial<ConversationReference> {
  return {
    channelId: CHANNEL_ID,
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.botId, name: ref.botName ?? '' },
    conversation: {
      id: conversationId,
      tenantId: ref.tenantId,
      isGroup: ref.conversationType !== 'personal',
      conversationType: ref.conversationType,
      name: '',
    },
  };
}

/** Credentials for botbuilder, in the names `ConfigurationBotFrameworkAuthentication` reads. */
function authConfig(settings: TeamsSettings): Record<string, string> {
  if (settings.appId === undefined) return {};
  const config: Record<string, string> = { MicrosoftAppId: settings.appId, MicrosoftAppType: settings.appType };
  if (settings.appPassword !== undefined) config.MicrosoftAppPassword = settings.appPassword;
  if (settings.tenantId !== undefined) config.MicrosoftAppTenantId = settings.tenantId;
  return config;
}

/** The port on botbuilder's CloudAdapter: Bot Framework auth on the way in, Bot Connector REST on the way out. */
export function createBotbuilderTransport(settings: TeamsSettings, logger: Logger): TeamsTransport {
  const appId = settings.appId ?? '';
  const authenticated = settings.appId !== undefined;
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(authConfig(settings), undefined, undefined, undefined, {
      httpClient: createConnectorHttpClient({ timeoutMs: CONNECTOR_TIMEOUT_MS }),
    }),
  );
  if (!authenticated) {
    logger.warn(
      '!!! Teams runs WITHOUT AUTHENTICATION: MICROSOFT_APP_ID is not set, so anyone who can reach the messaging endpoint can drive the bot. Use this only with the Bot Framework Emulator protocol on a local machine.',
      { code: 'teams_unauthenticated', path: settings.path },
    );
  }

  const turnOf = (ctx: TurnContext, activity: TeamsTurn['activity']): TeamsTurn => ({
    activity,
    reply: async (out) => {
      try {
        return (await ctx.sendActivity(toActivity(out)))?.id ?? '';
      } catch (error) {
        throw toTransportError(error, 'reply');
      }
    },
    update: async (activityId, out) => {
      try {
        await ctx.updateActivity({ ...toActivity(out), id: activityId });
      } catch (error) {
        throw toTransportError(error, 'update');
      }
    },
  });

  const runTurn = async (ctx: TurnContext, onTurn: TurnHandler): Promise<void> => {
    const parsed = InboundActivitySchema.safeParse(ctx.activity);
    if (!parsed.success) {
      logger.warn('teams: activity ignored, unexpected shape', {
        code: 'teams_bad_activity',
        type: ctx.activity.type,
        issues: parsed.error.issues.slice(0, 5),
      });
      return;
    }
    const result = await onTurn(turnOf(ctx, parsed.data));
    if (result !== undefined && parsed.data.type === ActivityTypes.Invoke) {
      await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: result });
    }
  };

  /** Run `fn` in a proactive turn on `conversationId`, its sends going to the conversation, not as replies. */
  const proactive = async (
    ref: TeamsConversationRef,
    conversationId: string,
    operation: string,
    fn: (ctx: TurnContext) => Promise<void>,
  ): Promise<void> => {
    try {
      await adapter.continueConversationAsync(appId, conversationReference(ref, conversationId), async (ctx) => {
        // The continuation activity has a made-up id that botbuilder would copy into `replyToId`.
        ctx.onSendActivities(async (_ctx, activities, next) => {
          for (const activity of activities) delete activity.replyToId;
          return next();
        });
        await fn(ctx);
      });
    } catch (error) {
      throw toTransportError(error, operation);
    }
  };

  return {
    authenticated,
    mount(app, path, onTurn) {
      app.post(path, express.json({ limit: '1mb' }), async (req, res) => {
        const body = req.body as { type?: unknown } | undefined;
        if (typeof body !== 'object' || body === null || typeof body.type !== 'string') {
          logger.warn('teams: request without an activity refused', { code: 'teams_not_an_activity', path });
          res
            .status(400)
            .json({ error: { code: 'teams_not_an_activity', message: 'The body must be a Bot Framework activity (JSON with a "type").' } });
          return;
        }
        await adapter.process(req, res, (ctx) => runTurn(ctx, onTurn));
      });
    },

    async createChannelThread(ref, activity) {
      let conversationId: string | undefined;
      try {
        // createConversationAsync drops the new activity's id: the root id is read from `;messageid=` instead.
        await adapter.createConversationAsync(
          appId,
          CHANNEL_ID,
          ref.serviceUrl,
          BOT_CONNECTOR_AUDIENCE,
          {
            isGroup: true,
            bot: { id: ref.botId, name: ref.botName ?? '' },
            channelData: { channel: { id: ref.conversationId }, tenant: { id: ref.tenantId } },
            activity: toActivity(activity) as Activity,
            tenantId: ref.tenantId,
            members: [],
          },
          async (ctx) => {
            conversationId = ctx.activity.conversation?.id;
          },
        );
      } catch (error) {
        throw toTransportError(error, 'create channel thread');
      }
      const activityId = conversationId === undefined ? undefined : rootIdOf(conversationId);
      if (conversationId === undefined || activityId === undefined) {
        throw new TeamsTransportError(
          'rejected',
          `create channel thread: no ";messageid=" in the conversation id returned (${conversationId ?? 'none'})`,
        );
      }
      return { conversationId, activityId };
    },

    async createDirectChat(ref, userId, activity) {
      try {
        // A 1:1 conversation with the user (Teams answers with the existing chat when there is one).
        await adapter.createConversationAsync(
          appId,
          CHANNEL_ID,
          ref.serviceUrl,
          BOT_CONNECTOR_AUDIENCE,
          {
            isGroup: false,
            bot: { id: ref.botId, name: ref.botName ?? '' },
            members: [{ id: userId, name: '' }],
            channelData: { tenant: { id: ref.tenantId } },
            activity: toActivity(activity) as Activity,
            tenantId: ref.tenantId,
          },
          async () => {},
        );
      } catch (error) {
        throw toTransportError(error, 'create direct chat');
      }
    },

    async send(ref, conversationId, activity) {
      let id = '';
      await proactive(ref, conversationId, 'send', async (ctx) => {
        id = (await ctx.sendActivity(toActivity(activity)))?.id ?? '';
      });
      return { id };
    },

    async update(ref, conversationId, activityId, activity) {
      await proactive(ref, conversationId, 'update', async (ctx) => {
        await ctx.updateActivity({ ...toActivity(activity), id: activityId });
      });
    },

    async member(ref, userId) {
      let found: { id: string; name: string } | undefined;
      try {
        // Members are listed per team (or chat): a channel other than General is not a member roster.
        await proactive(ref, ref.teamId ?? ref.conversationId, 'get member', async (ctx) => {
          const account = await TeamsInfo.getMember(ctx, userId);
          if (account.name) found = { id: account.id, name: account.name };
        });
      } catch (error) {
        if (error instanceof TeamsTransportError && error.code === 'not_found') return undefined;
        throw error;
      }
      return found;
    },
  };
}
