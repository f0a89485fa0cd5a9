import { decodeHTML } from 'entities';
/**
 * HTML fragments (feed descriptions, post bodies) to the plain text the matcher and the sentiment model read.
 * Not a full HTML parser: inline tags vanish (`d&rsquo;<b>Acme</b>` is "d’Acme"), block tags and line breaks
 * become spaces, comments, scripts and styles go, CDATA keeps its text, entities are decoded.
 *
 * One pass from left to right, in time linear in the input: the regular expressions this replaces
 * (`<[^>]*>`, `<!--[\s\S]*?-->`) scanned to the end of the text again from every `<` that had no closing `>`,
 * so 40,000 `<` took over a second and a 1 MB hostile description would have held the event loop for minutes.
 */
const BLOCK_TAGS = new Set(
  'p div br hr li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table thead tbody blockquote pre section article header footer aside nav figure figcaption img'.split(
    ' ',
  ),
);
/** Elements whose content is not text. */
const RAW_TAGS = new Set(['script', 'style', 'noscript', 'template']);
const TAG_NAME = /<(\/?)([A-Za-z0-9_]+)/y;
const OPENS_TAG = /^[A-Za-z/!?]$/;

/** HTML entities (named, decimal, hex) to text, as browsers decode them. */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

/** Characters examined by `htmlToText`, for the tests that prove it linear. */
export interface ScanMeter {
  steps: number;
}

export function htmlToText(source: string, meter?: ScanMeter): string {
  // Most titles and posts hold no markup at all: no scan, no decoding.
  if (!source.includes('<')) return (source.includes('&') ? decodeEntities(source) : source).replace(/\s+/g, ' ').trim();
  const html = source.includes('<![CDATA[') ? withoutCdataMarkers(source, meter) : source;
  const find = forwardFinder(html, meter);
  // Where a `</script` found at some index ends (or -1): looked at once, however many `<script` lead to it.
  const closings = new Map<number, number>();
  const parts: string[] = [];
  // Text from `i` is kept; `scan` is where the next `<` is looked for (past a `<` that opened nothing, which is text).
  let i = 0;
  let scan = 0;
  const drop = (lt: number, replacement: string, next: number): void => {
    parts.push(html.slice(i, lt), replacement);
    i = next;
    scan = next;
  };
  for (;;) {
    const lt = find('<', scan);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = find('-->', lt + 4);
      if (end >= 0) {
        drop(lt, ' ', end + 3);
        continue;
      }
    } else if (!OPENS_TAG.test(html[lt + 1] ?? '')) {
      // `a < b`: a `<` not followed by a tag name, `/` or `!` is text, as in browsers.
      scan = lt + 1;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const tag = TAG_NAME.exec(html);
    const name = tag?.[2]?.toLowerCase();
    if (tag && tag[1] === '' && name && RAW_TAGS.has(name)) {
      const close = find(`</${name}`, lt + 1, true);
      let end = close >= 0 ? closings.get(close) : -1;
      if (end === undefined) {
        end = closingEnd(html, close + name.length + 2);
        closings.set(close, end);
      }
      if (end >= 0) {
        drop(lt, ' ', end);
        continue;
      }
    }
    const gt = find('>', lt + 1);
    if (gt < 0) {
      // A `<` that opens nothing is text.
      scan = lt + 1;
      continue;
    }
    drop(lt, name && BLOCK_TAGS.has(name) ? ' ' : '', gt + 1);
  }
  parts.push(html.slice(i));
  return decodeEntities(parts.join('')).replace(/\s+/g, ' ').trim();
}

/**
 * `<![CDATA[…]]>` inside a description usually wraps more HTML: the markers go and what they held is read as HTML.
 * An opening marker with no closing one is left as it is.
 */
function withoutCdataMarkers(html: string, meter: ScanMeter | undefined): string {
  const find = forwardFinder(html, meter);
  const parts: string[] = [];
  let i = 0;
  for (;;) {
    const open = find('<![CDATA[', i);
    const close = open < 0 ? -1 : find(']]>', open + 9);
    if (close < 0) break;
    parts.push(html.slice(i, open), html.slice(open + 9, close));
    i = close + 3;
  }
  if (i === 0) return html;
  parts.push(html.slice(i));
  return parts.join('');
}

/** After `</script`: optional spaces then `>`; the index after it, or -1 (then it is not a closing tag). */
function closingEnd(html: string, from: number): number {
  let j = from;
  while (j < html.length && /\s/.test(html[j]!)) j += 1;
  return html[j] === '>' ? j + 1 : -1;
}

/**
 * `indexOf` that never scans the same stretch twice for the same needle: the scan moves only forward, and a
 * needle known to be absent after some point is not looked for again. This is what keeps `htmlToText` linear.
 */
function forwardFinder(html: string, meter: ScanMeter | undefined) {
  const lower = new Map<string, string>();
  const last = new Map<string, { from: number; at: number }>();
  return (needle: string, from: number, ignoreCase = false): number => {
    const key = ignoreCase ? `i${needle}` : needle;
    const known = last.get(key);
    if (known && from >= known.from && (known.at < 0 || from <= known.at)) return known.at;
    const at = ignoreCase ? indexOfIgnoringCase(html, needle, from, lower) : html.indexOf(needle, from);
    if (meter) meter.steps += (at < 0 ? html.length : at + needle.length) - from;
    last.set(key, { from, at });
    return at;
  };
}

/** `needle` is ASCII lower case; the text is lowered once (per needle's first letter) where it is ASCII. */
function indexOfIgnoringCase(html: string, needle: string, from: number, cache: Map<string, string>): number {
  let lowered = cache.get('');
  if (lowered === undefined) {
    // Lowering only A–Z keeps every index where it was (full Unicode lowering can change lengths).
    lowered = html.replace(/[A-Z]/g, (c) => c.toLowerCase());
    cache.set('', lowered);
  }
  return lowered.indexOf(needle, from);
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
