import { createHmac } from 'node:crypto';

/** The signing secret every test app is configured with. */
export const SECRET = 'test-signing-secret-0123456789';

/**
 * Headers of a request signed like Slack does. The content type is exactly `application/x-www-form-urlencoded`:
 * Bolt compares it by equality, and `…; charset=UTF-8` (what fetch adds to a URLSearchParams body) would be a 400.
 */
export function signedHeaders(raw: string, options: { ts?: number; secret?: string } = {}): Record<string, string> {
  const ts = options.ts ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', options.secret ?? SECRET)
    .update(`v0:${ts}:${raw}`)
    .digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${signature}`,
  };
}

export function postSigned(url: string, raw: string, options: { ts?: number; secret?: string } = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: signedHeaders(raw, options), body: raw });
}

export interface Who {
  team?: string;
  channel?: string;
  user?: string;
}

/** The form Slack posts for `/vigie <text>`. */
export function slashForm(text: string, responseUrl: string, who: Who = {}, command = '/vigie'): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: who.team ?? 'T1',
    team_domain: 'acme',
    channel_id: who.channel ?? 'C1',
    channel_name: 'comms',
    user_id: who.user ?? 'U1',
    user_name: 'alice',
    command,
    text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1337.42.abcdef',
  };
}

export function slashBody(text: string, responseUrl: string, who: Who = {}): string {
  return new URLSearchParams(slashForm(text, responseUrl, who)).toString();
}

/** A click on one of an alert's buttons, as the `block_actions` payload Slack posts. */
export function buttonPayload(
  action: string,
  incidentId: string,
  responseUrl: string,
  who: Who = {},
  messageTs = '1764234000.000001',
): Record<string, unknown> {
  const channel = who.channel ?? 'C1';
  return {
    type: 'block_actions',
    team: { id: who.team ?? 'T1', domain: 'acme' },
    user: { id: who.user ?? 'U1', username: 'alice', team_id: who.team ?? 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: '1337.43.abcdef',
    channel: { id: channel, name: 'comms' },
    message: { type: 'message', ts: messageTs, text: 'alert', blocks: [] },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: action,
        block_id: 'vigie_alert_actions',
        value: incidentId,
        action_ts: '1764234001.000001',
        text: { type: 'plain_text', text: action },
      },
    ],
  };
}

/** A submit of the plan modal with these state values (block id → action `value` → element state). */
export function viewSubmissionPayload(
  values: Record<string, Record<string, unknown>>,
  privateMetadata: string,
  who: Who = {},
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: who.team ?? 'T1', domain: 'acme' },
    user: { id: who.user ?? 'U1', username: 'alice', team_id: who.team ?? 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: '1337.44.abcdef',
    view: {
      id: 'V1',
      team_id: who.team ?? 'T1',
      type: 'modal',
      callback_id: 'vigie_plan',
      private_metadata: privateMetadata,
      blocks: [],
      state: { values: Object.fromEntries(Object.entries(values).map(([block, value]) => [block, { value }])) },
      hash: '1.abc',
      title: { type: 'plain_text', text: 'Watch plan' },
      close: null,
      submit: null,
      root_view_id: 'V1',
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      app_id: 'A1',
      bot_id: 'BBOT',
    },
    response_urls: [],
  };
}

export function payloadBody(payload: Record<string, unknown>): string {
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
