import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, SETTING_NAMES, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has defaults for everything with an empty environment', () => {
    const config = loadConfig({});
    expect(config.VIGIE_DATA_DIR).toBe('./data');
    expect(config.VIGIE_POLL_CRON).toBe('*/5 * * * *');
    expect(config.VIGIE_BUCKET).toBe(300_000);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.PORT).toBe(3000);
    expect(config.VIGIE_ALLOW_PRIVATE_URLS).toBe(false);
  });

  it('accepts a seconds field in the cron and durations in words', () => {
    const config = loadConfig({ VIGIE_POLL_CRON: '*/30 * * * * *', VIGIE_BUCKET: '15m', VIGIE_RESOLVE_AFTER: '1h30m' });
    expect(config.VIGIE_BUCKET).toBe(900_000);
    expect(config.VIGIE_RESOLVE_AFTER).toBe(5_400_000);
  });

  it('lists every invalid setting in one error', () => {
    let error: unknown;
    try {
      loadConfig({ VIGIE_POLL_CRON: 'every minute', VIGIE_BUCKET: '7m', LOG_LEVEL: 'loud', PORT: 'eighty', VIGIE_GNEWS_URL: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['VIGIE_POLL_CRON', 'VIGIE_BUCKET', 'LOG_LEVEL', 'PORT', 'VIGIE_GNEWS_URL']),
    );
    expect((error as ConfigError).message).toContain('PORT: expected a whole number');
  });

  it('reads the optional sentiment server: TEI by default, a model name required for the chat API', () => {
    const tei = loadConfig({ VIGIE_SENTIMENT_URL: 'http://127.0.0.1:8080/', VIGIE_SENTIMENT_TIMEOUT: '2s' });
    expect([tei.VIGIE_SENTIMENT_URL, tei.VIGIE_SENTIMENT_API, tei.VIGIE_SENTIMENT_TIMEOUT, tei.VIGIE_SENTIMENT_BATCH]).toEqual([
      'http://127.0.0.1:8080',
      'tei',
      2000,
      32,
    ]);
    expect(() => loadConfig({ VIGIE_SENTIMENT_URL: 'http://127.0.0.1:11434/v1', VIGIE_SENTIMENT_API: 'openai' })).toThrow(
      /VIGIE_SENTIMENT_MODEL: required/,
    );
    expect(() => loadConfig({ VIGIE_SENTIMENT_API: 'bert' })).toThrow(ConfigError);
    expect(() => loadConfig({ VIGIE_SENTIMENT_BATCH: '0' })).toThrow(/VIGIE_SENTIMENT_BATCH/);
  });

  it('documents every setting in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...SETTING_NAMES].sort());
    for (const name of SETTING_NAMES) {
      const line = example.split('\n').findIndex((l) => new RegExp(`^#?\\s*${name}=`).test(l));
      expect(example.split('\n')[line - 1], `${name} needs a comment above it`).toMatch(/^#/);
    }
  });
});

describe('security settings', () => {
  it('accepts a 32-byte secret key and refuses anything else without echoing it', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ VIGIE_SECRET_KEY: key }).VIGIE_SECRET_KEY).toBe(key);
    let error: unknown;
    try {
      loadConfig({ VIGIE_SECRET_KEY: 'hunter2-is-my-password' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/VIGIE_SECRET_KEY: expected 32 random bytes/);
    expect((error as ConfigError).message).not.toContain('hunter2');
    expect(() => loadConfig({ VIGIE_SECRET_KEY_PREVIOUS: key })).toThrow(/VIGIE_SECRET_KEY: required with VIGIE_SECRET_KEY_PREVIOUS/);
  });

  it('keeps unauthenticated Teams on loopback unless explicitly allowed', () => {
    expect(() => loadConfig({ TEAMS_ENABLED: 'true', VIGIE_HTTP_HOST: '0.0.0.0' })).toThrow(/VIGIE_HTTP_HOST: Teams without MICROSOFT_APP_ID/);
    expect(loadConfig({ TEAMS_ENABLED: 'true', VIGIE_HTTP_HOST: '127.0.0.1' }).VIGIE_HTTP_HOST).toBe('127.0.0.1');
    expect(loadConfig({ TEAMS_ENABLED: 'true', VIGIE_HTTP_HOST: '0.0.0.0', VIGIE_ALLOW_UNAUTHENTICATED_TEAMS: 'true' }).VIGIE_HTTP_HOST).toBe(
      '0.0.0.0',
    );
    expect(() => loadConfig({ VIGIE_HTTP_HOST: 'example.com' })).toThrow(/VIGIE_HTTP_HOST: expected an IP address/);
  });
});
