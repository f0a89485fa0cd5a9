/**
 * Posting lists keyed by string, looked up by a word or by the first characters of a word without allocating the
 * key. Most words of a mention are in no query, so the common look-up is a miss: one hash over the word's
 * characters and one probe in a flat array.
 */
export class Postings<T> {
  /** Hash of the key in each slot; 0 marks an empty slot. */
  private hashes = new Int32Array(64);
  /** Key of each slot; undefined in a used slot marks a removed key (probing continues past it). */
  private keys: (string | undefined)[] = new Array(64);
  private lists: (T[] | undefined)[] = new Array(64);
  private mask = 63;
  /** Slots holding a key or a removed key. */
  private used = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** The list of the key equal to the first `length` code units of `word`. */
  find(word: string, length: number): T[] | undefined {
    const hash = hashOf(word, length);
    const hashes = this.hashes;
    let slot = hash & this.mask;
    for (;;) {
      const h = hashes[slot]!;
      if (h === 0) return undefined;
      if (h === hash) {
        const key = this.keys[slot];
        if (key !== undefined && key.length === length && word.startsWith(key)) return this.lists[slot];
      }
      slot = (slot + 1) & this.mask;
    }
  }

  add(key: string, item: T): void {
    const found = this.slotOf(key);
    if (found !== -1) {
      const list = this.lists[found]!;
      if (!list.includes(item)) list.push(item);
      return;
    }
    if ((this.used + 1) * 2 > this.hashes.length) this.rebuild(this.live + 1);
    const hash = hashOf(key, key.length);
    let slot = hash & this.mask;
    while (this.hashes[slot] !== 0 && this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    if (this.hashes[slot] === 0) this.used++;
    this.hashes[slot] = hash;
    this.keys[slot] = key;
    this.lists[slot] = [item];
    this.live++;
  }

  remove(key: string, item: T): void {
    const slot = this.slotOf(key);
    if (slot === -1) return;
    const list = this.lists[slot]!;
    const at = list.indexOf(item);
    if (at !== -1) list.splice(at, 1);
    if (list.length > 0) return;
    this.keys[slot] = undefined;
    this.lists[slot] = undefined;
    this.live--;
  }

  private slotOf(key: string): number {
    const hash = hashOf(key, key.length);
    let slot = hash & this.mask;
    for (;;) {
      const h = this.hashes[slot]!;
      if (h === 0) return -1;
      if (h === hash && this.keys[slot] === key) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Re-hashes into a table at most a quarter full, dropping removed keys. */
  private rebuild(needed: number): void {
    const keys = this.keys;
    const lists = this.lists;
    let capacity = 64;
    while (capacity < needed * 4) capacity *= 2;
    this.hashes = new Int32Array(capacity);
    this.keys = new Array(capacity);
    this.lists = new Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    this.live = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const list = lists[i];
      if (key === undefined || list === undefined) continue;
      const hash = hashOf(key, key.length);
      let slot = hash & this.mask;
      while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hash;
      this.keys[slot] = key;
      this.lists[slot] = list;
      this.used++;
      this.live++;
    }
  }
}

/** FNV-1a over UTF-16 code units, never 0 (0 marks an empty slot). */
function hashOf(s: string, length: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}
