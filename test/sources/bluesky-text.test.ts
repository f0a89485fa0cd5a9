import { describe, expect, it } from 'vitest';
import { textWithLinks } from '../../src/sources/bluesky-text.js';

const link = (byteStart: number, byteEnd: number, uri: string) => ({
  index: { byteStart, byteEnd },
  features: [{ $type: 'app.bsky.richtext.facet#link', uri }],
});

describe('textWithLinks', () => {
  it('writes shortened links out in full, counting UTF-8 bytes (accents and emoji before the link)', () => {
    const text = 'Pétition 🚨 change.org/p/acme-st... signez';
    const start = Buffer.byteLength('Pétition 🚨 ');
    const end = start + Buffer.byteLength('change.org/p/acme-st...');
    expect(textWithLinks(text, [link(start, end, 'https://www.change.org/p/acme-stop-the-layoffs')])).toBe(
      'Pétition 🚨 https://www.change.org/p/acme-stop-the-layoffs signez',
    );
  });

  it('ignores absent and out-of-range facets, and the earlier of two overlapping ones', () => {
    expect(textWithLinks('no links', undefined)).toBe('no links');
    expect(textWithLinks('short', [link(2, 40, 'https://a.example')])).toBe('short');
    expect(textWithLinks('abcdefgh', [link(0, 5, 'https://a.example'), link(3, 8, 'https://b.example')])).toBe('abchttps://b.example');
  });
});
