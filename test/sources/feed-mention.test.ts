import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MentionSchema } from '../../src/core/mention.js';
import type { FeedEntry, ParsedFeed } from '../../src/sources/feed-parser.js';
import { mentionFromEntry } from '../../src/sources/feed-mention.js';
import { htmlToText } from '../../src/sources/html-text.js';

const NOW = Date.UTC(2026, 11, 3, 12);

/** Fragments of real and hostile HTML: unclosed tags and comments, scripts, CDATA, entities, Arabic, emoji. */
const fragment = fc.constantFrom(
  '<',
  '>',
  '<p>',
  '</p>',
  '<b>',
  '</b>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<script>',
  '</script>',
  '</SCRIPT >',
  '<style x="1">',
  '</style>',
  '<br/>',
  '<img src="x">',
  '<a href="https://acme.example/x?a=1&amp;b=2">',
  'Acme ',
  'شركة ',
  '😀',
  '&amp;',
  '&lt;',
  '&#x1F600;',
  '&bogus;',
  ' ',
  '\n',
  'é',
);
const html = fc.oneof(
  fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
);
/** What rss-parser may hand over for a field: text, nothing, or an element it did not flatten. */
const field = fc.oneof(
  html,
  fc.constant(undefined),
  fc.integer(),
  fc.constant({ _: 'x', $: { type: 'html' } }),
  fc.array(fc.string(), { maxLength: 2 }),
);
const date = fc.oneof(
  field,
  fc.date({ min: new Date(0), max: new Date(NOW + 365 * 86_400_000), noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.constantFrom('Tue, 31 Feb 2026 25:61:00 GMT', '2026-12-03T12:00:00+14:00', 'yesterday'),
);
const entry = fc.record(
  {
    guid: field,
    id: field,
    link: fc.oneof(field, fc.constantFrom('https://acme.example/a', '/relative/path', 'javascript:alert(1)', 'http://[::1', ' ')),
    title: field,
    content: field,
    'content:encoded': field,
    summary: field,
    creator: field,
    author: field,
    pubDate: date,
    isoDate: date,
    language: fc.oneof(field, fc.constantFrom('fr-FR', 'ar_MA', 'EN', 'x-klingon')),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<FeedEntry>;
const feed: ParsedFeed = { title: 'Acme feed', link: 'https://acme.example/', language: 'fr', items: [] };

describe('the feed-item normaliser on any entry (fast-check)', () => {
  it('always gives a valid, bounded mention with a stable id and a date no later than the poll', () => {
    fc.assert(
      fc.property(entry, (raw) => {
        const ctx = { kind: 'rss' as const, feedUrl: 'https://acme.example/feed.xml', feed, now: NOW };
        const mention = mentionFromEntry(raw, ctx);
        expect(MentionSchema.safeParse(mention).success).toBe(true);
        expect(mention.id).toMatch(/^rss:[\w-]{22}$/);
        expect(mentionFromEntry(raw, ctx).id).toBe(mention.id);
        expect([...mention.text].length).toBeLessThanOrEqual(4000);
        expect([...(mention.title ?? '')].length).toBeLessThanOrEqual(300);
        expect(mention.publishedAt).toBeLessThanOrEqual(NOW);
      }),
      { numRuns: 3_000 },
    );
  });

  it('reads HTML in linear time: a bounded count of characters examined per character, and never longer text out', () => {
    fc.assert(
      fc.property(html, (text) => {
        const meter = { steps: 0 };
        const out = htmlToText(text, meter);
        // Each needle (`<`, `>`, `-->`, `</script`…) is scanned over the text at most once, in each of two passes.
        expect(meter.steps).toBeLessThanOrEqual(16 * text.length + 16);
        expect(out.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 3_000 },
    );
  });

  it('stays linear on the inputs that made the former regular expressions quadratic', () => {
    const hostile = ['<', '<!--', '<script>', '<p ', '<![CDATA[', '<script></script', `<script></script${' '.repeat(10)}`];
    expect(hostile).toHaveLength(7);
    for (const unit of hostile) {
      const small = { steps: 0 };
      const large = { steps: 0 };
      htmlToText(unit.repeat(1_000), small);
      htmlToText(unit.repeat(100_000), large);
      // A hundred times the input, about a hundred times the work (a quadratic scan would be ten thousand times).
      expect(large.steps).toBeLessThanOrEqual(101 * small.steps + 100);
    }
  });
});
