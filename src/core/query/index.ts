import { anchorsOf, type Anchor } from './anchors.js';
import type { CompiledQuery } from './compile.js';
import { matches } from './match.js';
import { Postings } from './postings.js';
import type { PreparedText } from './prepare.js';

/**
 * Many queries (every active plan's), each tested only against the mentions that hold one of its anchors.
 * With 1,000 plans and most mentions matching nothing, a mention costs one map look-up per word instead of
 * 3,000 query evaluations.
 */
export interface QueryIndex {
  /** Adds a query under a caller's key (e.g. `planId:brand`), replacing any query already under that key. */
  add(key: string, query: CompiledQuery): void;
  /** Removes the key's query; false when there was none. */
  remove(key: string): boolean;
  has(key: string): boolean;
  readonly size: number;
  /** Keys whose query might match: a superset of matchAll, with no query evaluated. */
  candidates(text: PreparedText): string[];
  /** Keys whose query matches, in the order their queries were added. */
  matchAll(text: PreparedText): string[];
}

interface Entry {
  key: string;
  query: CompiledQuery;
  order: number;
  /** The last look-up that found this entry: de-duplicates candidates without allocating a set per mention. */
  seen: number;
  anchors: Anchor[] | null;
}

export function createQueryIndex(): QueryIndex {
  return new TermIndex();
}

class TermIndex implements QueryIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly words = new Postings<Entry>();
  private readonly tags = new Postings<Entry>();
  private readonly handles = new Postings<Entry>();
  /** Wildcard stems, by key length. */
  private readonly prefixes = new Map<number, Postings<Entry>>();
  /** Queries without anchors (only exclusions or `lang:`): tested against every mention. */
  private readonly unanchored: Entry[] = [];
  private lookups = 0;
  private added = 0;

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  add(key: string, query: CompiledQuery): void {
    this.remove(key);
    const entry: Entry = { key, query, order: this.added++, seen: -1, anchors: anchorsOf(query.root) };
    this.entries.set(key, entry);
    if (entry.anchors === null) this.unanchored.push(entry);
    else for (const anchor of entry.anchors) this.postingsFor(anchor, true)!.add(anchor.key, entry);
  }

  remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    if (entry.anchors === null) {
      this.unanchored.splice(this.unanchored.indexOf(entry), 1);
      return true;
    }
    for (const anchor of entry.anchors) this.postingsFor(anchor, false)?.remove(anchor.key, entry);
    for (const [length, list] of this.prefixes) if (list.size === 0) this.prefixes.delete(length);
    return true;
  }

  candidates(text: PreparedText): string[] {
    return this.gather(text).map((e) => e.key);
  }

  matchAll(text: PreparedText): string[] {
    const found: Entry[] = [];
    for (const entry of this.gather(text)) if (matches(entry.query, text)) found.push(entry);
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    return found.map((e) => e.key);
  }

  private postingsFor(anchor: Anchor, create: boolean): Postings<Entry> | undefined {
    switch (anchor.kind) {
      case 'word':
        return this.words;
      case 'tag':
        return this.tags;
      case 'handle':
        return this.handles;
      case 'prefix': {
        let list = this.prefixes.get(anchor.key.length);
        if (!list && create) {
          list = new Postings();
          this.prefixes.set(anchor.key.length, list);
        }
        return list;
      }
    }
  }

  private gather(text: PreparedText): Entry[] {
    const stamp = ++this.lookups;
    const out: Entry[] = [];
    const { words, tags, handles } = text;
    if (this.words.size > 0) for (const word of words) collectNew(this.words.find(word, word.length), stamp, out);
    if (this.tags.size > 0) for (const tag of tags) collectNew(this.tags.find(tag, tag.length), stamp, out);
    if (this.handles.size > 0) for (const handle of handles) collectNew(this.handles.find(handle, handle.length), stamp, out);
    for (const [length, list] of this.prefixes) {
      for (const word of words) if (word.length >= length) collectNew(list.find(word, length), stamp, out);
    }
    collectNew(this.unanchored, stamp, out);
    return out;
  }
}

function collectNew(bucket: Entry[] | undefined, stamp: number, out: Entry[]): void {
  if (!bucket) return;
  for (const entry of bucket) {
    if (entry.seen !== stamp) {
      entry.seen = stamp;
      out.push(entry);
    }
  }
}
