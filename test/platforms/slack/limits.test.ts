import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '../../../src/platforms/slack/blocks.js';
import { LIMITS, chunks, clip } from '../../../src/platforms/slack/blocks.js';
import { renderParent, renderSuggestions } from '../../../src/platforms/slack/render.js';
import { T0, alertView, suggestion } from './fixtures.js';

/** Every text of a block list, with the limit that applies to it. */
function texts(blocks: KnownBlock[]): Array<{ text: string; max: number }> {
  const out: Array<{ text: string; max: number }> = [];
  for (const block of blocks) {
    if (block.type === 'header') out.push({ text: block.text.text, max: LIMITS.headerText });
    if (block.type === 'section' && block.text) out.push({ text: block.text.text, max: LIMITS.sectionText });
    if (block.type === 'context') for (const e of block.elements) if ('text' in e) out.push({ text: e.text, max: LIMITS.sectionText });
    if (block.type === 'actions') for (const e of block.elements) if (e.type === 'button') out.push({ text: e.text.text, max: LIMITS.buttonText });
  }
  return out;
}

describe('Block Kit limits', () => {
  it('clips with an ellipsis and never splits a character', () => {
    expect(clip('ab😀cd', 4)).toBe('ab😀…');
    expect(Array.from(clip('x'.repeat(5000), 3000))).toHaveLength(3000);
  });

  it('splits long text at line breaks into chunks that each fit', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i} ${'y'.repeat(20)}`);
    const parts = chunks(lines.join('\n'));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(parts.join('\n')).toBe(lines.join('\n'));
  });

  it('keeps an oversized parent within every limit, buttons last', () => {
    const huge = 'é'.repeat(10_000);
    const view = alertView({
      planName: 'P'.repeat(200),
      topPosts: Array.from({ length: 5 }, (_, i) => ({
        ref: `0000000${i}`,
        url: `https://example.com/${i}?q=${huge}`,
        author: huge,
        text: huge,
        sourceKind: 'x' as const,
        publishedAt: T0,
      })),
      sources: Array.from({ length: 12 }, () => ({ kind: 'rss' as const, channel: 'blog' as const, negative: 1, firstSeenAt: T0 })),
    });
    const { blocks, text } = renderParent(view);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    const items = texts(blocks);
    // The plan name and the posts are longer than their limits: the check below meets clipped texts, not only short ones.
    expect(items.filter((i) => Array.from(i.text).length === i.max).map((i) => i.max)).toEqual(
      expect.arrayContaining([LIMITS.headerText, LIMITS.sectionText]),
    );
    for (const item of items) expect(Array.from(item.text).length).toBeLessThanOrEqual(item.max);
    expect(blocks.at(-1)?.type).toBe('actions');
  });

  it('splits long drafts over several sections and stays under 50 blocks', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i}: we are looking into it.`).join('\n');
    const s = suggestion('en', { drafts: { holding: long, reply: long, brief: long, checklist: { do: [long], dont: [long] } } });
    const { blocks } = renderSuggestions(alertView(), s);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    const items = texts(blocks);
    // The drafts are longer than a section: they fill several sections past half the limit, which the check below meets.
    expect(items.filter((i) => i.max === LIMITS.sectionText && Array.from(i.text).length > LIMITS.sectionText / 2).length).toBeGreaterThan(1);
    for (const item of items) expect(Array.from(item.text).length).toBeLessThanOrEqual(item.max);
    expect(JSON.stringify(blocks)).toContain('/vigie show Acme Air');
    expect(blocks.at(-1)?.type).toBe('context');
  });
});
