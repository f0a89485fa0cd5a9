import { decodeHTML } from 'entities';
/**
 * HTML fragments (feed descriptions, post bodies) to the plain text the matcher and the sentiment model read.
 * Not a full HTML parser: inline tags vanish (`d&rsquo;<b>Acme</b>` is "d’Acme"), block tags and line breaks
 * become spaces, entities are decoded.
 */
const BLOCK_TAG =
  /<\/?(p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|pre|section|article|header|footer|aside|nav|figure|figcaption|img)\b[^>]*>/gi;

/** HTML entities (named, decimal, hex) to text, as browsers decode them. */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

export function htmlToText(html: string): string {
  const withoutMarkup = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(withoutMarkup).replace(/\s+/g, ' ').trim();
}

// How far back a cut may move to end on a whole word.
const WORD_BOUNDARY_WINDOW = 30;

/** At most `maxChars` characters, cut on a word boundary when one is near, never inside a surrogate pair. */
export function truncateText(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  const cut = chars.slice(0, maxChars - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > 0 && cut.length - space <= WORD_BOUNDARY_WINDOW ? cut.slice(0, space) : cut}…`;
}
