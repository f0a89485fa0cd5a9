import { afterAll, describe, expect, it } from 'vitest';
import { SOURCE_KINDS } from '../../src/core/mention.js';
import { createSourceRegistry } from '../../src/sources/registry.js';
import { settingsFrom } from '../../src/app/settings.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';

describe('createSourceRegistry', () => {
  const settings = (env: Record<string, string>) => ({
    ...settingsFrom(loadConfig(env)).sources,
    logger: silentLogger,
    petitionLinks: async () => [],
  });
  const registry = createSourceRegistry(settings({}));
  afterAll(() => registry.close());

  it('registers every kind, each under its own name', () => {
    expect([...registry.kinds()].sort()).toEqual([...SOURCE_KINDS].sort());
    for (const kind of registry.kinds()) expect(registry.get(kind)?.kind).toBe(kind);
  });

  it('names the setting a keyed kind needs, and nothing for keyless kinds', () => {
    expect(registry.get('x')?.missingSettings()).toEqual(['X_BEARER_TOKEN']);
    expect(registry.get('bluesky')?.missingSettings()).toEqual(expect.arrayContaining(['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD']));
    for (const kind of ['rss', 'gnews', 'galerts', 'reddit', 'hn', 'gdelt', 'mastodon', 'bluesky-stream', 'petitions'] as const) {
      expect(registry.get(kind)?.missingSettings(), kind).toEqual([]);
    }
  });

  it('enables a keyed kind once its credential is set', async () => {
    const keyed = createSourceRegistry(settings({ X_BEARER_TOKEN: 'token' }));
    expect(keyed.get('x')?.missingSettings()).toEqual([]);
    await keyed.close();
  });
});
