import { describe, expect, it } from 'vitest';
import { brokenOff, repairEntities } from '../../src/sources/xml-repair.js';

describe('repairEntities', () => {
  it('turns HTML entities into numeric references and a bare & into &amp;, leaving XML entities alone', () => {
    expect(repairEntities('<t>Caf&eacute; &amp; th&eacute;&nbsp;: A&B &lt;ok&gt; &#233; &#xE9;</t>')).toBe(
      '<t>Caf&#233; &amp; th&#233;&#160;: A&amp;B &lt;ok&gt; &#233; &#xE9;</t>',
    );
  });

  it('escapes names that are no entity at all, and never touches CDATA sections or comments', () => {
    expect(repairEntities('<t>&bogus; <![CDATA[a & b &eacute;]]> <!-- & --></t>')).toBe('<t>&amp;bogus; <![CDATA[a & b &eacute;]]> <!-- & --></t>');
  });
});

describe('brokenOff', () => {
  const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>';
  it('keeps whole items before a break and closes what is open', () => {
    const cut = brokenOff(`${head}<item><title>one</title></item><item><title>tw`);
    expect(cut).toEqual({ xml: `${head}<item><title>one</title></item></channel></rss>`, reason: expect.stringMatching(/^Unclosed/) });
  });

  it('keeps the items before a malformed one', () => {
    expect(brokenOff(`${head}<item><title>one</title></item><item><title>a < b</title></item></channel></rss>`)?.xml).toBe(
      `${head}<item><title>one</title></item></channel></rss>`,
    );
  });

  it('gives nothing for a whole document or for a document that is not a feed', () => {
    expect(brokenOff(`${head}<item><title>one</title></item></channel></rss>`)).toBeUndefined();
    expect(brokenOff('<html><head><title>x</title></head><body><p>unclosed')).toBeUndefined();
  });
});
