import { decodeHTML } from 'entities';
import sax from 'sax';

/**
 * What real feeds get wrong at the XML level, and how much of such a document can still be read. Strict XML
 * parsers refuse a whole document for one bad character; publishers' feeds are hand-made, templated or cut
 * off mid-way often enough that refusing them would hide whole sources.
 */

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
// Markup sections whose text is not parsed for entities: left exactly as they are.
const VERBATIM = /(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/;

/**
 * HTML entities are not XML: `&eacute;` or `&nbsp;` in a title (common in French feeds) and a bare `&` in a
 * link make a strict parser stop. Known HTML entities become numeric references, anything else an escaped `&`.
 */
export function repairEntities(xml: string): string {
  return xml
    .split(VERBATIM)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/&(?:(#\d+|#x[0-9a-f]+)|([a-z][a-z0-9]*));|&/gi, entityReference)))
    .join('');
}

function entityReference(whole: string, numeric: string | undefined, name: string | undefined): string {
  if (numeric) return whole;
  if (!name) return '&amp;';
  if (XML_ENTITIES.has(name)) return whole;
  const decoded = decodeHTML(whole);
  if (decoded === whole) return `&amp;${name};`;
  return Array.from(decoded, (char) => `&#${char.codePointAt(0)};`).join('');
}

export interface BrokenOff {
  /** The document up to the last element that closed before the break, with the open elements closed. */
  xml: string;
  /** The parser's reason, e.g. "Unclosed root tag" for a document cut off in transit. */
  reason: string;
}

const FEED_ROOTS = new Set(['rss', 'rdf:RDF', 'feed']);
// Children of the root (RDF items, Atom entries, the RSS channel) and of the RSS channel (items): closing one of
// them leaves a document that is whole down to the item level.
const WHOLE_DEPTH = 2;

/**
 * A feed that breaks off (a server that stopped mid-way, a malformed item): the items before the break,
 * as a well-formed document. Undefined when the document reads to its end or is not a feed at all.
 */
export function brokenOff(xml: string): BrokenOff | undefined {
  const parser = sax.parser(true, { position: true });
  const open: string[] = [];
  let root: string | undefined;
  let last: { end: number; open: string[] } | undefined;
  let reason: string | undefined;
  parser.onopentag = (tag) => {
    root ??= tag.name;
    open.push(tag.name);
  };
  parser.onclosetag = () => {
    open.pop();
    if (open.length <= WHOLE_DEPTH) last = { end: parser.position, open: [...open] };
  };
  parser.onerror = (error) => {
    reason = error.message.split('\n')[0];
    throw error;
  };
  try {
    parser.write(xml).close();
  } catch {
    // `reason` says why; the document is cut at `last`.
  }
  if (reason === undefined || last === undefined || root === undefined || !FEED_ROOTS.has(root)) return undefined;
  const closing = [...last.open].reverse().map((name) => `</${name}>`);
  return { xml: xml.slice(0, last.end) + closing.join(''), reason };
}
