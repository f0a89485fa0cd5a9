/**
 * What one JSON answer from a source may hold before it is parsed. The body is already capped in bytes
 * (VIGIE_HTTP_MAX_BYTES, `http-body.ts`), but bytes are not memory: 4.8 MB of `{},{},…` parses into 1.6 million
 * objects (about 100 MiB, 0.9 s of blocked event loop) and 4.8 MB of `[[[…` into 2.4 million nested arrays. No
 * platform Vigie reads nests deeper than a dozen levels or sends more than a few thousand objects per page, so
 * these limits only refuse hostile or broken answers; within them a parsed answer stays under about 40 MiB.
 */
export const JSON_BUDGET = {
  /** Nesting of arrays and objects. */
  maxDepth: 32,
  /** Arrays and objects in one answer. */
  maxContainers: 250_000,
  /** Strings, numbers, booleans and nulls in one answer. */
  maxScalars: 1_000_000,
} as const;

/** Characters scanned between two turns of the event loop. */
const SCAN_SLICE = 256 * 1024;

export type JsonBudget = { maxDepth: number; maxContainers: number; maxScalars: number };

/**
 * One linear pass over the text, counting without building anything: the reason the answer is over budget, or
 * undefined. Invalid JSON is left for JSON.parse to report; the scan only has to be right about valid JSON.
 */
export async function overJsonBudget(text: string, budget: JsonBudget = JSON_BUDGET): Promise<string | undefined> {
  let depth = 0;
  let nextTurn = SCAN_SLICE;
  let containers = 0;
  let scalars = 0;
  // A scalar starts at a character that is not structure, whitespace, or inside one already.
  let inScalar = false;
  for (let i = 0; i < text.length; i += 1) {
    if (i >= nextTurn) {
      // A 5 MiB answer is scanned in about twenty slices, each a few milliseconds, with the event loop free between.
      nextTurn = i + SCAN_SLICE;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      scalars += 1;
      inScalar = false;
      i = closingQuote(text, i);
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      inScalar = false;
      depth += 1;
      containers += 1;
      if (depth > budget.maxDepth) return `nested deeper than ${budget.maxDepth} levels`;
      if (containers > budget.maxContainers) return `more than ${budget.maxContainers} arrays and objects`;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      inScalar = false;
      depth -= 1;
    } else if (c === 0x2c /* , */ || c === 0x3a /* : */ || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      inScalar = false;
    } else if (!inScalar) {
      inScalar = true;
      scalars += 1;
    }
    if (scalars > budget.maxScalars) return `more than ${budget.maxScalars} values`;
  }
  return undefined;
}

/** Index of the quote that closes the string opened at `open` (the end of the text if none): native search, then escapes checked. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at > 0) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return text.length;
}
