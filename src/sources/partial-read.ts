import type { PartialRead } from '../core/source-state.js';

/** Reasons kept per answer: enough to say what is wrong without quoting a whole page. */
const MAX_REASONS = 3;

/**
 * What one answer could not give, collected while the rest of it is read: items left out (with why), a
 * document that broke off, pages whose layout is not understood. `result()` is undefined when all was read.
 */
export interface PartialReadLog {
  skip(reason: string): void;
  cut(reason: string): void;
  unknownLayout(url: string, reason: string): void;
  result(): PartialRead | undefined;
}

export function partialReadLog(): PartialReadLog {
  let skipped = 0;
  let cut = false;
  const layouts: string[] = [];
  const reasons: string[] = [];
  const note = (reason: string): void => {
    if (reasons.length < MAX_REASONS && !reasons.includes(reason)) reasons.push(reason);
  };
  return {
    skip(reason) {
      skipped += 1;
      note(reason);
    },
    cut(reason) {
      cut = true;
      note(reason);
    },
    unknownLayout(url, reason) {
      if (!layouts.includes(url)) layouts.push(url);
      note(reason);
    },
    result() {
      if (skipped === 0 && !cut && layouts.length === 0) return undefined;
      return { skipped, ...(cut ? { cut } : {}), ...(layouts.length > 0 ? { unknownLayouts: layouts } : {}), detail: reasons.join('; ') };
    },
  };
}
