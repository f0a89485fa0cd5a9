import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

function capture(isTTY = false) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text, lines: () => text.trim().split('\n').filter(Boolean) };
}

describe('logger', () => {
  it('keeps an error’s stack, code and cause chain', () => {
    const out = capture();
    const error = Object.assign(new Error('post failed', { cause: new Error('socket hang up') }), { code: 'slack_webapi_platform_error' });
    createLogger({ level: 'info', stream: out.stream }).error('could not post', { error, incidentId: 'i1' });
    const [line] = out.lines().map((l) => JSON.parse(l));
    expect(line).toMatchObject({ level: 'error', msg: 'could not post', incidentId: 'i1' });
    expect(line.error.stack).toContain('post failed');
    expect(line.error.code).toBe('slack_webapi_platform_error');
    expect(line.error.cause.message).toBe('socket hang up');
    expect(line.error.cause.stack).toContain('socket hang up');
    expect(typeof line.time).toBe('string');
  });

  it('redacts secrets by path: settings, headers, and the request an SDK error carries', () => {
    const out = capture();
    const error = Object.assign(new Error('invalid_auth'), {
      config: { url: 'https://slack.com/api/chat.postMessage', headers: { Authorization: 'Bearer xoxb-1' } },
    });
    createLogger({ level: 'info', stream: out.stream }).warn('slack refused', {
      token: 'xoxb-2',
      settings: { signingSecret: 's3', oauth: { clientSecret: 'c4' } },
      headers: { authorization: 'Bearer 5', 'content-type': 'application/json' },
      error,
    });
    const text = out.text();
    for (const secret of ['xoxb-1', 'xoxb-2', 's3', 'c4', 'Bearer 5']) expect(text).not.toContain(secret);
    const [line] = out.lines().map((l) => JSON.parse(l));
    expect(line.headers['content-type']).toBe('application/json');
    expect(line.error.config.url).toBe('https://slack.com/api/chat.postMessage');
    expect(line.settings.oauth.clientSecret).toBe('[redacted]');
  });

  it('carries the bindings of a child on every line (a poll id ties one poll together)', () => {
    const out = capture();
    const poll = createLogger({ level: 'debug', stream: out.stream }).child({ pollId: 'p-42', planId: 'acme' });
    poll.debug('fetched', { items: 3 });
    poll.warn('poll failed', { code: 'timeout' });
    const lines = out.lines().map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ pollId: 'p-42', planId: 'acme' });
  });

  it('drops lines under the level, and writes nothing when silent', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', stream: out.stream });
    log.info('routine');
    log.warn('odd');
    expect(out.lines().map((l) => JSON.parse(l).msg)).toEqual(['odd']);
    const quiet = capture();
    createLogger({ level: 'silent', stream: quiet.stream }).error('never shown');
    expect(quiet.text()).toBe('');
  });

  it('writes readable text, not JSON, to a terminal', () => {
    const out = capture(true);
    createLogger({ level: 'info', stream: out.stream }).info('vigie started', { cron: '*/5 * * * *' });
    expect(out.text()).toContain('vigie started');
    expect(() => JSON.parse(out.lines()[0] ?? '')).toThrow();
  });
});
