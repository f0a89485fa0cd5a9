// The worker thread behind `json-off-thread.ts`. Plain JavaScript on purpose: it runs as it is from src/ (under tsx
// and vitest, which do not load TypeScript into worker threads on Node 20) and from dist/ (scripts/build.mjs copies
// it there), and it imports nothing of ours.
import { parentPort } from 'node:worker_threads';

/** Elements per piece: rebuilding one piece on the main thread takes about a millisecond. */
const PIECE = 1_000;

/**
 * Empty in place every array of `value` longer than a piece, queueing its elements with the path to it: what is
 * left is small enough to hand over in one message, and the queued elements follow a piece at a time.
 */
function detach(value, path, later) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (value.length > PIECE) {
      later.push({ path, items: value });
      return [];
    }
    for (let i = 0; i < value.length; i += 1) value[i] = detach(value[i], [...path, i], later);
    return value;
  }
  for (const key of Object.keys(value)) value[key] = detach(value[key], [...path, key], later);
  return value;
}

parentPort.on('message', ({ id, text, port }) => {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    parentPort.postMessage({ id, syntax: error instanceof Error ? error.message : String(error) });
    return;
  }
  const later = [];
  port.postMessage({ root: detach(value, [], later) });
  let pieces = 1;
  // Breadth first: an array's pieces are sent before the big arrays found inside them, so every path exists when its piece arrives.
  for (let next = later.shift(); next !== undefined; next = later.shift()) {
    for (let start = 0; start < next.items.length; start += PIECE) {
      const items = next.items.slice(start, start + PIECE);
      for (let i = 0; i < items.length; i += 1) items[i] = detach(items[i], [...next.path, start + i], later);
      port.postMessage({ path: next.path, items });
      pieces += 1;
    }
  }
  // The main thread reads the pieces and closes the channel.
  parentPort.postMessage({ id, pieces });
});
