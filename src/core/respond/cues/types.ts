import type { CategoryId } from '../types.js';

/** A category that cues can point at: `other` is what is left when no cue fires. */
export type CuedCategory = Exclude<CategoryId, 'other'>;

/**
 * Cue phrases of one language and their weights, per category. A phrase is words separated by spaces, matched on
 * whole normalised words (case and accents ignored); `*` at the end of a word matches any ending ("cancel*"),
 * at its start any beginning ("*تأخير" also matches "والتأخير"). A text's score for a category is the sum of the
 * weights of the distinct cues it contains.
 */
export type CueTable = Partial<Record<CuedCategory, Record<string, number>>>;
