import type { Document, Element } from 'domhandler';
import { findAll, findOne, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { decodeEntities } from './html-text.js';
import type { PetitionSite } from './petition-site.js';

export interface PetitionPage {
  title: string;
  signatures: number;
}

/** A page read: its title and count, or why the layout is not understood (then no number is reported). */
export type PageReading = { page: PetitionPage } | { unknownLayout: string };

/**
 * Title and signature count of a petition page, from the structures the page carries, most reliable first:
 * structured data (JSON-LD), the state the site embeds for its scripts, then the counter the site renders.
 * Only structures known for the site are read: a count found nowhere expected is "layout not understood",
 * never a number picked from the page's text.
 */
export function readPetitionPage(html: string, site: PetitionSite): PageReading {
  const document = parseDocument(html);
  const title = pageTitle(document);
  const count = jsonLdCount(document) ?? SITE_COUNTERS[site](document, html);
  if (!title) return { unknownLayout: `${site} page: no title (no h1, og:title or title element)` };
  if (count === undefined) return { unknownLayout: `${site} page: no signature count in the structures known for ${site}` };
  return { page: { title, signatures: count } };
}

const SITE_COUNTERS: Record<PetitionSite, (document: Document, html: string) => number | undefined> = {
  // change.org renders from `window.changeTargetingData = {…}`, whose petition.signatureCount.total is the count.
  'change.org': (_document, html) => {
    const state = embeddedObject(html, 'changeTargetingData');
    const total = at(state, ['petition', 'signatureCount', 'total']) ?? at(state, ['petition', 'signatureCount', 'displayed']);
    return typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
  },
  avaaz: () => undefined,
  // mesopinions renders `<div class="mo-counter"><strong>19.509</strong> signatures</div>`.
  mesopinions: (document) => {
    const counter = findOne((el) => hasClass(el, 'mo-counter'), document.children);
    const strong = counter ? findOne((el) => el.name === 'strong', counter.children) : null;
    return strong ? wholeNumber(textContent(strong)) : undefined;
  },
};

/** `<h1>`, else `og:title`, else `<title>`, with the site's "Pétition :" / "- Change.org" decorations removed. */
function pageTitle(document: Document): string | undefined {
  const h1 = findOne((el) => el.name === 'h1', document.children);
  const og = findOne((el) => el.name === 'meta' && getAttributeValue(el, 'property') === 'og:title', document.children);
  const title = findOne((el) => el.name === 'title', document.children);
  for (const candidate of [h1 && textContent(h1), og && getAttributeValue(og, 'content'), title && textContent(title)]) {
    const text = candidate ? tidyTitle(decodeEntities(candidate)) : '';
    if (text) return text;
  }
  return undefined;
}

function tidyTitle(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^p[ée]tition\s*:\s*/i, '')
    .replace(/\s*[-|·–]\s*(change\.org|avaaz|mesopinions(\.com)?)\s*$/i, '')
    .trim();
}

/** A count in JSON-LD: an InteractionCounter for signing (`interactionStatistic`), on any object of the page. */
function jsonLdCount(document: Document): number | undefined {
  const scripts = findAll((el) => el.name === 'script' && getAttributeValue(el, 'type') === 'application/ld+json', document.children);
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(textContent(script));
    } catch {
      continue;
    }
    for (const counter of objectsIn(data)) {
      const type = String(counter.interactionType ?? '');
      const n = counter.userInteractionCount;
      if (/Sign|Endorse/i.test(type) && typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
    }
  }
  return undefined;
}

function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* objectsIn(item);
  } else if (value !== null && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const child of Object.values(value)) yield* objectsIn(child);
  }
}

/**
 * The object literal a page assigns to `<name> = {…}` in an inline script, parsed as JSON (sites emit their
 * state as JSON). The object's end is found by matching braces outside strings.
 */
export function embeddedObject(html: string, name: string): unknown {
  const start = new RegExp(`\\b${name}\\s*=\\s*\\{`).exec(html);
  if (!start) return undefined;
  const open = start.index + start[0].length - 1;
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < html.length; i += 1) {
    const ch = html[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '{') {
      depth += 1;
    } else if (ch === '}') {
      depth -= 1;
      if (depth === 0) {
        try {
          return JSON.parse(html.slice(open, i + 1));
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

function at(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * A rendered count: digits with optional thousands separators as locales write them ("19.509", "19 509",
 * "19,509", "19’509"). Anything else (a decimal, "1,2 M") is not read: no guessed numbers.
 */
export function wholeNumber(text: string): number | undefined {
  const compact = text.trim();
  if (!/^\d{1,3}(?:[.,\s\u00a0\u202f'’]\d{3})*$/.test(compact) && !/^\d+$/.test(compact)) return undefined;
  return Number(compact.replace(/\D/g, ''));
}

function hasClass(el: Element, name: string): boolean {
  return (getAttributeValue(el, 'class') ?? '').split(/\s+/).includes(name);
}
