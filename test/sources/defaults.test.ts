import { describe, expect, it } from 'vitest';
import { defaultSourcesFor } from '../../src/sources/defaults.js';
import { planWith } from './context.js';

describe('default sources of a new plan', () => {
  it('gets every keyless keyword kind, Mastodon when the query gives hashtags', () => {
    expect(defaultSourcesFor(planWith({ brand: 'acme' }), {}).map((s) => s.kind)).toEqual([
      'gnews',
      'reddit',
      'hn',
      'gdelt',
      'mastodon',
      'bluesky-stream',
    ]);
    expect(defaultSourcesFor(planWith({ brand: '"acme air" OR @acme' }), {}).map((s) => s.kind)).not.toContain('mastodon');
  });

  it('adds the keyed kinds whose credentials are set, and only those', () => {
    const kinds = defaultSourcesFor(planWith({ brand: 'acme' }), { xBearerToken: 't', blueskyHandle: 'h', youtubeApiKey: 'k' }).map((s) => s.kind);
    expect(kinds).toContain('x');
    expect(kinds).toContain('youtube');
    expect(kinds).not.toContain('bluesky');
  });
});
