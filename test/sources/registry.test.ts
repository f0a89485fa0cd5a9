import { describe, expect, it } from 'vitest';
import { SOURCE_KINDS } from '../../src/core/mention.js';
import { createSourceRegistry } from '../../src/sources/registry.js';

describe('createSourceRegistry', () => {
  const registry = createSourceRegistry({ gnewsUrl: 'https://news.google.com', galertsUrl: 'https://www.google.com/alerts/feeds' });

  it('registers the feed kinds, each under its own kind', () => {
    expect(registry.kinds()).toEqual(['rss', 'gnews', 'galerts']);
    for (const kind of registry.kinds()) {
      expect(registry.get(kind)?.kind).toBe(kind);
      expect(SOURCE_KINDS).toContain(kind);
    }
  });

  it('answers undefined for a kind not implemented yet', () => {
    expect(registry.get('x')).toBeUndefined();
  });

  it('needs no credentials for feed kinds', () => {
    for (const kind of registry.kinds()) expect(registry.get(kind)?.missingSettings()).toEqual([]);
  });
});
