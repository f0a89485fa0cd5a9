import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES, slackManifest } from '../../../manifests/slack/manifest.js';
import { manifestJson } from '../../../manifests/slack/write-manifests.js';
import { SLACK_BOT_SCOPES, SlackSettingsSchema } from '../../../src/platforms/slack/settings.js';
import { EVENTS_PATH, REDIRECT_PATH } from '../../../src/platforms/slack/transport.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../manifests/slack');

describe('Slack app manifest', () => {
  it.each(['http', 'socket'] as const)('the committed manifest.%s.json is the generated one (run `npm run manifest:slack`)', (mode) => {
    expect(readFileSync(path.join(DIR, `manifest.${mode}.json`), 'utf8')).toBe(manifestJson(mode));
  });

  it('asks for exactly the scopes the adapter uses', () => {
    expect(slackManifest('http').oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'files:write',
      'channels:history',
      'groups:history',
      'im:write',
    ]);
    expect(slackManifest('socket').oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  });

  it('OAuth installs ask for the manifest’s scopes and come back to the redirect path the adapter serves', () => {
    expect([...SLACK_BOT_SCOPES]).toEqual([...BOT_SCOPES]);
    expect(slackManifest('http', 'https://vigie.acme.test/').oauth_config.redirect_urls).toEqual([`https://vigie.acme.test${REDIRECT_PATH}`]);
    expect(slackManifest('socket').oauth_config).not.toHaveProperty('redirect_urls');
  });

  it('declares the command the adapter listens to', () => {
    expect(slackManifest('http').features.slash_commands[0]?.command).toBe(
      SlackSettingsSchema.parse({ botToken: 'xoxb-1', signingSecret: 's' }).command,
    );
  });

  it('sends everything to /slack/events in HTTP mode (and the OAuth redirect to its path), and no URL at all in Socket Mode', () => {
    const http = JSON.stringify(slackManifest('http', 'https://bot.acme.io/'));
    const urls = http.match(/https:\/\/[^"]+/g) ?? [];
    expect(urls.sort()).toEqual([...Array(3).fill(`https://bot.acme.io${EVENTS_PATH}`), `https://bot.acme.io${REDIRECT_PATH}`].sort());
    const socket = slackManifest('socket');
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/"(url|request_url)"/);
  });
});
