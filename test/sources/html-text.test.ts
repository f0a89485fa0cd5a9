import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, truncateText } from '../../src/sources/html-text.js';

describe('htmlToText', () => {
  it('drops inline tags without splitting words and turns blocks into spaces', () => {
    expect(htmlToText('<p>Les clients d&rsquo;<b>Acme</b></p><p>sont<br/>furieux</p>')).toBe('Les clients d’Acme sont furieux');
  });

  it('drops scripts, styles and comments entirely', () => {
    expect(htmlToText('<style>p{}</style>avant<script>alert("x")</script> <!-- note -->après')).toBe('avant après');
  });

  it('decodes named and numeric entities, keeping unknown ones', () => {
    expect(decodeEntities('&eacute;t&eacute; &#233; &#x627;&#x644; &bogus; &amp;lt;')).toBe('été é ال &bogus; &lt;');
  });
});

describe('truncateText', () => {
  it('keeps short text as is', () => {
    expect(truncateText('court', 10)).toBe('court');
  });

  it('cuts on a word boundary with an ellipsis', () => {
    expect(truncateText('un deux trois quatre cinq six', 20)).toBe('un deux trois…');
  });

  it('never cuts inside a surrogate pair', () => {
    const cut = truncateText('😀'.repeat(10), 5);
    expect(Array.from(cut)).toEqual(['😀', '😀', '😀', '😀', '…']);
  });
});
