import { z } from 'zod';
import { ScopeSchema } from '../plan.js';
import { SentimentLabelSchema } from '../sentiment/types.js';

/**
 * A person's verdict on the sentiment of one post: "this is not negative, it is neutral". Stored per workspace
 * (the Slack team or Teams tenant of the person), keyed by the post's mention id, so a post corrected twice keeps
 * the latest verdict. It holds the post's text: the override index matches later copies of it, and
 * `vigie corrections export` turns it into a training row.
 */
export const CorrectionSchema = z.object({
  scope: ScopeSchema,
  /** The mention id of the post (stable across polls). */
  postId: z.string().min(1),
  /** The plan whose evidence showed the post; the correction goes with the plan when it is removed. */
  planId: z.string().min(1),
  incidentId: z.string().min(1).optional(),
  text: z.string(),
  lang: z.string().optional(),
  label: SentimentLabelSchema,
  /** What the model had said. */
  previous: SentimentLabelSchema,
  by: z.string().min(1),
  at: z.number(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** The length of the reference shown beside each evidence post, and the shortest prefix of it a command accepts. */
export const POST_REF_LENGTH = 8;
export const POST_REF_MIN = 6;

/**
 * A short, stable reference for a post: mention ids are long (`x:1893…`, `mastodon:https://…`), so alerts show
 * 8 hex digits of a hash of the id (FNV-1a, 32 bits). Among the few hundred evidence posts of a workspace a clash
 * is unlikely, and an ambiguous prefix is refused rather than guessed.
 */
export function postRef(postId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < postId.length; i++) h = Math.imul(h ^ postId.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(POST_REF_LENGTH, '0');
}

/** Does what the user typed name this post: its full mention id, or at least POST_REF_MIN leading characters of its reference. */
export function refersTo(typed: string, postId: string): boolean {
  if (typed === postId) return true;
  const ref = typed.toLowerCase();
  return ref.length >= POST_REF_MIN && ref.length <= POST_REF_LENGTH && postRef(postId).startsWith(ref);
}
